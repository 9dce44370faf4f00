"""Service-level rules of referral intake and triage (steptwo/referrals/intake.py)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import intake
from steptwo.referrals.codes import IncomingStatus, ReferralStatus, SourceOfReferral
from steptwo.referrals.models import IncomingReferral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the self-referral rate limit counts in the cache


def person(**overrides):
    """A synthetic person's details as the intake forms give them."""
    return {
        "given_name": "Robin", "family_name": "Newman", "date_of_birth": datetime.date(1990, 3, 2),
        "nhs_number": "", "address_line_1": "1 Test Street", "town": "Newcastle", "postcode": "NE2 1AA",
        "mobile_phone": "07700 900982", "email": "robin@example.com", "consent_to_sms": True,
        "consent_to_email": False, "ok_to_leave_voicemail": True, "gp_practice_name": "Riverside Surgery",
        "preferred_language": "", "interpreter_required": False, "communication_needs": "",
        "reason": "Worrying all the time", "duration": "3 to 12 months",
    } | overrides  # fmt: skip


def make_incoming(by, **overrides):
    """An incoming referral awaiting triage, entered by `by` as if from a GP letter."""
    values = {"source": SourceOfReferral.GP, "received_date": datetime.date(2026, 1, 5), "referrer": "Dr A Khan"}
    values |= person(**overrides)
    return intake.enter_professional_referral(by=by, **values)


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


# --- Self-referral -------------------------------------------------------------------------------


def test_self_referral_is_kept_for_triage_with_a_reference_and_audited(service):
    reference = intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person())

    incoming = IncomingReferral.objects.get(reference=reference)
    assert reference.startswith("SR-") and len(reference) == 9
    assert set(reference[3:]) <= set(intake.REFERENCE_ALPHABET)
    assert (incoming.service, incoming.source, incoming.status) == (service, "B1", IncomingStatus.NEW)
    assert incoming.received_date == timezone.localdate()
    assert incoming.entered_by is None
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incomingreferral")
    assert (event.actor_id, event.service_id, event.object_id) == (None, service.pk, str(incoming.pk))


def test_references_avoid_lookalike_characters():
    assert not set("0O1IL5S") & set(intake.REFERENCE_ALPHABET)


def test_filled_honeypot_gets_a_reference_but_nothing_is_kept(service):
    reference = intake.submit_self_referral(service=service, client_ip="192.0.2.1", honeypot="spam.example", **person())

    assert reference.startswith("SR-")
    assert not IncomingReferral.objects.exists()
    assert not AuditEvent.objects.filter(object_type="incomingreferral").exists()


def test_rate_limit_allows_up_to_the_limit_then_refuses_keeping_nothing(service, settings):
    settings.SELF_REFERRAL_RATE_LIMIT = (3, 3600)
    for _ in range(3):
        intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person())

    with pytest.raises(intake.RateLimited, match="Try again in an hour, or phone the service"):
        intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person())

    assert IncomingReferral.objects.count() == 3
    intake.submit_self_referral(service=service, client_ip="192.0.2.2", **person())  # another address is counted apart
    assert IncomingReferral.objects.count() == 4


def test_rate_limit_defaults_to_five_an_hour(settings):
    del settings.SELF_REFERRAL_RATE_LIMIT

    assert intake.self_referral_rate_limit() == (5, 3600)


def test_honeypot_submissions_count_towards_the_rate_limit(service, settings):
    settings.SELF_REFERRAL_RATE_LIMIT = (1, 3600)
    intake.submit_self_referral(service=service, client_ip="192.0.2.1", honeypot="x", **person())

    with pytest.raises(intake.RateLimited):
        intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person())


def test_under_18_cannot_refer_themselves_and_is_pointed_to_cyp_services(service):
    with pytest.raises(NotAllowed, match="children and young people's mental health services"):
        intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person(date_of_birth=years_ago(18, -1)))

    assert not IncomingReferral.objects.exists()


def test_eighteenth_birthday_today_can_refer(service):
    intake.submit_self_referral(service=service, client_ip="192.0.2.1", **person(date_of_birth=years_ago(18)))

    assert IncomingReferral.objects.count() == 1


