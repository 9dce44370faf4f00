"""seed_demo puts patients at every stage of the pathway, as the services would have recorded them."""

import datetime
import itertools
from collections import Counter, defaultdict

import pytest
from django.db import transaction
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.appointments import services as appointments
from steptwo.appointments.codes import TREATMENT_APP_TYPES, AppType, AttendOrDNACode, ConsMechanism
from steptwo.appointments.models import Appointment
from steptwo.assessments.codes import Decision
from steptwo.assessments.models import Assessment, RiskAssessment
from steptwo.core.formatting import format_score
from steptwo.demo.build import build_demo
from steptwo.demo.directory import ORGANISATIONS
from steptwo.demo.tests.test_seed_demo import ANCHOR
from steptwo.measures.first_last import first_and_last
from steptwo.measures.models import CompletedBy, QuestionnaireResponse
from steptwo.patients.models import Patient
from steptwo.referrals import matching
from steptwo.referrals.codes import END_CODE_GROUPS, IncomingStatus, ReferralStatus, RiskLevel, SourceOfReferral
from steptwo.referrals.discharge import end_code_group
from steptwo.referrals.models import Discharge, IncomingReferral, Referral
from steptwo.tasks.models import Task, TaskKind
from steptwo.tasks.services import next_working_day
from steptwo.treatment import services as treatment
from steptwo.treatment.codes import DEFAULT_THERAPY_TYPE, LOW_INTENSITY_THERAPY_TYPES, NoteStatus, TherapyType
from steptwo.treatment.models import PlannedIntervention, SessionNote, SignpostingOrganisation, StepUp
from steptwo.treatment.notes import SIGNED_OFF, usable_interventions

pytestmark = pytest.mark.django_db
CUTOFF = timezone.make_aware(datetime.datetime.combine(ANCHOR, datetime.time()))
CANCELLED = (AttendOrDNACode.CANCELLED_BY_PATIENT, AttendOrDNACode.CANCELLED_BY_SERVICE)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The small demo at seed 7, built once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo("small", 7, anchor=ANCHOR)
        yield
        transaction.set_rollback(True)


def local_day(moment):
    return timezone.localtime(moment).date()


def step_2_sessions():
    """Booked step 2 treatment contacts (PWPs and trainees; high intensity and follow-ups aside)."""
    return Appointment.objects.filter(
        app_type__in=TREATMENT_APP_TYPES, practitioner__role__in=[Role.PWP, Role.TRAINEE_PWP]
    )


# Every stage ----------------------------------------------------------------------------------


def test_referrals_await_triage_from_self_and_professionals_some_from_known_patients():
    awaiting = list(IncomingReferral.objects.awaiting_triage())
    patients = Patient.objects.all()

    assert {row.source == SourceOfReferral.SELF for row in awaiting} == {True, False}
    assert sum(bool(matching.find_candidates(row, patients)) for row in awaiting) >= 2
    for row in awaiting:
        assert row.referral_id is None and row.triaged_at is None
        assert CUTOFF - datetime.timedelta(days=14) < row.submitted_at < CUTOFF
        assert row.entered_by_id or row.source == SourceOfReferral.SELF  # professionals' are typed in by staff


def test_rejected_referrals_have_a_reason_and_no_referral():
    rejected = list(IncomingReferral.objects.filter(status=IncomingStatus.REJECTED))

    assert rejected
    for row in rejected:
        assert row.rejection_reason and row.referral_id is None
        assert row.triaged_by.role == Role.PWP_SUPERVISOR and row.triaged_at > row.submitted_at


def test_accepted_referrals_are_the_referrals_triage_made():
    accepted = IncomingReferral.objects.filter(status=IncomingStatus.ACCEPTED).select_related("referral")
    references = list(IncomingReferral.objects.values_list("reference", "source"))

    assert accepted.exists()
    for row in accepted:
        referral = row.referral
        assert (referral.received_date, referral.source) == (row.received_date, row.source)
        assert referral.created_at == row.triaged_at and referral.created_by_id == row.triaged_by_id
        assert referral.reason.startswith(row.reason)
    assert len({reference for reference, _ in references}) == len(references)
    for reference, source in references:
        assert reference.startswith("SR-" if source == SourceOfReferral.SELF else "PR-") and len(reference) == 9


