"""Session notes: written for an attended treatment contact, saved as drafts, then made final.

A qualified clinician's note is final when they finalise it. A trainee's note waits for a PWP supervisor
to sign it off (domain reference §5, supervision): finalising sends it to the trainee's supervisor as a
task, and the supervisor signs it off or returns it for changes. A final note is never edited.
"""

from django.db import transaction
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.accounts.rules import Permission
from steptwo.appointments.codes import TREATMENT_APP_TYPES, AppType
from steptwo.appointments.services import treatment_session_number
from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_datetime
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import OPEN_STATUSES
from steptwo.tasks import services as tasks
from steptwo.tasks.models import Task, TaskKind
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.models import SessionNote

# Keyword arguments of write_note and save_note, and the fields they fill ("note" names the SessionNote itself).
NOTE_FIELDS = {"work_done": "work_done", "homework_reviewed": "homework_reviewed", "homework_set": "homework_set",
               "note_text": "note"}  # fmt: skip
SIGNED_OFF = "Signed off"
RETURNED = "Returned for changes"
TRAINEE_NEVER_FINAL = "A trainee's note is final only once a supervisor signs it off"


def why_no_note(appointment):
    """The reason no session note can be written for this appointment, or "" if one can."""
    if appointment.app_type not in TREATMENT_APP_TYPES:
        if appointment.app_type == AppType.FOLLOW_UP:
            return "Follow-up appointments are not treatment sessions: a session note is for a treatment session"
        return f"{AppType(appointment.app_type).label} appointments are not treatment sessions"
    if appointment.starts_at > timezone.now():
        return (
            f"This appointment is on {format_datetime(appointment.starts_at)}: "
            "write the session note once it has taken place"
        )
    if not appointment.attendance:
        return "This appointment has no outcome yet: record that it was attended first"
    if not appointment.attended:
        return (
            f"This appointment was not attended ({appointment.get_attendance_display().lower()}): "
            "a session note is written only for an attended session"
        )
    if appointment.referral.status not in OPEN_STATUSES:
        return "This referral has been discharged: session notes can no longer be written for it"
    return ""


def usable_interventions(appointment):
    """The plan's interventions that could have been used in this session: not ended before it started."""
    return appointment.referral.interventions.exclude(ended_at__lt=appointment.starts_at)


@transaction.atomic
def write_note(*, by, appointment, interventions=(), work_done="", homework_reviewed="", homework_set="", note_text=""):
    """Start the session note for an attended treatment contact, as a draft of `by`."""
    reason = why_no_note(appointment)
    if reason:
        raise NotAllowed(reason)
    _check_clinician(by, appointment)
    if SessionNote.objects.filter(appointment=appointment).exists():
        raise NotAllowed("A note has already been written for this session: open it to change it")
    session_note = SessionNote.objects.create(
        appointment=appointment, session_number=treatment_session_number(appointment), written_by=by,
        work_done=work_done, homework_reviewed=homework_reviewed, homework_set=homework_set, note=note_text,
    )  # fmt: skip
    session_note.interventions.set(_checked_interventions(appointment, interventions))
    audit.record(by=by, action=AuditAction.CREATE, obj=session_note, patient=appointment.referral.patient)
    return session_note


@transaction.atomic
def save_note(*, by, note, expected_version, interventions=None, **fields):
    """Save changes to a draft note (fields as in NOTE_FIELDS; interventions None leaves them as they are).
    Raises StaleEditError if someone saved it after it was opened."""
    _check_editable(by, note)
    unknown = set(fields) - set(NOTE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown note fields: {', '.join(sorted(unknown))}")
    checked = None if interventions is None else _checked_interventions(note.appointment, interventions)
    changes = {NOTE_FIELDS[name]: value for name, value in fields.items()}
    update_if_unchanged(note, expected_version=expected_version, updated_at=timezone.now(), **changes)
    if checked is not None:
        note.interventions.set(checked)
    audit.record(by=by, action=AuditAction.UPDATE, obj=note, detail={"fields": sorted(changes)})
    return note


@transaction.atomic
def finalise_note(*, by, note, expected_version):
    """A qualified clinician's note becomes final; a trainee's goes to their supervisor to sign off."""
    _check_editable(by, note)
    if not (note.work_done.strip() or note.note.strip()):
        raise NotAllowed("Write the work done in the session or the session note before finalising it")
    now = timezone.now()
    if by.role != Role.TRAINEE_PWP:
        update_if_unchanged(
            note, expected_version=expected_version, status=NoteStatus.FINAL, finalised_at=now, updated_at=now
        )
        audit.record(by=by, action=AuditAction.UPDATE, obj=note, detail={"status": NoteStatus.FINAL.value})
        return note
    supervisor = _supervisor_of(by)
    update_if_unchanged(note, expected_version=expected_version, status=NoteStatus.AWAITING_SIGN_OFF, updated_at=now)
    audit.record(by=by, action=AuditAction.UPDATE, obj=note, detail={"status": NoteStatus.AWAITING_SIGN_OFF.value})
    _raise_sign_off_task(by=by, note=note, supervisor=supervisor)
    return note


@transaction.atomic
def sign_off_note(*, by, note):
    """A PWP supervisor in the service signs off a trainee's note: it becomes final."""
    _check_sign_off(by, note)
    now = timezone.now()
    update_if_unchanged(
        note, expected_version=note.version, status=NoteStatus.FINAL, finalised_at=now, signed_off_at=now,
        signed_off_by=by, updated_at=now,
    )  # fmt: skip
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=note, detail={"status": NoteStatus.FINAL.value, "signed_off": True}
    )
    _complete_sign_off_tasks(by=by, note=note, outcome=SIGNED_OFF)
    return note


