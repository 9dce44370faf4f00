import pytest

from steptwo.patients.forms.patient_form import PatientForm

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "nhs_number": "943 476 5919", "given_name": "Alex", "family_name": "Example",
        "date_of_birth-day": "15", "date_of_birth-month": "6", "date_of_birth-year": "1985",
        "postcode": "ne1 4xx", "contact_consent": ["consent_to_letters"],
    } | overrides  # fmt: skip


@pytest.mark.parametrize("typed", ["943 476 5919", "943 4765919", "9434765919"])
def test_nhs_number_accepted_with_or_without_spaces(service, typed):
    form = PatientForm(form_data(nhs_number=typed), service=service)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nhs_number"] == "9434765919"


def test_invalid_nhs_number_refused_and_other_answers_kept(service):
    form = PatientForm(form_data(nhs_number="943 476 5918"), service=service)

    assert not form.is_valid()
    assert form.errors["nhs_number"] == ["This is not a valid NHS number. Check it has been typed correctly"]
    assert form["given_name"].value() == "Alex"
    assert form["nhs_number"].value() == "943 476 5918"
    assert form["date_of_birth"].value() == {"day": "15", "month": "6", "year": "1985"}


def test_nine_digit_nhs_number_has_its_own_message(service):
    form = PatientForm(form_data(nhs_number="943 476 591"), service=service)

    assert not form.is_valid()
    assert form.errors["nhs_number"] == ["NHS number must be 10 digits, like 943 476 5919"]


def test_nhs_number_is_optional(service):
    form = PatientForm(form_data(nhs_number=""), service=service)

    assert form.is_valid(), form.errors


def test_nhs_number_already_used_in_service_is_refused(service, patient):
    form = PatientForm(form_data(), service=service)

    assert not form.is_valid()
    assert "already has this NHS number" in form.errors["nhs_number"][0]


def test_same_nhs_number_allowed_in_another_service(other_service, patient):
    assert PatientForm(form_data(), service=other_service).is_valid()


def test_editing_patient_keeps_own_nhs_number(service, patient):
    assert PatientForm(form_data(), service=service, patient=patient).is_valid()


@pytest.mark.parametrize(
    "parts,message",
    [
        (
            {"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""},
            "Enter the patient's date of birth",
        ),
        ({"date_of_birth-year": ""}, "Date of birth must include a year"),
        ({"date_of_birth-day": "", "date_of_birth-year": ""}, "Date of birth must include a day and year"),
        ({"date_of_birth-day": "31", "date_of_birth-month": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth-month": "13"}, "Date of birth must be a real date"),
        ({"date_of_birth-year": "85"}, "Date of birth must be a real date"),
        ({"date_of_birth-year": "2999"}, "Date of birth must be today or in the past"),
    ],
)
def test_date_of_birth_errors_are_specific(service, parts, message):
    form = PatientForm(form_data(**parts), service=service)

    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]


def test_postcode_is_tidied(service):
    form = PatientForm(form_data(postcode=" ne1   4xx "), service=service)

    assert form.is_valid()
    assert form.cleaned_data["postcode"] == "NE1 4XX"


def test_consent_is_stored_as_one_flag_per_way_of_contact(service):
    form = PatientForm(
        form_data(contact_consent=["consent_to_email", "consent_to_letters"], email="a@example.com"), service=service
    )

    assert form.is_valid(), form.errors
    fields = form.patient_fields()
    assert (fields["consent_to_sms"], fields["consent_to_email"], fields["consent_to_letters"]) == (False, True, True)


def test_consent_to_texts_needs_a_mobile_number(service):
    form = PatientForm(form_data(contact_consent=["consent_to_sms"]), service=service)

    assert not form.is_valid()
    assert "mobile phone number" in form.errors["mobile_phone"][0]


def test_missing_names_have_specific_messages(service):
    form = PatientForm(form_data(given_name="", family_name=""), service=service)

    assert not form.is_valid()
    assert form.errors["given_name"] == ["Enter the patient's first name"]
    assert form.errors["family_name"] == ["Enter the patient's last name"]