def test_every_referral_status_is_present():
    statuses = Counter(Referral.objects.values_list("status", flat=True))

    assert all(statuses[status] > 0 for status in ReferralStatus)


def test_some_wait_with_a_booked_assessment_a_few_beyond_six_weeks():
    booked = list(
        Appointment.objects.filter(referral__status=ReferralStatus.WAITING, app_type=AppType.ASSESSMENT)
        .awaiting_outcome()
        .select_related("referral")
    )

    assert booked
    assert all(appointment.starts_at >= CUTOFF for appointment in booked)
    assert any(local_day(a.starts_at) > a.referral.received_date + datetime.timedelta(days=42) for a in booked)
    assert Referral.objects.filter(status=ReferralStatus.WAITING, practitioner=None).exists()  # not booked yet


def test_assessed_referrals_await_a_decision_with_a_draft_assessment():
    pending = Referral.objects.filter(status=ReferralStatus.ASSESSED)

    assert pending.exists()
    for referral in pending:
        assessment = referral.assessments.get()
        assert assessment.decision == "" and assessment.completed_at is None
        assert assessment.problem_statement and assessment.goals.exists()


def test_referrals_in_treatment_mostly_have_their_next_session_booked():
    in_treatment = list(Referral.objects.filter(status=ReferralStatus.IN_TREATMENT))
    booked = [referral for referral in in_treatment if referral.appointments.awaiting_outcome().exists()]

    assert len(booked) > len(in_treatment) / 2
    for referral in booked:
        assert referral.appointments.awaiting_outcome().get().starts_at >= CUTOFF


def latest_scores(referral, instrument_ids, moment):
    """{instrument id: the latest current total completed by `moment`}, formatted as first_and_last does (a
    referral stepped up at its assessment has scores from its high-intensity sessions too, after its step-up)."""
    latest = {}
    responses = QuestionnaireResponse.objects.current().filter(referral=referral, completed_at__lte=moment)
    for response in responses.order_by("completed_at", "id"):
        latest[response.instrument_id] = format_score(response.total)
    return {instrument_id: latest[instrument_id] for instrument_id in instrument_ids if instrument_id in latest}


def test_stepped_up_referrals_keep_their_scores_and_some_wait_for_high_intensity():
    stepped_up = Referral.objects.filter(status=ReferralStatus.STEPPED_UP)
    waiting_for_hi = [
        referral
        for referral in stepped_up
        if not referral.appointments.filter(practitioner__role=Role.HIGH_INTENSITY).exists()
    ]

    assert waiting_for_hi
    for step_up in StepUp.objects.select_related("referral"):
        referral = step_up.referral
        assert step_up.scores == latest_scores(referral, list(first_and_last(referral)), step_up.stepped_up_at)
        assert step_up.reason and step_up.referral.status_changes.filter(status=ReferralStatus.STEPPED_UP).exists()
    assert StepUp.objects.exclude(scores={}).exists()


def test_the_signposting_directory_and_signposted_referrals():
    signposted = Referral.objects.filter(assessments__decision=Decision.SIGNPOST)

    assert SignpostingOrganisation.objects.count() == len(ORGANISATIONS) >= 8
    assert signposted.exists()
    for referral in signposted:
        assert referral.discharge.end_code == "11"
        assert referral.signpostings.exists()


def test_discharges_cover_the_end_codes_of_each_way_a_referral_ends():
    codes = Counter(Discharge.objects.values_list("end_code", flat=True))

    assert {"46", "47", "48", "10", "11", "14", "50"} <= set(codes)
    assert codes["46"] == max(codes.values())


def test_some_have_a_follow_up_after_discharge():
    follow_ups = Appointment.objects.filter(app_type=AppType.FOLLOW_UP).select_related("referral__discharge")

    assert follow_ups.exists()
    for appointment in follow_ups:
        assert appointment.booked_at >= appointment.referral.discharge.recorded_at


