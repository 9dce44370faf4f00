"""Session notes: who may write them, when, and how a trainee's note becomes final (notes.py)."""

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.tasks.models import Task, TaskKind
from steptwo.tasks.services import next_working_day
from steptwo.tests import builders
from steptwo.treatment import notes, services
from steptwo.treatment.codes import Intervention, NoteStatus
from steptwo.treatment.tests.helpers import session

pytestmark = pytest.mark.django_db


def refused(message, call, **kwargs):
    with pytest.raises(NotAllowed) as error:
        call(**kwargs)
    assert message in str(error.value)


def test_a_note_is_written_as_a_draft_for_an_attended_treatment_session(pwp, attended):
    planned = services.add_intervention(by=pwp, referral=attended.referral, intervention=Intervention.WORRY_MANAGEMENT)

    note = notes.write_note(by=pwp, appointment=attended, interventions=[planned], work_done="Worry diary")

    assert (note.status, note.session_number, note.written_by, note.work_done) == ("draft", 1, pwp, "Worry diary")
    assert list(note.interventions.all()) == [planned]


def test_session_number_counts_attended_treatment_sessions_only(pwp, in_treatment):
    session(in_treatment, pwp, days_ago=5)
    session(in_treatment, pwp, days_ago=4, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    session(in_treatment, pwp, days_ago=3, app_type=AppType.ASSESSMENT)
    second = session(in_treatment, pwp, days_ago=2)

    assert notes.write_note(by=pwp, appointment=second).session_number == 2


def test_no_note_for_a_missed_appointment(pwp, in_treatment):
    missed = session(in_treatment, pwp, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    refused(
        "This appointment was not attended (did not attend (no advance warning)): a session note is written only "
        "for an attended session",
        notes.write_note, by=pwp, appointment=missed,
    )  # fmt: skip


def test_no_note_for_an_appointment_in_the_future(pwp, in_treatment):
    future = session(in_treatment, pwp, days_ago=-2, attendance=None)

    refused("write the session note once it has taken place", notes.write_note, by=pwp, appointment=future)


def test_no_note_before_the_outcome_is_recorded(pwp, in_treatment):
    past = session(in_treatment, pwp, attendance=None)

    refused(
        "This appointment has no outcome yet: record that it was attended first",
        notes.write_note, by=pwp, appointment=past,
    )  # fmt: skip


def test_no_note_for_a_follow_up_or_an_assessment(pwp, in_treatment):
    assessment = session(in_treatment, pwp, days_ago=3, app_type=AppType.ASSESSMENT)
    referrals.change_status(by=pwp, referral=in_treatment, to=ReferralStatus.DISCHARGED)
    follow_up = session(in_treatment, pwp, days_ago=1, app_type=AppType.FOLLOW_UP)

    refused("Follow-up appointments are not treatment sessions", notes.write_note, by=pwp, appointment=follow_up)
    refused("Assessment appointments are not treatment sessions", notes.write_note, by=pwp, appointment=assessment)


def test_no_note_once_the_referral_is_discharged(pwp, attended):
    referrals.change_status(by=pwp, referral=attended.referral, to=ReferralStatus.DISCHARGED)
    attended.refresh_from_db()

    refused("This referral has been discharged", notes.write_note, by=pwp, appointment=attended)


def test_one_note_per_session(pwp, attended):
    notes.write_note(by=pwp, appointment=attended)

    refused("A note has already been written for this session", notes.write_note, by=pwp, appointment=attended)


def test_only_a_clinician_writes_a_note(service, team, attended):
    admin = builders.make_staff(service, Role.ADMIN_STAFF, teams=[team])

    refused(
        "Only a clinician in this service can write a session note", notes.write_note, by=admin, appointment=attended
    )


def test_an_intervention_ended_before_the_session_cannot_be_recorded_as_used(pwp, in_treatment):
    planned = services.add_intervention(by=pwp, referral=in_treatment, intervention=Intervention.SLEEP_HYGIENE)
    services.end_intervention(by=pwp, planned=planned)
    later = appointments.record_unplanned_contact(
        by=pwp, referral=in_treatment, practitioner=pwp, starts_at=timezone.now(), duration_minutes=20,
        app_type=AppType.TREATMENT, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip

    refused(
        "Sleep hygiene was not in the treatment plan at the time of this session",
        notes.write_note, by=pwp, appointment=later, interventions=[planned],
    )  # fmt: skip


def test_only_the_writer_changes_a_draft(pwp, attended, staff_in_role):
    note = notes.write_note(by=pwp, appointment=attended)
    colleague = staff_in_role(Role.PWP)

    refused(
        "Only the note's writer, Priya Shah, can change it",
        notes.save_note, by=colleague, note=note, expected_version=note.version, work_done="Changed",
    )  # fmt: skip


def test_a_stale_save_is_refused_and_changes_nothing(pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended)
    opened = note.version
    notes.save_note(by=pwp, note=note, expected_version=opened, work_done="First save")

    with pytest.raises(StaleEditError):
        notes.save_note(by=pwp, note=note, expected_version=opened, work_done="Second tab")

    note.refresh_from_db()
    assert note.work_done == "First save"


def test_a_qualified_clinicians_note_is_final_when_finalised(pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended, work_done="Activity schedule")

    notes.finalise_note(by=pwp, note=note, expected_version=note.version)

    assert note.status == NoteStatus.FINAL and note.finalised_at is not None
    assert not Task.objects.filter(kind=TaskKind.NOTE_SIGN_OFF).exists()


def test_an_empty_note_cannot_be_finalised(pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended, homework_set="Diary")

    refused(
        "Write the work done in the session or the session note before finalising it",
        notes.finalise_note, by=pwp, note=note, expected_version=note.version,
    )  # fmt: skip


def test_a_final_note_is_never_edited(pwp, attended):
    note = notes.write_note(by=pwp, appointment=attended, note_text="Seen")
    notes.finalise_note(by=pwp, note=note, expected_version=note.version)

    refused(
        "This note is final and cannot be changed",
        notes.save_note, by=pwp, note=note, expected_version=note.version, note_text="Changed",
    )  # fmt: skip
    refused(
        "This note is final and cannot be changed",
        notes.finalise_note, by=pwp, note=note, expected_version=note.version,
    )  # fmt: skip


def test_a_trainees_note_waits_for_their_supervisor_with_one_task(trainee, supervisor, trainee_session):
    note = notes.write_note(by=trainee, appointment=trainee_session, note_text="Seen")

    notes.finalise_note(by=trainee, note=note, expected_version=note.version)

    assert note.status == NoteStatus.AWAITING_SIGN_OFF and note.finalised_at is None
    task = Task.objects.get(kind=TaskKind.NOTE_SIGN_OFF)
    assert (task.owner, task.source_appointment, task.referral) == (
        supervisor,
        trainee_session,
        trainee_session.referral,
    )
    assert task.due_date == next_working_day(next_working_day(timezone.localdate()))


def test_a_trainee_without_a_supervisor_cannot_send_a_note(trainee, trainee_session):
    trainee.supervisor = None
    trainee.save()
    note = notes.write_note(by=trainee, appointment=trainee_session, note_text="Seen")

    refused(
        "No supervisor is recorded for you, so this note cannot be sent for sign-off",
        notes.finalise_note, by=trainee, note=note, expected_version=note.version,
    )  # fmt: skip
    note.refresh_from_db()
    assert note.status == NoteStatus.DRAFT
    assert not Task.objects.filter(kind=TaskKind.NOTE_SIGN_OFF).exists()


def test_a_trainee_whose_supervisor_cannot_sign_off_is_told(trainee, trainee_session, pwp):
    trainee.supervisor = pwp
    trainee.save()
    note = notes.write_note(by=trainee, appointment=trainee_session, note_text="Seen")

    refused(
        "Your recorded supervisor, Priya Shah, cannot sign off notes in this service",
        notes.finalise_note, by=trainee, note=note, expected_version=note.version,
    )  # fmt: skip


def test_a_trainee_can_never_make_their_own_note_final(trainee, trainee_session):
    note = notes.write_note(by=trainee, appointment=trainee_session, note_text="Seen")
    notes.finalise_note(by=trainee, note=note, expected_version=note.version)

    refused(notes.TRAINEE_NEVER_FINAL, notes.sign_off_note, by=trainee, note=note)
    refused("waiting for a supervisor to sign it off", notes.save_note, by=trainee, note=note,
            expected_version=note.version, note_text="Changed")  # fmt: skip
    note.refresh_from_db()
    assert note.status == NoteStatus.AWAITING_SIGN_OFF


@pytest.fixture
def awaiting(trainee, trainee_session):
    note = notes.write_note(by=trainee, appointment=trainee_session, note_text="Seen")
    return notes.finalise_note(by=trainee, note=note, expected_version=note.version)


def test_the_supervisor_signs_off_and_completes_the_task(supervisor, awaiting):
    notes.sign_off_note(by=supervisor, note=awaiting)

    assert awaiting.status == NoteStatus.FINAL
    assert (awaiting.signed_off_by, awaiting.finalised_at) == (supervisor, awaiting.signed_off_at)
    task = Task.objects.get(kind=TaskKind.NOTE_SIGN_OFF)
    assert (task.completed_by, task.outcome) == (supervisor, "Signed off")


def test_only_a_supervisor_signs_off(pwp, awaiting):
    refused("Only a PWP supervisor can sign off a trainee's session note", notes.sign_off_note, by=pwp, note=awaiting)


def test_a_supervisor_of_another_service_cannot_sign_off(other_service, awaiting):
    elsewhere = builders.make_staff(other_service, Role.PWP_SUPERVISOR)

    refused("This note belongs to another service", notes.sign_off_note, by=elsewhere, note=awaiting)


def test_a_supervisor_does_not_sign_off_their_own_note(supervisor, in_treatment):
    own = notes.write_note(by=supervisor, appointment=session(in_treatment, supervisor), note_text="Seen")

    refused("You wrote this note: another supervisor must sign it off", notes.sign_off_note, by=supervisor, note=own)


def test_a_draft_or_final_note_is_not_signed_off(supervisor, trainee, trainee_session, awaiting):
    notes.sign_off_note(by=supervisor, note=awaiting)

    refused("This note has already been signed off", notes.sign_off_note, by=supervisor, note=awaiting)
    draft = notes.write_note(by=trainee, appointment=session(trainee_session.referral, trainee, days_ago=3))
    refused("This note has not been sent for sign-off", notes.sign_off_note, by=supervisor, note=draft)


def test_a_returned_note_is_a_draft_again_with_the_comment_kept(supervisor, trainee, awaiting):
    notes.return_note(by=supervisor, note=awaiting, comment="Add the risk discussion")

    assert awaiting.status == NoteStatus.DRAFT
    assert [task.outcome for task in notes.sign_off_history(awaiting)] == [
        "Returned for changes: Add the risk discussion"
    ]
    notes.save_note(by=trainee, note=awaiting, expected_version=awaiting.version, note_text="Seen; no risk")
    notes.finalise_note(by=trainee, note=awaiting, expected_version=awaiting.version)
    assert Task.objects.filter(kind=TaskKind.NOTE_SIGN_OFF, completed_at__isnull=True).count() == 1


def test_returning_a_note_needs_a_comment(supervisor, awaiting):
    refused("Say what needs changing before returning the note", notes.return_note, by=supervisor, note=awaiting,
            comment="  ")  # fmt: skip
