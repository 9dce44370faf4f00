"""The service's supervision settings: the save function's rules and the service manager's page."""

import html

import pytest
from django.urls import reverse

from steptwo.accounts.models import Role
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.settings_services import save_supervision_settings

URL = reverse("supervision:settings")


def text(response):
    return html.unescape(response.content.decode())


def form_data(**changes):
    values = {
        "no_improvement_sessions": "4", "no_contact_days": "28", "consecutive_dnas": "2", "sessions_without_plan": "8",
        "not_discussed_weeks": "4", "qualified_caseload_capacity": "45", "trainee_start_percent": "20",
        "trainee_end_percent": "70", "etr_minimum_episodes": "500", "version": "1",
    }  # fmt: skip
    return values | changes


# The save function


def test_first_save_creates_the_services_settings_and_audits_the_changes(service, manager):
    settings = save_supervision_settings(
        by=manager, service=service, expected_version=1, qualified_caseload_capacity=40, no_contact_days=21
    )
    settings.refresh_from_db()
    assert (settings.qualified_caseload_capacity, settings.no_contact_days, settings.version) == (40, 21, 2)
    assert settings.updated_by == manager
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="supervisionsettings")
    assert event.detail["changed"] == {
        "qualified_caseload_capacity": {"from": 45, "to": 40}, "no_contact_days": {"from": 28, "to": 21}
    }  # fmt: skip
    assert event.service_id == service.pk


def test_save_based_on_an_old_version_is_refused_and_changes_nothing(service, manager):
    save_supervision_settings(by=manager, service=service, expected_version=1, qualified_caseload_capacity=40)
    with pytest.raises(StaleEditError):
        save_supervision_settings(by=manager, service=service, expected_version=1, qualified_caseload_capacity=50)
    assert SupervisionSettings.for_service(service).qualified_caseload_capacity == 40


def test_trainee_ramp_that_goes_down_is_refused(service, manager):
    with pytest.raises(NotAllowed, match="must be the same as or more than at the start"):
        save_supervision_settings(
            by=manager, service=service, expected_version=1, trainee_start_percent=71, trainee_end_percent=70
        )
    assert SupervisionSettings.for_service(service).trainee_start_percent == 20


def test_trainee_ramp_checked_against_the_saved_value_left_unchanged(service, manager):
    with pytest.raises(NotAllowed):
        save_supervision_settings(by=manager, service=service, expected_version=1, trainee_start_percent=75)


def test_flat_trainee_ramp_is_allowed(service, manager):
    settings = save_supervision_settings(
        by=manager, service=service, expected_version=1, trainee_start_percent=60, trainee_end_percent=60
    )
    assert (settings.trainee_start_percent, settings.trainee_end_percent) == (60, 60)


def test_unknown_setting_is_a_programming_error(service, manager):
    with pytest.raises(TypeError):
        save_supervision_settings(by=manager, service=service, expected_version=1, service_id=2)


def test_settings_of_one_service_leave_anothers_alone(service, other_service, manager):
    save_supervision_settings(by=manager, service=service, expected_version=1, no_contact_days=14)
    assert SupervisionSettings.for_service(other_service).no_contact_days == 28


# The page


def test_manager_sees_the_defaults_and_that_they_are_a_local_choice(manager_client):
    response = manager_client.get(URL)
    page = text(response)
    assert response.status_code == 200
    assert "this service's own choice" in page
    assert "not national figures" in page
    assert "there is no national figure for a PWP's caseload" in page
    assert "60 to 80%" in page and "HS934" in page
    assert 'value="45"' in page
    assert "has not saved its own settings yet" in page


@pytest.mark.parametrize("role", [Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF])
def test_only_managers_and_system_administrators_may_change_settings(client, staff_in_role, role):
    client.force_login(staff_in_role(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403


def test_saving_the_form_saves_the_settings(manager_client, service):
    response = manager_client.post(URL, form_data(qualified_caseload_capacity="40", trainee_end_percent="80"))
    assert response.status_code == 302 and response.url == URL
    settings = SupervisionSettings.for_service(service)
    assert (settings.qualified_caseload_capacity, settings.trainee_end_percent) == (40, 80)
    assert "Supervision settings saved." in manager_client.get(URL).content.decode()


def test_ramp_going_down_is_shown_on_the_field_and_the_input_kept(manager_client, service):
    response = manager_client.post(URL, form_data(trainee_start_percent="75", trainee_end_percent="60"))
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_trainee_end_percent"' in page
    assert 'value="75"' in page and 'value="60"' in page
    assert not SupervisionSettings.objects.filter(service=service).exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("no_contact_days", "0", "Days without contact before a case is listed must be between 1 and 365"),
        ("no_contact_days", "366", "Days without contact before a case is listed must be between 1 and 365"),
        ("qualified_caseload_capacity", "forty", "must be a whole number of open cases"),
        ("etr_minimum_episodes", "49", "must be between 50 and 1,000,000"),
        ("consecutive_dnas", "", "Enter the missed appointments in a row before a case is listed"),
    ],
)
def test_values_out_of_range_are_refused_with_a_clear_message(manager_client, name, value, message):
    response = manager_client.post(URL, form_data(**{name: value}))
    page = text(response)
    assert message in page
    assert f'href="#id_{name}"' in page


def test_someone_elses_save_keeps_the_input_and_says_what_is_saved(manager_client, manager, service):
    save_supervision_settings(by=manager, service=service, expected_version=1, no_contact_days=14)
    response = manager_client.post(URL, form_data(qualified_caseload_capacity="40"))
    page = text(response)
    assert response.status_code == 200
    assert "Someone else saved the supervision settings while you were editing" in page
    assert "Days without contact before a case is listed: 14" in page
    assert 'value="40"' in page  # what the user typed
    assert 'name="version" value="2"' in page  # saving again is based on what is saved now
    assert SupervisionSettings.for_service(service).qualified_caseload_capacity == 45