# Consistent with the services' rules ------------------------------------------------------------


def test_end_codes_fit_what_happened():
    for discharge in Discharge.objects.select_related("referral"):
        referral = discharge.referral
        assert discharge.end_code in END_CODE_GROUPS[end_code_group(referral)]
        last = referral.status_changes.last()
        assert last.status == ReferralStatus.DISCHARGED and last.note == f"End code {discharge.end_code}"
        assert discharge.discharge_date == local_day(last.changed_at) == local_day(discharge.recorded_at)


def test_discharges_keep_the_first_and_last_scores():
    discharges = list(Discharge.objects.select_related("referral"))

    assert any(discharge.scores for discharge in discharges)
    for discharge in discharges:
        assert discharge.scores == first_and_last(discharge.referral)


def test_completers_mostly_had_six_to_eight_sessions():
    completed = Referral.objects.filter(discharge__end_code="46", step_ups=None)
    sessions = [Appointment.objects.filter(referral=referral).treatment().count() for referral in completed]

    assert len(sessions) > 30
    assert sum(6 <= count <= 8 for count in sessions) >= 0.7 * len(sessions)


def test_no_outcome_is_in_the_future_and_every_past_appointment_has_one():
    assert not Appointment.objects.filter(starts_at__gte=CUTOFF).exclude(attendance="").exists()
    assert not Appointment.objects.filter(starts_at__lt=CUTOFF, attendance="").exists()
    for appointment in Appointment.objects.exclude(attendance=""):
        assert appointment.booked_at < appointment.outcome_recorded_at < CUTOFF
        assert appointment.booked_at < appointment.starts_at
        if appointment.attendance in CANCELLED:
            assert appointment.outcome_recorded_at < appointment.starts_at


def test_nothing_but_follow_ups_is_booked_on_a_discharged_referral():
    booked = Appointment.objects.awaiting_outcome().filter(referral__status=ReferralStatus.DISCHARGED)

    assert not booked.exclude(app_type=AppType.FOLLOW_UP).exists()


def test_no_practitioner_is_double_booked():
    diaries = defaultdict(list)
    for appointment in Appointment.objects.exclude(attendance__in=CANCELLED).order_by("starts_at"):
        diaries[appointment.practitioner_id].append(appointment)
    for diary in diaries.values():
        for before, after in itertools.pairwise(diary):
            assert before.starts_at + datetime.timedelta(minutes=before.duration_minutes) <= after.starts_at


def test_about_one_in_ten_booked_sessions_is_missed_and_a_few_cancelled():
    outcomes = Counter(step_2_sessions().exclude(attendance="").values_list("attendance", flat=True))
    booked = sum(outcomes.values())

    assert 0.07 < outcomes[AttendOrDNACode.DID_NOT_ATTEND] / booked < 0.14
    assert 0.04 < outcomes[AttendOrDNACode.CANCELLED_BY_PATIENT] / booked < 0.10
    assert 0.01 < outcomes[AttendOrDNACode.CANCELLED_BY_SERVICE] / booked < 0.06


def test_every_missed_appointment_has_a_follow_up_task_open_only_if_recent():
    missed = Appointment.objects.filter(attendance=AttendOrDNACode.DID_NOT_ATTEND)
    tasks = {task.source_appointment_id: task for task in Task.objects.filter(kind=TaskKind.DNA_FOLLOW_UP)}

    assert missed.exists() and len(tasks) == missed.count()
    assert any(task.completed_at is None for task in tasks.values())
    for appointment in missed:
        task = tasks[appointment.pk]
        assert task.owner_id == appointment.practitioner_id and task.referral_id == appointment.referral_id
        assert task.created_at == appointment.outcome_recorded_at
        assert task.due_date == next_working_day(local_day(appointment.outcome_recorded_at))
        if task.completed_at is None:
            assert appointment.starts_at > CUTOFF - datetime.timedelta(days=21)
        else:
            assert task.created_at < task.completed_at < CUTOFF and task.outcome
            assert task.completed_by_id == appointment.practitioner_id


