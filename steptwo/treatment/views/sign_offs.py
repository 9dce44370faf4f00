from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.treatment import notes
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.forms.note import ReturnNoteForm
from steptwo.treatment.models import SessionNote


def _note_for(request, appointment_pk):
    return get_object_or_404(
        SessionNote.objects.for_user(request.user).select_related("appointment__referral__patient", "written_by"),
        appointment_id=appointment_pk,
    )


@permission_required(Permission.SIGN_OFF_NOTE, raise_exception=True)
def sign_off_list(request):
    """Trainees' notes waiting for sign-off in the service: the supervisor's own supervisees' first."""
    waiting = (
        SessionNote.objects.for_user(request.user)
        .filter(status=NoteStatus.AWAITING_SIGN_OFF)
        .select_related("appointment__referral__patient", "written_by")
        .order_by("updated_at", "id")
    )
    supervisees = [note for note in waiting if note.written_by.supervisor_id == request.user.pk]
    others = [note for note in waiting if note.written_by.supervisor_id != request.user.pk]
    audit.record(
        by=request.user, action=AuditAction.VIEW,
        detail={"page": "note_sign_offs", "shown": [note.appointment_id for note in waiting]},
    )  # fmt: skip
    return render(request, "treatment/sign_offs.jinja", {"supervisees": supervisees, "others": others})


@require_POST
@permission_required(Permission.SIGN_OFF_NOTE, raise_exception=True)
def sign_off(request, appointment_pk):
    session_note = _note_for(request, appointment_pk)
    patient = session_note.appointment.referral.patient
    try:
        notes.sign_off_note(by=request.user, note=session_note)
    except NotAllowed as error:
        messages.error(request, f"{patient.full_name}, session {session_note.session_number}: {error}")
    else:
        messages.success(request, f"Signed off {patient.full_name}'s session {session_note.session_number} note.")
    return redirect("treatment:sign_offs")


@permission_required(Permission.SIGN_OFF_NOTE, raise_exception=True)
def return_note(request, appointment_pk):
    session_note = _note_for(request, appointment_pk)
    form = ReturnNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notes.return_note(by=request.user, note=session_note, comment=form.cleaned_data["comment"])
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Note returned to {session_note.written_by} for changes.")
            return redirect("treatment:sign_offs")
    appointment = session_note.appointment
    audit.record(by=request.user, action=AuditAction.VIEW, obj=appointment, detail={"page": "return_note"})
    return render(
        request, "treatment/return_note.jinja",
        {"form": form, "session_note": session_note, "appointment": appointment, "referral": appointment.referral,
         "patient": appointment.referral.patient},
    )  # fmt: skip