@transaction.atomic
def return_note(*, by, note, comment):
    """The supervisor sends the note back to its writer as a draft, saying what to change."""
    _check_sign_off(by, note)
    if not comment.strip():
        raise NotAllowed("Say what needs changing before returning the note")
    update_if_unchanged(note, expected_version=note.version, status=NoteStatus.DRAFT, updated_at=timezone.now())
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=note, detail={"status": NoteStatus.DRAFT.value, "returned": comment}
    )
    _complete_sign_off_tasks(by=by, note=note, outcome=f"{RETURNED}: {comment.strip()}")
    return note


def sign_off_history(note):
    """Each time the note was sent for sign-off, and what came of it (the tasks, oldest first)."""
    return (
        Task.objects.filter(kind=TaskKind.NOTE_SIGN_OFF, source_appointment_id=note.appointment_id)
        .select_related("owner", "completed_by")
        .order_by("created_at", "id")
    )


def _check_clinician(by, appointment):
    if not by.has_perm(Permission.RECORD_CLINICAL_CARE) or by.service_id != appointment.referral.patient.service_id:
        raise NotAllowed("Only a clinician in this service can write a session note")


def _check_editable(by, note):
    if note.status == NoteStatus.FINAL:
        raise NotAllowed("This note is final and cannot be changed")
    if note.status == NoteStatus.AWAITING_SIGN_OFF:
        raise NotAllowed(
            "This note is waiting for a supervisor to sign it off: it can be changed only if they return it"
        )
    if by.pk != note.written_by_id:
        raise NotAllowed(f"Only the note's writer, {note.written_by}, can change it")


def _checked_interventions(appointment, interventions):
    interventions = list(interventions)
    usable = {planned.pk for planned in usable_interventions(appointment)}
    for planned in interventions:
        if planned.pk not in usable:
            raise NotAllowed(f"{planned} was not in the treatment plan at the time of this session")
    return interventions


def _supervisor_of(trainee):
    supervisor = trainee.supervisor
    if supervisor is None:
        raise NotAllowed(
            "No supervisor is recorded for you, so this note cannot be sent for sign-off. Save it as a draft "
            "and ask your service's administrator to record your supervisor."
        )
    if not supervisor.has_perm(Permission.SIGN_OFF_NOTE) or supervisor.service_id != trainee.service_id:
        raise NotAllowed(
            f"Your recorded supervisor, {supervisor}, cannot sign off notes in this service. Save the note as a "
            "draft and ask your service's administrator to record your current supervisor."
        )
    return supervisor


def _raise_sign_off_task(*, by, note, supervisor):
    appointment = note.appointment
    referral = appointment.referral
    task = Task.objects.create(
        patient=referral.patient, referral=referral, owner=supervisor, kind=TaskKind.NOTE_SIGN_OFF,
        title=f"Sign off session {note.session_number} note by {by}",
        detail=f"Session on {format_datetime(appointment.starts_at)}.",
        due_date=tasks.next_working_day(tasks.next_working_day(timezone.localdate())),
        source_appointment=appointment,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=task, patient=referral.patient)
    return task


def _check_sign_off(by, note):
    if by.pk == note.written_by_id:
        if by.role == Role.TRAINEE_PWP:
            raise NotAllowed(TRAINEE_NEVER_FINAL)
        raise NotAllowed("You wrote this note: another supervisor must sign it off")
    if not by.has_perm(Permission.SIGN_OFF_NOTE):
        raise NotAllowed("Only a PWP supervisor can sign off a trainee's session note")
    if by.service_id != note.appointment.referral.patient.service_id:
        raise NotAllowed("This note belongs to another service")
    if note.status == NoteStatus.FINAL:
        raise NotAllowed("This note has already been signed off")
    if note.status == NoteStatus.DRAFT:
        raise NotAllowed("This note has not been sent for sign-off: it is still a draft")


def _complete_sign_off_tasks(*, by, note, outcome):
    open_tasks = Task.objects.filter(
        kind=TaskKind.NOTE_SIGN_OFF, source_appointment_id=note.appointment_id, completed_at__isnull=True
    )
    for task in open_tasks:
        tasks.complete_task(by=by, task=task, outcome=outcome)