def test_appointment_lengths_and_how_they_take_place():
    lengths = defaultdict(set)
    for app_type, minutes in step_2_sessions().values_list("app_type", "duration_minutes"):
        lengths[app_type].add(minutes)
    assessments = set(
        Appointment.objects.filter(app_type=AppType.ASSESSMENT).values_list("duration_minutes", flat=True)
    )
    mechanisms = Counter(Appointment.objects.values_list("mechanism", flat=True))

    assert assessments and all(45 <= minutes <= 60 for minutes in assessments)
    assert lengths[AppType.TREATMENT] and all(20 <= minutes <= 30 for minutes in lengths[AppType.TREATMENT])
    assert lengths[AppType.REVIEW_AND_TREATMENT]
    usual = (
        mechanisms[ConsMechanism.TELEPHONE] + mechanisms[ConsMechanism.VIDEO] + mechanisms[ConsMechanism.FACE_TO_FACE]
    )
    assert usual > 0.9 * sum(mechanisms.values())
    assert mechanisms[ConsMechanism.TELEPHONE] == max(mechanisms.values())


def test_every_pwp_and_trainee_has_appointments_today():
    for user in User.objects.filter(role__in=[Role.PWP, Role.TRAINEE_PWP]):
        today = Appointment.objects.filter(practitioner=user, starts_at__date=ANCHOR)
        assert today.exists(), user.username
        assert not today.exclude(attendance="").exists()


def test_assessed_referrals_have_an_assessment_of_their_appointment_and_a_risk_assessment():
    attended = Appointment.objects.filter(app_type=AppType.ASSESSMENT).attended()
    assessed = Referral.objects.filter(pk__in=attended.values("referral_id"))

    assert assessed.exists()
    for referral in assessed:
        assessment = referral.assessments.get()
        assert assessment.appointment.referral_id == referral.pk and assessment.appointment.attended
        assert assessment.created_at > assessment.appointment.outcome_recorded_at
        risks = list(referral.risk_assessments.all())
        assert risks[0].assessment == assessment and risks[0].recorded_at > assessment.created_at
        assert referral.risk_level == risks[-1].level
        assert referral.risk_level_changed_at <= risks[-1].recorded_at
        assert (assessment.completed_at is None) == (referral.status == ReferralStatus.ASSESSED)
    assert not Assessment.objects.exclude(referral__in=assessed).exists()
    assert not Referral.objects.exclude(pk__in=assessed).exclude(risk_level="").exists()


def test_risk_is_mostly_low_and_changes_over_time_for_some():
    levels = Counter(RiskAssessment.objects.values_list("level", flat=True))
    changed = [
        referral
        for referral in Referral.objects.exclude(risk_level="")
        if len(set(referral.risk_assessments.values_list("level", flat=True))) > 1
    ]

    assert levels[RiskLevel.LOW] > levels[RiskLevel.MODERATE] > levels[RiskLevel.HIGH] > 0
    assert changed


def test_completed_assessments_record_the_decision_the_status_history_shows():
    carried_out = {
        Decision.TREAT: ReferralStatus.IN_TREATMENT, Decision.STEP_UP: ReferralStatus.STEPPED_UP,
        Decision.SIGNPOST: ReferralStatus.DISCHARGED, Decision.NOT_SUITABLE: ReferralStatus.DISCHARGED,
        Decision.DECLINED: ReferralStatus.DISCHARGED,
    }  # fmt: skip
    for assessment in Assessment.objects.exclude(completed_at=None).select_related("referral"):
        changes = list(assessment.referral.status_changes.all())
        after = next(change for change in changes if change.changed_at > assessment.completed_at)
        assert after.status == carried_out[assessment.decision]
        assert assessment.decision_reason and 1 <= assessment.goals.count() <= 5
        assert all(0 <= rating <= 10 for rating in assessment.goals.values_list("rating", flat=True))


