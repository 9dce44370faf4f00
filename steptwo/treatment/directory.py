"""Writes for the service's signposting directory. Entries are retired, never deleted: signpostings name them."""

from django.db import transaction

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.treatment.models import SignpostingOrganisation

FIELDS = ("name", "offers", "phone", "email", "website", "address", "area")


@transaction.atomic
def add_organisation(*, by, service, **fields):
    _check_fields(fields)
    organisation = SignpostingOrganisation.objects.create(service=service, updated_by=by, **fields)
    audit.record(by=by, action=AuditAction.CREATE, obj=organisation, service=service)
    return organisation


@transaction.atomic
def update_organisation(*, by, organisation, **fields):
    _check_fields(fields)
    _check_service(by, organisation)
    changed = sorted(name for name, value in fields.items() if getattr(organisation, name) != value)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.updated_by = by
    organisation.save()
    audit.record(by=by, action=AuditAction.UPDATE, obj=organisation, detail={"changed": changed})
    return organisation


@transaction.atomic
def retire_organisation(*, by, organisation):
    """Take it out of the directory: it can no longer be chosen, but records that name it keep it."""
    _check_service(by, organisation)
    if not organisation.active:
        raise NotAllowed(f"{organisation} has already been retired")
    return _set_active(by, organisation, False)


@transaction.atomic
def reinstate_organisation(*, by, organisation):
    _check_service(by, organisation)
    if organisation.active:
        raise NotAllowed(f"{organisation} is already in the directory")
    return _set_active(by, organisation, True)


def _set_active(by, organisation, active):
    organisation.active = active
    organisation.updated_by = by
    organisation.save(update_fields=["active", "updated_by", "updated_at"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=organisation, detail={"active": active})
    return organisation


def _check_fields(fields):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown directory fields: {', '.join(sorted(unknown))}")
    if not (fields.get("name") or "").strip():
        raise NotAllowed("Enter the organisation's name")
    if not (fields.get("offers") or "").strip():
        raise NotAllowed("Say what the organisation offers")


def _check_service(by, organisation):
    if by.service_id != organisation.service_id:
        raise NotAllowed("That organisation is in another service's signposting directory")
