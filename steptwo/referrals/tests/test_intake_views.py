"""Staff intake pages: /intake/ (queue), /intake/new/ (professional referral), /intake/<pk>/ (triage)."""

import datetime

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import intake
from steptwo.referrals.codes import IncomingStatus, ReferralStatus
from steptwo.referrals.models import IncomingReferral
from steptwo.referrals.tests.test_intake import make_incoming

pytestmark = pytest.mark.django_db


def professional_post(**overrides):
    return {
        "received_date-day": "5", "received_date-month": "1", "received_date-year": "2026", "source": "A1",
        "referrer": "Dr A Khan, Riverside Surgery", "given_name": "Robin", "family_name": "Newman",
        "date_of_birth-day": "2", "date_of_birth-month": "3", "date_of_birth-year": "1990",
        "postcode": "NE2 1AA", "reason": "Low mood since a bereavement",
    } | overrides  # fmt: skip


# --- Queue ---------------------------------------------------------------------------------------


def test_queue_lists_referrals_awaiting_triage_oldest_first_with_count(pwp_client, pwp):
    newer = make_incoming(pwp, given_name="Newer", received_date=timezone.localdate())
    older = make_incoming(pwp, given_name="Older", received_date=timezone.localdate() - datetime.timedelta(days=9))
    intake.reject(by=pwp, incoming=make_incoming(pwp, given_name="Rejected"), reason="Duplicate")

    content = pwp_client.get("/intake/").content.decode()

    assert "Referrals to triage (2)" in content
    assert content.index("NEWMAN, Older") < content.index("NEWMAN, Newer")
    assert "Rejected" not in content
    assert "9</td>" in content  # days since received
    assert "GP practice" in content and "2 March 1990" in content
    assert f'href="/intake/{older.pk}/"' in content and newer.reference in content


def test_queue_is_audited_with_what_it_showed(pwp_client, pwp):
    incoming = make_incoming(pwp)

    pwp_client.get("/intake/")

    assert AuditEvent.objects.get(detail__page="intake_queue").detail["shown"] == [incoming.pk]


def test_queue_never_shows_another_services_referrals(client, pwp, other_pwp):
    make_incoming(pwp, given_name="Ours")
    client.force_login(other_pwp)

    content = client.get("/intake/").content.decode()

    assert "Referrals to triage (0)" in content and "Ours" not in content


def test_queue_needs_permission_to_view_referrals(client, staff_in_role):
    client.force_login(staff_in_role(Role.SYSTEM_ADMIN))

    assert client.get("/intake/").status_code == 403


# --- Professional referral -----------------------------------------------------------------------


def test_staff_enter_a_professional_referral_for_triage(client, staff_in_role, service):
    admin = staff_in_role(Role.ADMIN_STAFF)
    client.force_login(admin)

    response = client.post("/intake/new/", professional_post())

    incoming = IncomingReferral.objects.get()
    assert response["Location"] == "/intake/"
    assert (incoming.entered_by, incoming.service, incoming.source) == (admin, service, "A1")
    assert (incoming.received_date, incoming.referrer) == (datetime.date(2026, 1, 5), "Dr A Khan, Riverside Surgery")
    assert incoming.reference in client.get("/intake/").content.decode()


def test_professional_form_defaults_to_gp_but_leaves_the_received_date_to_be_typed(pwp_client):
    content = pwp_client.get("/intake/new/").content.decode()

    assert '<option value="A1" selected>GP practice</option>' in content
    assert 'id="id_received_date-year" name="received_date-year" type="text" value=""' in content


def test_professional_referral_cannot_be_received_in_the_future_and_input_is_kept(pwp_client):
    next_year = str(timezone.localdate().year + 1)

    response = pwp_client.post("/intake/new/", professional_post(**{"received_date-year": next_year}))

    content = response.content.decode()
    assert "Date referral received must be today or in the past" in content
    assert 'value="Robin"' in content and "Low mood since a bereavement" in content
    assert not IncomingReferral.objects.exists()


def test_entering_a_referral_needs_add_referral_permission(client, staff_in_role):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    assert client.get("/intake/new/").status_code == 403


# --- Triage page ---------------------------------------------------------------------------------


def test_triage_page_shows_the_referral_and_candidates_side_by_side(pwp_client, pwp, patient, referral):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number, given_name="Alex", family_name="Example",
                             date_of_birth=patient.date_of_birth, postcode="NE9 9ZZ")  # fmt: skip

    content = pwp_client.get(f"/intake/{incoming.pk}/").content.decode()

    assert "The referral as received" in content
    assert "Possible matches (1)" in content
    assert "The referral compared with Alex Example's record" in content
    assert "NE9 9ZZ" in content and "NE1 4XX" in content
    assert '<strong class="nhsuk-tag nhsuk-tag--orange">Different</strong>' in content
    assert "Received 1 October 2026, waiting for assessment, North team" in content
    assert "already has this NHS number, so the referral cannot be for a new patient" in content
    assert "Accept for this patient" in content
    assert f'name="existing-patient" type="radio" value="{patient.pk}">' in content  # not chosen in advance


def test_triage_page_without_candidates_says_so(pwp_client, pwp):
    incoming = make_incoming(pwp)

    content = pwp_client.get(f"/intake/{incoming.pk}/").content.decode()

    assert "Possible matches (0)" in content
    assert "Accept as a new patient" in content and "Accept for this patient" not in content


def test_triage_page_warns_when_under_18_at_referral(pwp_client, pwp):
    incoming = make_incoming(pwp, date_of_birth=datetime.date(2010, 1, 1), received_date=datetime.date(2026, 1, 5))

    assert "Under 18 when referred" in pwp_client.get(f"/intake/{incoming.pk}/").content.decode()


