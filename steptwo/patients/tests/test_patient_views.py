import pytest

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def new_patient_post(**overrides):
    return {
        "nhs_number": "943 476 5919", "given_name": "Robin", "family_name": "Newman",
        "date_of_birth-day": "2", "date_of_birth-month": "3", "date_of_birth-year": "1990",
    } | overrides  # fmt: skip


def test_patient_of_another_service_is_not_found(pwp_client, other_patient):
    assert pwp_client.get(f"/patients/{other_patient.pk}/").status_code == 404
    assert pwp_client.get(f"/patients/{other_patient.pk}/edit/").status_code == 404
    assert pwp_client.get(f"/referrals/new/for-patient/{other_patient.pk}/").status_code == 404


def test_viewing_patient_record_writes_an_audit_row(pwp_client, pwp, patient):
    response = pwp_client.get(f"/patients/{patient.pk}/")

    event = AuditEvent.objects.filter(action=AuditAction.VIEW, patient_id=patient.pk).get()
    assert event.actor_id == pwp.pk
    assert event.object_type == "patient"
    assert event.object_id == str(patient.pk)
    assert event.request_id == response["X-Request-ID"]
    assert event.ip_address == "127.0.0.1"


def test_patient_record_shows_demographics_referrals_and_timeline(pwp_client, patient, referral):
    content = pwp_client.get(f"/patients/{patient.pk}/").content.decode()

    assert "943 476 5919" in content
    assert "15 June 1985" in content
    assert "GP practice" in content and "Low mood and worry" in content
    assert "Patient record created" in content
    assert "waiting for assessment" in content


def test_list_of_my_patients_shows_only_my_open_referrals(pwp_client, service, team, pwp, patient, referral):
    colleague = builders.make_staff(service, Role.PWP, teams=[team])
    theirs = builders.make_patient(service, colleague, nhs_number="3417284996", given_name="Kim", family_name="Other")
    builders.make_referral(theirs, team, colleague)

    content = pwp_client.get("/patients/?scope=mine").content.decode()

    assert "EXAMPLE, Alex" in content
    assert "OTHER, Kim" not in content
    assert "OTHER, Kim" in pwp_client.get("/patients/?scope=team").content.decode()


def test_service_wide_search_never_shows_other_services(pwp_client, patient, other_patient):
    content = pwp_client.get("/patients/?scope=all&q=341+728+4996").content.decode()

    assert "Elsewhere" not in content
    assert "No patients match" in content


@pytest.mark.parametrize("query", ["943 476 5919", "9434765919", "15/06/1985", "exam", "Alex Example"])
def test_search_finds_patient_by_nhs_number_date_of_birth_or_name(pwp_client, patient, query):
    content = pwp_client.get("/patients/", {"scope": "all", "q": query}).content.decode()

    assert "EXAMPLE, Alex" in content


def test_patient_list_is_audited(pwp_client, pwp, patient, referral):
    pwp_client.get("/patients/?scope=mine")

    event = AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="patient_list").get()
    assert event.detail["shown"] == [patient.pk]


def test_adding_a_patient_creates_and_audits_then_asks_for_referral(pwp_client, service):
    response = pwp_client.post("/patients/new/", new_patient_post())

    patient = service.patients.get()
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/new/for-patient/{patient.pk}/"
    assert patient.nhs_number == "9434765919"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, patient_id=patient.pk).exists()


def test_add_patient_error_state_keeps_everything_typed(pwp_client, service):
    response = pwp_client.post("/patients/new/", new_patient_post(nhs_number="943 476 5918", town="Gateshead"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "This is not a valid NHS number" in content
    assert 'href="#id_nhs_number"' in content
    for typed in ['value="943 476 5918"', 'value="Robin"', 'value="Newman"', 'value="Gateshead"', 'value="1990"']:
        assert typed in content
    assert content.count("<title>Error: ") == 1
    assert not service.patients.exists()


def test_editing_saves_and_bumps_version(pwp_client, patient):
    data = new_patient_post(nhs_number="9434765919", version=patient.version)

    response = pwp_client.post(f"/patients/{patient.pk}/edit/", data)

    patient.refresh_from_db()
    assert response.status_code == 302
    assert (patient.given_name, patient.version) == ("Robin", 2)


def test_edit_based_on_an_old_version_is_refused_and_keeps_input(pwp_client, pwp, patient):
    from steptwo.patients import services

    services.update_patient(by=pwp, patient=patient, expected_version=1, town="Durham")
    response = pwp_client.post(f"/patients/{patient.pk}/edit/", new_patient_post(nhs_number="9434765919", version=1))

    patient.refresh_from_db()
    assert response.status_code == 200
    assert "Someone else changed this patient" in response.content.decode()
    assert "Town or city: Durham" in response.content.decode()
    assert 'value="Robin"' in response.content.decode()
    assert (patient.given_name, patient.town) == ("Alex", "Durham")


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN])
def test_roles_without_patient_access_get_403(client, staff_in_role, patient, role):
    client.force_login(staff_in_role(role))

    assert client.get(f"/patients/{patient.pk}/").status_code == 403
    assert client.get("/patients/").status_code == 403


def test_service_manager_can_view_but_not_add_patients(client, staff_in_role, patient):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    assert client.get(f"/patients/{patient.pk}/").status_code == 200
    assert client.get("/patients/new/").status_code == 403


def test_admin_staff_can_add_patients(client, staff_in_role):
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    assert client.get("/patients/new/").status_code == 200


def test_signed_out_user_is_sent_to_sign_in(client, patient):
    response = client.get(f"/patients/{patient.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")


def test_address_is_shown_one_part_per_line_and_escaped(pwp_client, pwp, service):
    patient = builders.make_patient(service, pwp, address_line_1="1 <b>High</b> St", town="Leeds", postcode="LS1 1AA")

    content = pwp_client.get(f"/patients/{patient.pk}/").content.decode()

    assert "1 &lt;b&gt;High&lt;/b&gt; St<br>Leeds<br>LS1 1AA" in content
