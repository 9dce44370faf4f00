from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.models import Role
from steptwo.accounts.rules import Permission
from steptwo.appointments.models import Appointment
from steptwo.appointments.services import treatment_session_number
from steptwo.core.concurrency import refuse_stale_form
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures.models import QuestionnaireResponse
from steptwo.measures.scoring_summary import summarise
from steptwo.treatment import notes
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.forms.note import SessionNoteForm
from steptwo.treatment.models import SessionNote


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def note(request, appointment_pk):
    """Write or change the session note of one appointment; read it once it has been sent or made final."""
    appointment = get_object_or_404(
        Appointment.objects.for_user(request.user).select_related("referral__patient", "practitioner"),
        pk=appointment_pk,
    )
    session_note = (
        SessionNote.objects.for_user(request.user)
        .filter(appointment=appointment)
        .select_related("written_by", "signed_off_by")
        .prefetch_related("interventions")
        .first()
    )
    form = SessionNoteForm(
        request.POST or None,
        initial=SessionNoteForm.initial_from(session_note),
        interventions=notes.usable_interventions(appointment),
    )
    if request.method == "POST" and form.is_valid():
        finalise = request.POST.get("action") == "finalise"
        try:
            saved = _save(request.user, appointment, session_note, form, finalise)
        except StaleEditError:
            _report_clash(form, session_note)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _saved_message(saved, finalise))
            return redirect("treatment:note", appointment_pk=appointment.pk)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=appointment, detail={"page": "session_note"})
    return render(request, "treatment/note.jinja", _context(request, appointment, session_note, form))


@transaction.atomic
def _save(user, appointment, session_note, form, finalise):
    """Save the draft (creating it the first time), then finalise it if asked: all or nothing."""
    fields = form.note_fields()
    interventions = form.cleaned_data["interventions"]
    if session_note is None:
        session_note = notes.write_note(by=user, appointment=appointment, interventions=interventions, **fields)
    else:
        notes.save_note(
            by=user, note=session_note, expected_version=form.cleaned_data["version"], interventions=interventions,
            **fields,
        )  # fmt: skip
    if finalise:
        notes.finalise_note(by=user, note=session_note, expected_version=session_note.version)
    return session_note


def _saved_message(session_note, finalise):
    if not finalise:
        return "Draft saved. It is not final until you finalise it."
    if session_note.status == NoteStatus.AWAITING_SIGN_OFF:
        return f"Note sent to {session_note.written_by.supervisor} for sign-off."
    return "Note finalised."


def _report_clash(form, session_note):
    session_note.refresh_from_db()
    refuse_stale_form(form, session_note, what_happened="Someone else changed this note after you opened it")


def _context(request, appointment, session_note, form):
    user = request.user
    editable = _editable(user, appointment, session_note)
    responses = QuestionnaireResponse.objects.for_user(user).current().filter(appointment=appointment)
    history = list(notes.sign_off_history(session_note)) if session_note else []
    return {
        "appointment": appointment, "referral": appointment.referral, "patient": appointment.referral.patient,
        "session_note": session_note, "form": form, "editable": editable or bool(form.errors),
        "why_not": notes.why_no_note(appointment) if session_note is None else "",
        "session_number": session_note.session_number if session_note else (
            treatment_session_number(appointment) if appointment.is_treatment else None
        ),
        "is_trainee": user.role == Role.TRAINEE_PWP,
        "measures": summarise(responses),
        "history": history,
        "returned": _returned(session_note, history),
        "can_sign_off": bool(
            session_note and session_note.status == NoteStatus.AWAITING_SIGN_OFF
            and user.has_perm(Permission.SIGN_OFF_NOTE) and session_note.written_by_id != user.pk
        ),
    }  # fmt: skip


def _editable(user, appointment, session_note):
    if session_note is None:
        return not notes.why_no_note(appointment)
    return session_note.status == NoteStatus.DRAFT and session_note.written_by_id == user.pk


def _returned(session_note, history):
    """The task that sent this draft back to its writer, if that is how it became a draft again."""
    if session_note is None or session_note.status != NoteStatus.DRAFT or not history:
        return None
    latest = history[-1]
    prefix = f"{notes.RETURNED}: "
    if not latest.outcome.startswith(prefix):
        return None
    return {"by": latest.completed_by, "at": latest.completed_at, "comment": latest.outcome.removeprefix(prefix)}