def test_triage_page_is_audited_with_the_candidates_shown(pwp_client, pwp, patient):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    pwp_client.get(f"/intake/{incoming.pk}/")

    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="incomingreferral")
    assert (event.object_id, event.detail["candidates"]) == (str(incoming.pk), [patient.pk])


def test_staff_who_cannot_triage_see_the_referral_but_no_decisions(client, staff_in_role, pwp, team):
    incoming = make_incoming(pwp)
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    content = client.get(f"/intake/{incoming.pk}/").content.decode()

    assert "The referral as received" in content and "Accept as a new patient" not in content
    assert client.post(f"/intake/{incoming.pk}/accept-new-patient/", {"new-team": team.pk}).status_code == 403
    assert client.post(f"/intake/{incoming.pk}/reject/", {"reject-reason": "No"}).status_code == 403


@pytest.mark.parametrize("path", ["", "accept-new-patient/", "accept-existing-patient/", "reject/"])
def test_another_services_referral_is_not_found(client, pwp, other_pwp, path):
    incoming = make_incoming(pwp)
    client.force_login(other_pwp)

    response = client.post(f"/intake/{incoming.pk}/{path}") if path else client.get(f"/intake/{incoming.pk}/")

    assert response.status_code == 404


# --- Decisions -----------------------------------------------------------------------------------


def test_accept_as_new_patient_goes_to_the_new_patients_record(pwp_client, pwp, team):
    incoming = make_incoming(pwp)

    response = pwp_client.post(
        f"/intake/{incoming.pk}/accept-new-patient/", {"new-team": team.pk, "new-practitioner": pwp.pk}
    )

    incoming.refresh_from_db()
    patient = incoming.referral.patient
    assert response["Location"] == f"/patients/{patient.pk}/"
    assert incoming.referral.status == ReferralStatus.WAITING and incoming.referral.practitioner == pwp
    message = pwp_client.get(response["Location"]).content.decode()
    assert "Robin Newman has been added as a new patient, on the waiting list of North team" in message


def test_accept_as_new_patient_refused_on_exact_match_says_why(pwp_client, pwp, team, patient):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    response = pwp_client.post(f"/intake/{incoming.pk}/accept-new-patient/", {"new-team": team.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "already has NHS number 943 476 5919: accept the referral for that patient instead" in content
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.NEW


def test_accept_needs_a_team(pwp_client, pwp):
    incoming = make_incoming(pwp)

    response = pwp_client.post(f"/intake/{incoming.pk}/accept-new-patient/", {"new-team": ""})

    content = response.content.decode()
    assert "Select the team whose waiting list the referral joins" in content
    assert 'href="#id_new-team"' in content


def test_merge_lists_the_differing_contact_details_in_the_message(pwp_client, pwp, team, patient):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number, postcode="NE9 9ZZ", town="", address_line_1="",
                             email="", gp_practice_name="", mobile_phone="07700 900982")  # fmt: skip

    response = pwp_client.post(
        f"/intake/{incoming.pk}/accept-existing-patient/", {"existing-patient": patient.pk, "existing-team": team.pk}
    )

    assert response["Location"] == f"/patients/{patient.pk}/"
    content = pwp_client.get(response["Location"]).content.decode()
    assert "Referral added to Alex Example&#39;s record, on the waiting list of North team" in content
    assert "Postcode: NE9 9ZZ (record has NE1 4XX); Mobile phone: 07700 900982 (record has none)" in content
    assert "update their record" in content
    patient.refresh_from_db()
    assert patient.postcode == "NE1 4XX"


def test_merge_refused_for_a_patient_with_an_open_referral_says_why(pwp_client, pwp, team, patient, referral):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    response = pwp_client.post(
        f"/intake/{incoming.pk}/accept-existing-patient/", {"existing-patient": patient.pk, "existing-team": team.pk}
    )

    assert "has an open referral received 1 October 2026 (waiting for assessment); add to that one instead" in (
        response.content.decode()
    )
    assert patient.referrals.count() == 1


def test_merge_only_into_a_candidate(pwp_client, pwp, service, team):
    from steptwo.tests import builders

    stranger = builders.make_patient(service, pwp, nhs_number="", given_name="Kim", family_name="Other")
    incoming = make_incoming(pwp)

    response = pwp_client.post(
        f"/intake/{incoming.pk}/accept-existing-patient/", {"existing-patient": stranger.pk, "existing-team": team.pk}
    )

    assert "Select a valid choice" in response.content.decode()
    assert not stranger.referrals.exists()


def test_reject_needs_a_reason_then_goes_back_to_the_queue(pwp_client, pwp):
    incoming = make_incoming(pwp)

    refused = pwp_client.post(f"/intake/{incoming.pk}/reject/", {"reject-reason": ""})
    response = pwp_client.post(f"/intake/{incoming.pk}/reject/", {"reject-reason": "Moved out of area"})

    assert "Enter why the referral is being rejected" in refused.content.decode()
    assert response["Location"] == "/intake/"
    incoming.refresh_from_db()
    assert (incoming.status, incoming.rejection_reason) == (IncomingStatus.REJECTED, "Moved out of area")


def test_triaged_referral_shows_the_outcome_and_refuses_another_decision(pwp_client, pwp, team):
    incoming = make_incoming(pwp)
    intake.reject(by=pwp, incoming=incoming, reason="Moved out of area")

    page = pwp_client.get(f"/intake/{incoming.pk}/").content.decode()
    response = pwp_client.post(f"/intake/{incoming.pk}/accept-new-patient/", {"new-team": team.pk})

    assert "Rejected by Priya Shah" in page and "Reason: Moved out of area" in page
    assert "Accept as a new patient" not in page
    assert "already been triaged: rejected by Priya Shah" in response.content.decode()
