"""Patient-match candidates for an incoming referral (steptwo/referrals/matching.py)."""

import datetime

import pytest

from steptwo.patients.models import Patient
from steptwo.referrals import matching
from steptwo.referrals.matching import Verdict
from steptwo.referrals.tests.test_intake import make_incoming
from steptwo.tests import builders

pytestmark = pytest.mark.django_db

BORN = datetime.date(1985, 6, 15)  # the fixture patient's date of birth


def candidates_for(incoming):
    return matching.find_candidates(incoming, Patient.objects.filter(service=incoming.service))


def test_exact_match_on_nhs_number_even_when_other_details_differ(pwp, patient):
    incoming = make_incoming(
        pwp, nhs_number=patient.nhs_number, given_name="Sam", date_of_birth=datetime.date(1990, 1, 1)
    )

    [candidate] = candidates_for(incoming)

    assert (candidate.patient, candidate.exact, candidate.reasons) == (patient, True, ("Same NHS number",))


def test_close_match_on_date_of_birth_and_postcode_ignoring_spaces_and_case(pwp, patient):
    incoming = make_incoming(pwp, given_name="Jordan", family_name="Smith", date_of_birth=BORN, postcode="ne14xx")

    [candidate] = candidates_for(incoming)

    assert not candidate.exact
    assert candidate.reasons == ("Same date of birth and postcode",)


def test_close_match_on_date_of_birth_and_same_family_name(pwp, patient):
    incoming = make_incoming(pwp, given_name="Alexandra", family_name="EXAMPLE", date_of_birth=BORN, postcode="")

    [candidate] = candidates_for(incoming)

    assert candidate.reasons == ("Same date of birth and a similar name",)


def test_close_match_on_date_of_birth_and_a_slightly_misspelt_name(pwp, patient):
    incoming = make_incoming(pwp, given_name="Alex", family_name="Exampel", date_of_birth=BORN, postcode="")

    assert [c.patient for c in candidates_for(incoming)] == [patient]
    assert matching.name_similarity(incoming, patient) >= matching.CLOSE_NAME_RATIO


def test_accents_hyphens_and_apostrophes_do_not_stop_a_name_matching():
    assert matching.normalise_name("O'Brien-Zoë") == matching.normalise_name("obrien zoe")


def test_no_match_for_same_date_of_birth_with_different_name_and_postcode(pwp, patient):
    incoming = make_incoming(pwp, given_name="Jordan", family_name="Smith", date_of_birth=BORN, postcode="NE2 1AA")

    assert candidates_for(incoming) == []


def test_no_match_for_same_name_and_postcode_with_another_date_of_birth(pwp, patient):
    incoming = make_incoming(
        pwp, given_name="Alex", family_name="Example", date_of_birth=datetime.date(1985, 6, 16), postcode="NE1 4XX"
    )

    assert candidates_for(incoming) == []


def test_only_patients_in_the_given_queryset_are_candidates(pwp, other_pwp, other_patient):
    incoming = make_incoming(pwp, nhs_number=other_patient.nhs_number)

    assert candidates_for(incoming) == []


def test_exact_matches_come_first(pwp, service, patient):
    close = builders.make_patient(service, pwp, nhs_number="", given_name="Alex", family_name="Example", postcode="")
    incoming = make_incoming(
        pwp, nhs_number=patient.nhs_number, given_name="Alex", family_name="Example", date_of_birth=BORN
    )

    assert [c.patient for c in candidates_for(incoming)] == [patient, close]


def test_candidate_carries_its_open_referrals_only(pwp, patient, referral, team):
    from steptwo.referrals import services
    from steptwo.referrals.codes import ReferralStatus

    discharged = builders.make_referral(patient, team, pwp, received_date=datetime.date(2025, 1, 1))
    services.change_status(by=pwp, referral=discharged, to=ReferralStatus.DISCHARGED)

    [candidate] = candidates_for(make_incoming(pwp, nhs_number=patient.nhs_number))

    assert candidate.open_referrals == (referral,)


def test_comparison_has_a_row_per_detail_with_a_verdict_in_words(pwp, patient):
    incoming = make_incoming(
        pwp, nhs_number=patient.nhs_number, given_name="alex", family_name="example", date_of_birth=BORN,
        postcode="NE9 9ZZ", email="", gp_practice_name="Riverside Surgery",
    )  # fmt: skip

    rows = {row.label: row for row in matching.compare(incoming, patient)}

    assert list(rows) == [
        "Name", "Date of birth", "NHS number", "Address", "Town or city", "Postcode", "Mobile phone", "Email",
        "GP practice",
    ]  # fmt: skip
    assert rows["Name"].verdict == Verdict.SAME
    assert (rows["Date of birth"].incoming, rows["Date of birth"].verdict) == ("15 June 1985", Verdict.SAME)
    assert (rows["NHS number"].incoming, rows["NHS number"].verdict) == ("943 476 5919", Verdict.SAME)
    assert (rows["Postcode"].verdict, rows["Postcode"].differs) == (Verdict.DIFFERENT, True)
    assert rows["Mobile phone"].verdict == Verdict.NOT_ON_RECORD
    assert rows["Email"].verdict == Verdict.NEITHER
    assert rows["GP practice"].verdict == Verdict.NOT_ON_RECORD


def test_phone_numbers_compare_by_digits_and_match_the_other_phone(pwp, service):
    patient = builders.make_patient(service, pwp, mobile_phone="07700900111", other_phone="07700 900982")
    incoming = make_incoming(pwp, mobile_phone="07700 900 982")

    [phone] = [row for row in matching.compare(incoming, patient) if row.label == "Mobile phone"]

    assert phone.verdict == Verdict.SAME


def test_contact_differences_leave_out_matching_and_missing_details(pwp, patient):
    incoming = make_incoming(pwp, nhs_number="", postcode="NE1 4XX", email="", address_line_1="", town="")

    labels = [row.label for row in matching.contact_differences(incoming, patient)]

    assert labels == ["Mobile phone", "GP practice"]


def test_why_a_candidate_is_shown_reads_as_one_sentence(pwp, patient):
    incoming = make_incoming(pwp, given_name="Alex", family_name="Example", date_of_birth=BORN, postcode="NE1 4XX")

    [candidate] = candidates_for(incoming)

    assert candidate.why == "Same date of birth and postcode; same date of birth and a similar name"