def test_treated_referrals_have_a_plan_and_a_note_for_each_attended_session():
    treated = Referral.objects.filter(assessments__decision=Decision.TREAT)

    assert treated.exists()
    for referral in treated:
        plan = list(referral.interventions.all())
        assert plan
        for planned in plan:
            assert planned.therapy_type in LOW_INTENSITY_THERAPY_TYPES
            assert planned.therapy_type in (DEFAULT_THERAPY_TYPE[planned.intervention],
                                            TherapyType.GUIDED_SELF_HELP_COMPUTER)  # fmt: skip
    for appointment in Appointment.objects.treatment().select_related("note"):
        note = appointment.note
        assert note.session_number == appointments.treatment_session_number(appointment)
        assert note.written_by_id == appointment.practitioner_id
        usable = set(usable_interventions(appointment).values_list("pk", flat=True))
        assert set(note.interventions.values_list("pk", flat=True)) <= usable
    assert not SessionNote.objects.exclude(appointment__in=Appointment.objects.treatment()).exists()


def test_trainee_notes_are_signed_off_by_their_supervisor_and_the_newest_wait():
    trainee_notes = SessionNote.objects.filter(written_by__role=Role.TRAINEE_PWP).select_related("written_by")
    waiting = trainee_notes.filter(status=NoteStatus.AWAITING_SIGN_OFF)

    assert waiting.exists()
    for note in trainee_notes:
        task = Task.objects.get(kind=TaskKind.NOTE_SIGN_OFF, source_appointment=note.appointment_id)
        assert task.owner_id == note.written_by.supervisor_id
        if note.status == NoteStatus.AWAITING_SIGN_OFF:
            assert task.completed_at is None and note.signed_off_at is None
        else:
            assert note.signed_off_by_id == task.completed_by_id == note.written_by.supervisor_id
            assert note.signed_off_at == note.finalised_at == task.completed_at and task.outcome == SIGNED_OFF
    others = SessionNote.objects.exclude(written_by__role=Role.TRAINEE_PWP)
    assert not others.exclude(status=NoteStatus.FINAL).exists()
    assert not others.exclude(signed_off_at=None).exists()


def test_pwps_and_trainees_are_supervised_by_their_team_supervisor():
    for user in User.objects.filter(role__in=[Role.PWP, Role.TRAINEE_PWP]).prefetch_related("teams"):
        supervisor = user.supervisor
        assert supervisor.role == Role.PWP_SUPERVISOR
        assert set(supervisor.teams.all()) == set(user.teams.all())


def test_questionnaires_are_completed_in_their_appointment_or_just_before_it():
    responses = QuestionnaireResponse.objects.select_related("appointment")

    assert responses.exists()
    for response in responses:
        appointment = response.appointment
        assert appointment.referral_id == response.referral_id and appointment.attended
        assert appointment.app_type in (AppType.ASSESSMENT, AppType.TREATMENT, AppType.REVIEW_AND_TREATMENT)
        ends_at = appointment.starts_at + datetime.timedelta(minutes=appointment.duration_minutes)
        if response.completed_by == CompletedBy.PATIENT_REMOTELY:
            assert appointment.starts_at - datetime.timedelta(days=2) < response.completed_at < appointment.starts_at
        else:
            assert appointment.starts_at <= response.completed_at <= ends_at


def test_the_services_carry_on_after_seeding():
    """Ids were handed out in advance: the database's own sequences must carry on after them."""
    referral = Referral.objects.filter(status=ReferralStatus.IN_TREATMENT).select_related("practitioner").first()
    last_appointment = Appointment.objects.order_by("pk").last().pk
    last_planned = PlannedIntervention.objects.order_by("pk").last().pk
    used = set(referral.interventions.filter(ended_at=None).values_list("intervention", flat=True))
    intervention = next(choice for choice in DEFAULT_THERAPY_TYPE if choice not in used)

    appointment = appointments.book_appointment(
        by=referral.practitioner, referral=referral, practitioner=referral.practitioner,
        starts_at=CUTOFF + datetime.timedelta(days=30, hours=7), duration_minutes=30, app_type=AppType.TREATMENT,
        mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip
    planned = treatment.add_intervention(by=referral.practitioner, referral=referral, intervention=intervention)

    assert appointment.pk > last_appointment and planned.pk > last_planned
