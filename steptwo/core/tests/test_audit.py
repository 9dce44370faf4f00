import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from steptwo.accounts import services as accounts
from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.core.models.audit_event import AppendOnlyError
from steptwo.core.services import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(pwp, patient):
    return audit.record(by=pwp, action=AuditAction.VIEW, obj=patient)


@pytest.fixture
def manager_client(staff_in_role):
    manager = Client()  # a browser of its own, so tests can use it beside pwp_client
    manager.force_login(staff_in_role(Role.SERVICE_MANAGER))
    return manager


def test_record_fills_who_what_and_patient(event, pwp, patient, service):
    assert (event.actor_id, event.actor_username, event.service_id) == (pwp.pk, "pwp", service.pk)
    assert (event.object_type, event.object_id, event.patient_id) == ("patient", str(patient.pk), patient.pk)


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(event):
    event.detail = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(actor_username="someone")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditevent SET actor_username = 'x'", "DELETE FROM core_auditevent"]
)
def test_database_refuses_raw_update_and_delete(event, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=event.pk, actor_username="pwp").exists()


def test_role_change_is_audited(pwp, staff_in_role):
    sysadmin = staff_in_role(Role.SYSTEM_ADMIN)

    accounts.change_role(by=sysadmin, user=pwp, role=Role.PWP_SUPERVISOR)

    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGE)
    assert event.actor_id == sysadmin.pk
    assert event.detail == {"from": "pwp", "to": "pwp_supervisor"}


def test_service_manager_sees_a_patient_record_view_on_the_audit_page(pwp_client, manager_client, patient):
    pwp_client.get(f"/patients/{patient.pk}/")

    content = manager_client.get("/audit/", {"nhs_number": "943 476 5919"}).content.decode()

    assert "Viewed: Patient record" in content
    assert "Alex Example (943 476 5919)" in content
    assert "Priya Shah (pwp)" in content


def test_audit_page_searches_by_staff_member(pwp_client, manager_client, patient, staff_in_role):
    pwp_client.get(f"/patients/{patient.pk}/")

    assert "Viewed: Patient record" in manager_client.get("/audit/", {"staff": "pwp"}).content.decode()
    assert "Viewed: Patient record" not in manager_client.get("/audit/", {"staff": "nobody"}).content.decode()


def test_audit_page_shows_only_own_service(manager_client, other_pwp, other_patient):
    audit.record(by=other_pwp, action=AuditAction.VIEW, obj=other_patient)

    assert "other-pwp" not in manager_client.get("/audit/").content.decode()


def test_audit_page_refuses_invalid_nhs_number_with_message(manager_client):
    content = manager_client.get("/audit/", {"nhs_number": "943 476 5918"}).content.decode()

    assert "This is not a valid NHS number" in content
    assert 'value="943 476 5918"' in content


def test_audit_page_is_for_managers_only(pwp_client):
    assert pwp_client.get("/audit/").status_code == 403


def test_viewing_the_audit_log_is_itself_audited(manager_client):
    manager_client.get("/audit/")

    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="audit_log").exists()
