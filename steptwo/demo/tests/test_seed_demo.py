"""seed_demo builds a believable, internally consistent provider, the same one every time."""

import datetime
import itertools
import random
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from steptwo.accounts.models import Role, User
from steptwo.appointments.models import Appointment
from steptwo.assessments.models import Assessment, RiskAssessment
from steptwo.core.models import AuditEvent
from steptwo.demo.build import build_demo
from steptwo.demo.generators.patients import nhs_numbers
from steptwo.demo.generators.staff import CASELOAD_ROLES, PASSWORD, PERSONAS
from steptwo.letters.models import Letter, LetterKind
from steptwo.measures.models import ItemAnswer, QuestionnaireResponse
from steptwo.organisations.models import Service
from steptwo.patients import nhs_number
from steptwo.patients.models import Patient
from steptwo.referrals import services
from steptwo.referrals.codes import ALLOWED_TRANSITIONS, IncomingStatus, ReferralStatus, SourceOfReferral
from steptwo.referrals.models import Discharge, IncomingReferral, PresentingComplaint, Referral, ReferralStatusChange
from steptwo.tasks.models import Task
from steptwo.treatment.models import PlannedIntervention, SessionNote, Signposting, StepUp

ANCHOR = datetime.date(2026, 6, 1)


def seed(*options, letters=0):
    """Seed the small demo; without discharge letters unless asked (PDFs are slow)."""
    out = StringIO()
    call_command(
        "seed_demo", "--size", "small", "--anchor", ANCHOR.isoformat(), "--letters", str(letters), *options, stdout=out
    )
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed("--seed", "7")


