import pytest
from django.test import Client

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import services
from steptwo.measures.models import CompletedBy
from steptwo.tasks.models import Task

pytestmark = pytest.mark.django_db

ITEM9_ENDORSED = {f"q{i}": 0 for i in range(1, 9)} | {"q9": 1}  # total 1, item 9 = 1


@pytest.fixture
def risk_task(pwp, referral):
    services.record_response(
        by=None,
        referral=referral,
        instrument_id="phq9",
        answers=ITEM9_ENDORSED,
        completed_by=CompletedBy.PATIENT_REMOTELY,
    )
    return Task.objects.get()


def test_item9_from_a_remote_response_raises_task_for_the_practitioner(risk_task, pwp):
    assert risk_task.owner == pwp
    assert "question 9" in risk_task.detail


def test_patient_record_shows_the_alert_until_the_review_is_recorded(pwp_client, patient, risk_task):
    content = pwp_client.get(f"/patients/{patient.pk}/").content.decode()
    assert "Risk review needed" in content
    assert f'name="task{risk_task.pk}-outcome"' in content

    response = pwp_client.post(
        f"/tasks/{risk_task.pk}/risk-review/", {f"task{risk_task.pk}-outcome": "Phoned: passive thoughts, no plan"}
    )

    assert response["Location"] == f"/patients/{patient.pk}/"
    risk_task.refresh_from_db()
    assert risk_task.completed_by is not None and risk_task.outcome == "Phoned: passive thoughts, no plan"
    content = pwp_client.get(f"/patients/{patient.pk}/").content.decode()
    assert "Risk review needed" not in content
    assert "Risk review recorded" in content
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="task").exists()


def test_empty_review_is_refused_with_a_message(pwp_client, risk_task):
    response = pwp_client.post(f"/tasks/{risk_task.pk}/risk-review/", {f"task{risk_task.pk}-outcome": ""})

    assert "Enter what you found and did in the risk review" in response.content.decode()
    risk_task.refresh_from_db()
    assert risk_task.completed_at is None


def test_only_clinicians_record_risk_reviews(staff_in_role, patient, risk_task):
    admin = Client()
    admin.force_login(staff_in_role(Role.ADMIN_STAFF))

    assert "A clinician must record this review" in admin.get(f"/patients/{patient.pk}/").content.decode()
    assert admin.post(f"/tasks/{risk_task.pk}/risk-review/", {f"task{risk_task.pk}-outcome": "x"}).status_code == 403


def test_task_of_another_service_is_not_found(client, other_pwp, risk_task):
    client.force_login(other_pwp)

    assert client.post(f"/tasks/{risk_task.pk}/risk-review/", {f"task{risk_task.pk}-outcome": "x"}).status_code == 404


def test_home_page_lists_my_open_risk_reviews(pwp_client, patient, risk_task):
    content = pwp_client.get("/").content.decode()

    assert "Risk reviews waiting for you" in content
    assert f'href="/patients/{patient.pk}/">Alex Example</a>' in content
