"""A member of staff's capacity details: accounts.services.update_capacity_details and its page."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from steptwo.accounts.models import Role
from steptwo.accounts.services import update_capacity_details
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.tests import builders

STARTED = datetime.date(2026, 9, 1)


def text(response):
    return html.unescape(response.content.decode())


def details(person, **changes):
    values = {
        "fte": person.fte, "training_started_on": person.training_started_on,
        "caseload_capacity": person.caseload_capacity, "supervisor": person.supervisor,
    }  # fmt: skip
    return values | changes


def url(person):
    return reverse("supervision:staff", args=[person.pk])


# The service function


def test_capacity_details_are_saved_and_audited(manager, trainee, supervisor):
    update_capacity_details(
        by=manager, user=trainee, **details(trainee, fte=Decimal("0.8"), training_started_on=STARTED)
    )
    trainee.refresh_from_db()
    assert (trainee.fte, trainee.training_started_on) == (Decimal("0.8"), STARTED)
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="user", object_id=str(trainee.pk))
    assert event.detail["changed"] == {
        "fte": {"from": "1.00", "to": "0.80"}, "training_started_on": {"from": None, "to": "2026-09-01"}
    }  # fmt: skip
    assert event.actor_id == manager.pk


def test_supervisor_and_capacity_override_are_saved(manager, pwp, supervisor):
    update_capacity_details(by=manager, user=pwp, **details(pwp, supervisor=supervisor, caseload_capacity=30))
    pwp.refresh_from_db()
    assert (pwp.supervisor, pwp.caseload_capacity) == (supervisor, 30)


def test_override_can_be_removed(manager, pwp):
    update_capacity_details(by=manager, user=pwp, **details(pwp, caseload_capacity=30))
    update_capacity_details(by=manager, user=pwp, **details(pwp, caseload_capacity=None))
    pwp.refresh_from_db()
    assert pwp.caseload_capacity is None


@pytest.mark.parametrize("fte", ["0.09", "1.01", "0", "0.555"])
def test_fte_outside_a_tenth_to_one_is_refused(manager, pwp, fte):
    with pytest.raises(NotAllowed, match="Whole-time equivalent must be between 0.1 and 1.0"):
        update_capacity_details(by=manager, user=pwp, **details(pwp, fte=Decimal(fte)))


@pytest.mark.parametrize("fte", ["0.1", "1.0", "0.75"])
def test_fte_at_the_limits_is_allowed(manager, pwp, fte):
    update_capacity_details(by=manager, user=pwp, **details(pwp, fte=Decimal(fte)))
    pwp.refresh_from_db()
    assert pwp.fte == Decimal(fte)


def test_training_start_date_only_for_trainees(manager, pwp):
    with pytest.raises(NotAllowed, match="Only a trainee PWP has a training start date"):
        update_capacity_details(by=manager, user=pwp, **details(pwp, training_started_on=STARTED))


def test_no_capacity_for_staff_who_hold_no_caseload(manager, staff_in_role):
    therapist = staff_in_role(Role.HIGH_INTENSITY)
    with pytest.raises(NotAllowed, match=r"holds no caseload \(high-intensity therapist\)"):
        update_capacity_details(by=manager, user=therapist, **details(therapist, caseload_capacity=20))


@pytest.mark.parametrize(("value", "allowed"), [(0, True), (500, True), (501, False)])
def test_capacity_override_between_0_and_500(manager, pwp, value, allowed):
    if allowed:
        update_capacity_details(by=manager, user=pwp, **details(pwp, caseload_capacity=value))
        pwp.refresh_from_db()
        assert pwp.caseload_capacity == value
    else:
        with pytest.raises(NotAllowed, match="between 0 and 500"):
            update_capacity_details(by=manager, user=pwp, **details(pwp, caseload_capacity=value))


def test_nobody_supervises_themself(manager, supervisor):
    with pytest.raises(NotAllowed, match="cannot be their own supervisor"):
        update_capacity_details(by=manager, user=supervisor, **details(supervisor, supervisor=supervisor))


def test_supervisor_must_be_a_pwp_supervisor(manager, pwp, staff_in_role):
    colleague = staff_in_role(Role.PWP)
    with pytest.raises(NotAllowed, match="is not a PWP supervisor"):
        update_capacity_details(by=manager, user=pwp, **details(pwp, supervisor=colleague))


def test_supervisor_must_be_in_the_same_service(manager, pwp, other_service):
    elsewhere = builders.make_staff(other_service, Role.PWP_SUPERVISOR)
    with pytest.raises(NotAllowed, match="works for another service"):
        update_capacity_details(by=manager, user=pwp, **details(pwp, supervisor=elsewhere))
    pwp.refresh_from_db()
    assert pwp.supervisor is None


# The page


def test_trainee_page_shows_capacity_worked_out_and_the_training_start_date(manager_client, trainee):
    page = text(manager_client.get(url(trainee)))
    assert "Capacity details of Tara Trainee" in page
    assert 'name="training_started_on-day"' in page
    assert "no training start date recorded, so the start percentage" in page
    assert "45 open cases for a full-time qualified PWP × 1.0 whole-time equivalent × 20%" in page
    assert 'name="caseload_capacity"' in page and 'name="supervisor"' in page


def test_qualified_pwp_page_has_no_training_start_date(manager_client, pwp):
    page = text(manager_client.get(url(pwp)))
    assert 'name="training_started_on-day"' not in page
    assert 'name="caseload_capacity"' in page


def test_page_of_staff_who_hold_no_caseload_asks_only_for_fte(manager_client, staff_in_role):
    admin = staff_in_role(Role.ADMIN_STAFF)
    page = text(manager_client.get(url(admin)))
    assert 'name="fte"' in page
    assert 'name="caseload_capacity"' not in page and 'name="supervisor"' not in page
    assert "holds no caseload" in page


def test_supervisor_choices_are_the_services_pwp_supervisors_but_not_themself(
    manager_client, supervisor, staff_in_role, other_service
):
    second = staff_in_role(Role.PWP_SUPERVISOR)
    builders.make_staff(other_service, Role.PWP_SUPERVISOR, first_name="Far", last_name="Away")
    page = text(manager_client.get(url(supervisor)))
    assert f'value="{second.pk}"' in page
    assert f'<option value="{supervisor.pk}"' not in page
    assert "Far Away" not in page


def test_saving_the_form_saves_the_details(manager_client, trainee, supervisor):
    data = {
        "fte": "0.6", "training_started_on-day": "1", "training_started_on-month": "9",
        "training_started_on-year": "2026", "caseload_capacity": "", "supervisor": str(supervisor.pk),
    }  # fmt: skip
    response = manager_client.post(url(trainee), data)
    assert response.status_code == 302 and response.url == url(trainee)
    trainee.refresh_from_db()
    assert (trainee.fte, trainee.training_started_on, trainee.caseload_capacity) == (Decimal("0.6"), STARTED, None)
    assert "Capacity details of Tara Trainee saved." in text(manager_client.get(url(trainee)))


@pytest.mark.parametrize("fte", ["0.05", "1.5", "half", "0.555"])
def test_fte_out_of_range_keeps_the_input_and_says_so(manager_client, pwp, fte):
    response = manager_client.post(url(pwp), {"fte": fte, "caseload_capacity": "30"})
    page = text(response)
    assert response.status_code == 200
    assert "Whole-time equivalent must be between 0.1 and 1.0, like 0.6" in page
    assert f'value="{fte}"' in page and 'value="30"' in page
    pwp.refresh_from_db()
    assert pwp.caseload_capacity is None


def test_supervisor_from_another_service_cannot_be_chosen(manager_client, pwp, other_service):
    elsewhere = builders.make_staff(other_service, Role.PWP_SUPERVISOR)
    response = manager_client.post(url(pwp), {"fte": "1", "supervisor": str(elsewhere.pk)})
    assert "Choose a PWP supervisor from the list" in text(response)
    pwp.refresh_from_db()
    assert pwp.supervisor is None


def test_staff_of_another_service_are_not_found(manager_client, other_pwp):
    assert manager_client.get(url(other_pwp)).status_code == 404


@pytest.mark.parametrize("role", [Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF])
def test_only_managers_change_capacity_details(client, staff_in_role, pwp, role):
    client.force_login(staff_in_role(role))
    assert client.get(url(pwp)).status_code == 403
    assert client.post(url(pwp), {"fte": "0.5"}).status_code == 403
