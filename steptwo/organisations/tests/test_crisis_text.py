"""The crisis text page: service managers and system administrators change their own service's text."""

import html

import pytest

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import remote
from steptwo.organisations.models import DEFAULT_CRISIS_TEXT

pytestmark = pytest.mark.django_db

URL = "/service/crisis-text/"
NEW_TEXT = "Call the Northshire crisis line on 0800 000 0000, any time.\nIn an emergency call 999."


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.SYSTEM_ADMIN])
def test_managers_change_the_crisis_text_and_it_is_audited(client, staff_in_role, service, role):
    manager = staff_in_role(role)
    client.force_login(manager)

    assert html.escape(DEFAULT_CRISIS_TEXT, quote=False) in client.get(URL).content.decode()
    response = client.post(URL, {"crisis_text": NEW_TEXT}, follow=True)

    service.refresh_from_db()
    assert service.crisis_text == NEW_TEXT
    assert "Crisis text saved" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="service")
    assert (event.actor_id, event.service_id) == (manager.pk, service.pk)
    assert event.detail["crisis_text"]["from"] == DEFAULT_CRISIS_TEXT


@pytest.mark.parametrize("role", [Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF])
def test_other_staff_cannot_change_the_crisis_text(client, staff_in_role, service, role):
    client.force_login(staff_in_role(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"crisis_text": NEW_TEXT}).status_code == 403
    service.refresh_from_db()
    assert service.crisis_text == DEFAULT_CRISIS_TEXT


def test_only_the_managers_own_service_changes(client, staff_in_role, service, other_service):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    client.post(URL, {"crisis_text": NEW_TEXT})

    other_service.refresh_from_db()
    assert other_service.crisis_text == DEFAULT_CRISIS_TEXT


def test_crisis_text_cannot_be_blank(client, staff_in_role, service):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    content = client.post(URL, {"crisis_text": "  "}).content.decode()

    assert "Enter the crisis text" in content
    service.refresh_from_db()
    assert service.crisis_text == DEFAULT_CRISIS_TEXT


def test_patients_see_the_new_text(client, staff_in_role, pwp, referral):
    _, token = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))
    client.post(URL, {"crisis_text": NEW_TEXT})
    client.logout()

    content = client.get(f"/q/{token}/").content.decode()

    assert "<p>Call the Northshire crisis line on 0800 000 0000, any time.</p>" in content
    assert "<p>In an emergency call 999.</p>" in content