def age_on(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_seed_demo_small_builds_a_provider_and_prints_the_sign_ins(seeded):
    not_accepted = IncomingReferral.objects.exclude(status=IncomingStatus.ACCEPTED)

    assert Service.objects.count() == 1
    assert 180 <= Patient.objects.count() <= 240
    # 220 referrals received, and a few more awaiting triage to show the triage queue.
    assert 220 <= Referral.objects.count() + not_accepted.count() <= 230
    for persona in PERSONAS:
        assert persona.username in seeded
    assert PASSWORD in seeded
    assert "http://127.0.0.1:8000" in seeded


def test_seed_demo_writes_one_audit_event_without_letters(seeded):
    event = AuditEvent.objects.get()

    assert event.object_type == "service"
    assert event.detail["demo_data"] is True
    assert event.detail["rows"]["referrals"] == Referral.objects.count()


@pytest.mark.parametrize("role", Role.values)
def test_seed_demo_every_role_can_sign_in_with_the_demo_password(seeded, role):
    persona = next(persona for persona in PERSONAS if persona.role == role)

    user = authenticate(username=persona.username, password=PASSWORD)

    assert user is not None and user.role == role


def test_seed_demo_nhs_numbers_are_valid_unique_and_in_the_test_range(seeded):
    numbers = list(Patient.objects.values_list("nhs_number", flat=True))

    assert all(nhs_number.is_valid(number) and number.startswith("999") for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_nhs_numbers_never_repeat():
    numbers = list(zip(range(50_000), nhs_numbers(random.Random(1))))

    assert len({number for _, number in numbers}) == 50_000


def test_seed_demo_patients_are_adults_aged_at_most_90(seeded):
    for born in Patient.objects.values_list("date_of_birth", flat=True):
        assert 18 <= age_on(born, ANCHOR) <= 90
    for born, received in Referral.objects.values_list("patient__date_of_birth", "received_date"):
        assert age_on(born, received) >= 18


def test_seed_demo_self_and_gp_referral_are_the_two_commonest_sources(seeded):
    counts = Counter(Referral.objects.values_list("source", flat=True))

    assert {source for source, _ in counts.most_common(2)} == {SourceOfReferral.SELF, SourceOfReferral.GP}


def test_seed_demo_status_histories_are_ones_the_referral_services_could_write(seeded):
    for referral in Referral.objects.prefetch_related("status_changes"):
        replayed = services.replay(referral)
        history = [change for change, _ in replayed]
        assert all(allowed for _, allowed in replayed)
        assert history[0].status == ReferralStatus.WAITING
        assert history[0].changed_by_id == referral.created_by_id
        assert history[0].changed_at == referral.created_at
        for before, after in itertools.pairwise(history):
            assert after.status in ALLOWED_TRANSITIONS[ReferralStatus(before.status)]
            assert after.changed_at > before.changed_at
        assert referral.status == history[-1].status
        assert referral.version == len(history)
        assert history[-1].changed_at.date() < ANCHOR


def test_seed_demo_referrals_are_allocated_to_practitioners_of_their_team(seeded):
    for referral in Referral.objects.select_related("practitioner"):
        if referral.status != ReferralStatus.WAITING:
            assert referral.practitioner is not None or referral.status == ReferralStatus.DISCHARGED
        if referral.status == ReferralStatus.IN_TREATMENT:
            assert referral.practitioner is not None
        if referral.practitioner:
            assert referral.practitioner.role in CASELOAD_ROLES
            assert referral.practitioner.teams.filter(pk=referral.team_id).exists()


def test_seed_demo_old_referrals_are_closed_and_recent_ones_open(seeded):
    statuses = dict(Referral.objects.values_list("received_date", "status"))
    oldest = min(statuses)

    assert statuses[oldest] == ReferralStatus.DISCHARGED
    assert {ReferralStatus.WAITING, ReferralStatus.IN_TREATMENT} <= set(statuses.values())


def snapshot():
    patient_fields = [
        f"{field.name}__username" if field.name == "created_by" else field.name
        for field in Patient._meta.concrete_fields
        if field.name not in {"id", "service"}
    ]  # natural keys only: PostgreSQL does not roll sequences back, so ids differ between builds
    return (
        list(User.objects.order_by("username").values_list("username", "first_name", "last_name", "role", "email")),
        list(Patient.objects.order_by("nhs_number").values_list(*patient_fields)),
        list(Referral.objects.order_by("patient__nhs_number", "received_date").values_list(
            "patient__nhs_number", "team__code", "received_date", "source", "reason", "practitioner__username",
            "status", "created_at", "created_by__username",
        )),
        list(ReferralStatusChange.objects.order_by("referral__patient__nhs_number", "changed_at").values_list(
            "referral__patient__nhs_number", "status", "changed_at", "changed_by__username", "note",
        )),
        list(PresentingComplaint.objects.order_by("referral__patient__nhs_number", "recorded_at", "code").values_list(
            "referral__patient__nhs_number", "code_system", "code", "label", "primary", "recorded_at",
        )),
        list(QuestionnaireResponse.objects.order_by(
            "patient__nhs_number", "completed_at", "instrument_id", "created_at"
        ).values_list(
            "patient__nhs_number", "instrument_id", "total", "band", "status", "completed_at", "completed_by",
            "recorded_by__username", "created_at", "error_reason", "completion_request__token_hash",
        )),
        sorted(ItemAnswer.objects.values_list(
            "response__patient__nhs_number", "response__completed_at", "response__instrument_id",
            "response__created_at", "item_id", "value",
        )),
        list(Task.objects.order_by("patient__nhs_number", "created_at", "kind", "title").values_list(
            "patient__nhs_number", "kind", "title", "due_date", "owner__username", "completed_at", "outcome",
        )),
        list(IncomingReferral.objects.order_by("reference").values_list(
            "reference", "status", "source", "received_date", "given_name", "family_name", "nhs_number",
            "submitted_at", "triaged_at", "rejection_reason", "referral__patient__nhs_number",
        )),
        list(Appointment.objects.order_by("referral__patient__nhs_number", "starts_at").values_list(
            "referral__patient__nhs_number", "starts_at", "practitioner__username", "duration_minutes", "app_type",
            "mechanism", "attendance", "outcome_recorded_at", "booked_at",
        )),
        list(Assessment.objects.order_by("referral__patient__nhs_number", "created_at").values_list(
            "referral__patient__nhs_number", "created_at", "problem_statement", "decision", "completed_at",
        )),
        list(RiskAssessment.objects.order_by("referral__patient__nhs_number", "recorded_at").values_list(
            "referral__patient__nhs_number", "recorded_at", "level", "management_plan",
        )),
        list(PlannedIntervention.objects.order_by("referral__patient__nhs_number", "added_at", "intervention")
             .values_list("referral__patient__nhs_number", "added_at", "intervention", "therapy_type", "ended_at")),
        list(SessionNote.objects.order_by("appointment__starts_at", "appointment__practitioner__username").values_list(
            "appointment__referral__patient__nhs_number", "appointment__starts_at", "session_number", "status",
            "work_done", "signed_off_at",
        )),
        list(StepUp.objects.order_by("stepped_up_at").values_list(
            "referral__patient__nhs_number", "stepped_up_at", "reason", "scores",
        )),
        list(Signposting.objects.order_by("signposted_at").values_list(
            "referral__patient__nhs_number", "signposted_at", "organisation__name",
        )),
        list(Discharge.objects.order_by("referral__patient__nhs_number", "recorded_at").values_list(
            "referral__patient__nhs_number", "discharge_date", "end_code", "outcome_summary", "scores",
        )),
    )  # fmt: skip


def build_and_snapshot(seed_value):
    with transaction.atomic():
        build_demo("small", seed_value, anchor=ANCHOR)
        data = snapshot()
        transaction.set_rollback(True)
    return data


@pytest.mark.django_db
def test_build_demo_same_seed_gives_identical_data_and_another_seed_different_data():
    first, again, other = build_and_snapshot(3), build_and_snapshot(3), build_and_snapshot(4)

    assert first == again
    assert all(first[index] != other[index] for index in range(1, len(first)))


def test_seed_demo_if_empty_leaves_existing_data_alone(service):
    output = seed("--if-empty")

    assert list(Service.objects.all()) == [service]
    assert not Patient.objects.exists()
    assert "nothing added" in output


def test_seed_demo_if_empty_still_prints_the_sign_ins(seeded):
    output = seed("--if-empty", "--seed", "8")

    assert Service.objects.count() == 1
    assert "pwp" in output and PASSWORD in output


def test_seed_demo_refuses_when_the_database_has_data(service):
    with pytest.raises(CommandError, match="already has a service"):
        seed()


@pytest.mark.django_db
@override_settings(IS_PRODUCTION=True)
def test_seed_demo_refuses_in_production():
    with pytest.raises(CommandError, match="production"):
        seed()

    assert not Service.objects.exists()


def test_seed_demo_renders_discharge_letters_for_the_newest_discharges(db):
    seed("--seed", "7", letters=2)
    newest = list(Discharge.objects.order_by("-recorded_at", "-id")[:2])
    letters = list(Letter.objects.select_related("referral__discharge"))

    assert len(letters) == 4
    assert {letter.referral_id for letter in letters} == {discharge.referral_id for discharge in newest}
    assert Counter(letter.kind for letter in letters) == {LetterKind.GP_DISCHARGE: 2, LetterKind.PATIENT_DISCHARGE: 2}
    for letter in letters:
        assert bytes(letter.pdf).startswith(b"%PDF")
        assert letter.created_at == letter.referral.discharge.recorded_at + datetime.timedelta(minutes=3)
