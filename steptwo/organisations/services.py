"""Writes for services and teams."""

from django.db import transaction

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.organisations.models import Service, Team


@transaction.atomic
def create_service(*, by, name, ods_code):
    service = Service.objects.create(name=name, ods_code=ods_code)
    audit.record(by=by, action=AuditAction.CREATE, obj=service, service=service)
    return service


@transaction.atomic
def create_team(*, by, service, name, code):
    team = Team.objects.create(service=service, name=name, code=code)
    audit.record(by=by, action=AuditAction.CREATE, obj=team, service=service)
    return team


@transaction.atomic
def update_crisis_text(*, by, service, text):
    previous = service.crisis_text
    service.crisis_text = text
    service.save(update_fields=["crisis_text"])
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=service, service=service,
        detail={"crisis_text": {"from": previous, "to": text}},
    )  # fmt: skip
    return service
