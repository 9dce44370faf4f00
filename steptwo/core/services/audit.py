"""The only writer of the audit log. Called explicitly from service functions and views.

There is no setting to turn auditing off.
"""

from steptwo.core import request_context
from steptwo.core.models import AuditAction, AuditEvent


def record(*, by, action, obj=None, patient=None, service=None, detail=None):
    """Append one audit event.

    by: the acting user (may be anonymous or None for failed sign-ins and system jobs).
    obj: the model instance acted on, if any; patient: the patient it concerns, if any (derived
    from obj when obj is a Patient or has a .patient).
    """
    context = request_context.current()
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    patient = patient or _patient_of(obj)
    service = service or getattr(actor, "service", None) or getattr(patient, "service", None)
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor else None,
        actor_username=actor.get_username() if actor else (detail or {}).get("username", ""),
        service_id=service.pk if service else None,
        action=AuditAction(action),
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        patient_id=patient.pk if patient else None,
        request_id=context.request_id,
        ip_address=context.ip_address,
        detail=detail or {},
    )


def _patient_of(obj):
    if obj is None:
        return None
    if obj._meta.label == "patients.Patient":
        return obj
    return getattr(obj, "patient", None)