# --- Professional referral -----------------------------------------------------------------------


def test_staff_entered_referral_records_who_entered_it_and_is_audited(pwp):
    incoming = make_incoming(pwp)

    assert incoming.reference.startswith("PR-")
    assert (incoming.entered_by, incoming.service, incoming.source) == (pwp, pwp.service, "A1")
    assert incoming.referrer == "Dr A Khan"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, actor_id=pwp.pk, object_id=str(incoming.pk)).exists()


def test_staff_entered_referral_cannot_be_received_in_the_future(pwp):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(NotAllowed, match="must be today or in the past"):
        intake.enter_professional_referral(by=pwp, source="A1", received_date=tomorrow, **person())


# --- Accept as a new patient ---------------------------------------------------------------------


def test_accept_as_new_patient_creates_patient_and_waiting_referral(pwp, team):
    incoming = make_incoming(pwp, communication_needs="Large print")

    accepted = intake.accept_as_new_patient(by=pwp, incoming=incoming, team=team, practitioner=pwp)

    patient, referral = accepted.patient, accepted.referral
    assert (patient.given_name, patient.family_name, patient.postcode) == ("Robin", "Newman", "NE2 1AA")
    assert patient.consent_to_sms and not patient.consent_to_email
    assert patient.communication_needs == "Large print" and patient.consent_to_voicemail
    assert (referral.status, referral.team, referral.practitioner) == (ReferralStatus.WAITING, team, pwp)
    assert (referral.received_date, referral.source) == (datetime.date(2026, 1, 5), "A1")
    assert referral.reason == "Worrying all the time\n\nHow long: 3 to 12 months"
    incoming.refresh_from_db()
    assert (incoming.status, incoming.triaged_by, incoming.referral) == (IncomingStatus.ACCEPTED, pwp, referral)
    assert incoming.triaged_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(incoming.pk), patient_id=patient.pk,
                                     detail__decision="accepted_new_patient").exists()  # fmt: skip


def test_accept_as_new_patient_is_refused_when_the_nhs_number_is_already_a_patient(pwp, team, patient):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    with pytest.raises(NotAllowed, match="already has NHS number 943 476 5919: accept the referral for that patient"):
        intake.accept_as_new_patient(by=pwp, incoming=incoming, team=team)

    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.NEW


def test_practitioner_must_be_in_the_chosen_team(pwp, service, team):
    other_team = builders.make_team(service, name="South team")
    outsider = builders.make_staff(service, Role.PWP, teams=[other_team], first_name="Ola", last_name="Outside")

    with pytest.raises(NotAllowed, match="Ola Outside is not in North team"):
        intake.accept_as_new_patient(by=pwp, incoming=make_incoming(pwp), team=team, practitioner=outsider)


def test_team_must_be_in_the_referral_service(pwp, other_team):
    with pytest.raises(NotAllowed, match="Choose a team in this service"):
        intake.accept_as_new_patient(by=pwp, incoming=make_incoming(pwp), team=other_team)


def test_another_service_cannot_triage(pwp, other_pwp, other_team):
    with pytest.raises(NotAllowed, match="another service"):
        intake.accept_as_new_patient(by=other_pwp, incoming=make_incoming(pwp), team=other_team)


# --- Accept for an existing patient (merge) ------------------------------------------------------


def test_merge_adds_referral_to_existing_patient_without_changing_their_record(pwp, team, patient):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number, given_name="Alex", family_name="Example",
                             date_of_birth=patient.date_of_birth, postcode="NE9 9ZZ")  # fmt: skip

    accepted = intake.accept_for_existing_patient(by=pwp, incoming=incoming, patient=patient, team=team)

    patient.refresh_from_db()
    assert accepted.patient == patient
    assert accepted.referral.patient == patient and accepted.referral.status == ReferralStatus.WAITING
    assert (patient.postcode, patient.mobile_phone, patient.version) == ("NE1 4XX", "", 1)
    differences = {row.label: (row.incoming, row.patient) for row in accepted.differences}
    assert differences["Postcode"] == ("NE9 9ZZ", "NE1 4XX")
    assert differences["Mobile phone"] == ("07700 900982", "")
    assert "Name" not in differences and "NHS number" not in differences
    incoming.refresh_from_db()
    assert (incoming.status, incoming.referral) == (IncomingStatus.ACCEPTED, accepted.referral)


def test_merge_is_refused_when_the_patient_has_an_open_referral(pwp, team, patient, referral):
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    with pytest.raises(NotAllowed, match="Alex Example has an open referral received 1 October 2026 "
                                         r"\(waiting for assessment\); add to that one instead"):  # fmt: skip
        intake.accept_for_existing_patient(by=pwp, incoming=incoming, patient=patient, team=team)


def test_merge_is_allowed_after_the_earlier_referral_is_discharged(pwp, team, patient, referral):
    from steptwo.referrals import services

    services.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    accepted = intake.accept_for_existing_patient(by=pwp, incoming=make_incoming(pwp), patient=patient, team=team)

    assert patient.referrals.count() == 2 and accepted.referral.status == ReferralStatus.WAITING


def test_merge_is_refused_when_the_nhs_numbers_differ(pwp, team, patient):
    incoming = make_incoming(pwp, nhs_number="3417284996")

    with pytest.raises(NotAllowed, match="so they are different people"):
        intake.accept_for_existing_patient(by=pwp, incoming=incoming, patient=patient, team=team)


def test_merge_into_a_patient_without_nhs_number_is_refused_when_another_patient_has_it(pwp, service, team, patient):
    no_number = builders.make_patient(service, pwp, nhs_number="", given_name="Alex", family_name="Exemple")
    incoming = make_incoming(pwp, nhs_number=patient.nhs_number)

    with pytest.raises(NotAllowed, match="Alex Example .* has the referral's NHS number"):
        intake.accept_for_existing_patient(by=pwp, incoming=incoming, patient=no_number, team=team)


def test_merge_into_a_patient_of_another_service_is_refused(pwp, team, other_patient):
    with pytest.raises(NotAllowed, match="not in the referral's service"):
        intake.accept_for_existing_patient(by=pwp, incoming=make_incoming(pwp), patient=other_patient, team=team)


# --- Reject, and deciding twice ------------------------------------------------------------------


def test_reject_records_reason_and_who(pwp):
    incoming = make_incoming(pwp)

    intake.reject(by=pwp, incoming=incoming, reason="  Under 18: passed to CYPMHS ")

    incoming.refresh_from_db()
    assert (incoming.status, incoming.rejection_reason, incoming.triaged_by) == (
        IncomingStatus.REJECTED, "Under 18: passed to CYPMHS", pwp,
    )  # fmt: skip
    assert incoming.referral is None
    assert AuditEvent.objects.filter(object_id=str(incoming.pk), detail__decision="rejected").exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_requires_a_reason(pwp, reason):
    incoming = make_incoming(pwp)

    with pytest.raises(NotAllowed, match="Enter why the referral is being rejected"):
        intake.reject(by=pwp, incoming=incoming, reason=reason)

    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.NEW


def test_an_already_triaged_referral_cannot_be_triaged_again(pwp, team, patient):
    incoming = make_incoming(pwp)
    stale_copy = IncomingReferral.objects.get(pk=incoming.pk)
    intake.reject(by=pwp, incoming=incoming, reason="Duplicate")

    for attempt in (
        lambda: intake.accept_as_new_patient(by=pwp, incoming=stale_copy, team=team),
        lambda: intake.accept_for_existing_patient(by=pwp, incoming=stale_copy, patient=patient, team=team),
        lambda: intake.reject(by=pwp, incoming=stale_copy, reason="Again"),
    ):
        with pytest.raises(NotAllowed, match="already been triaged: rejected by Priya Shah"):
            attempt()
    assert not patient.referrals.exists()


def test_awaiting_triage_count_is_for_the_users_service_only(pwp, other_pwp, staff_in_role):
    make_incoming(pwp)
    intake.reject(by=pwp, incoming=make_incoming(pwp), reason="Duplicate")

    assert intake.awaiting_triage_count(pwp) == 1
    assert intake.awaiting_triage_count(other_pwp) == 0
    assert intake.awaiting_triage_count(staff_in_role(Role.SYSTEM_ADMIN)) == 0
