import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from steptwo.organisations.models import Service

pytestmark = pytest.mark.django_db


def test_operator_sets_up_a_service_and_its_first_staff(monkeypatch):
    call_command("add_service", name="Northshire Talking Therapies", ods_code="RX4", team=["N:North team"])
    monkeypatch.setenv("STEPTWO_NEW_PASSWORD", "a-long-enough-pass-phrase")

    call_command(
        "add_staff",
        service="RX4",
        username="jsmith",
        first_name="Jo",
        last_name="Smith",
        role="service_manager",
        team=["N"],
    )

    user = authenticate(username="jsmith", password="a-long-enough-pass-phrase")
    assert user.service == Service.objects.get(ods_code="RX4")
    assert [team.name for team in user.teams.all()] == ["North team"]


def test_weak_password_is_refused(monkeypatch, service):
    monkeypatch.setenv("STEPTWO_NEW_PASSWORD", "short")

    with pytest.raises(CommandError, match="too short"):
        call_command("add_staff", service=service.ods_code, username="x", first_name="A", last_name="B", role="pwp")


def test_bad_ods_code_is_refused():
    with pytest.raises(CommandError, match="ODS code"):
        call_command("add_service", name="X", ods_code="rx-4")


def test_a_trainee_is_added_with_their_supervisor(monkeypatch, service, staff_in_role):
    from steptwo.accounts.models import Role, User

    supervisor = staff_in_role(Role.PWP_SUPERVISOR)
    monkeypatch.setenv("STEPTWO_NEW_PASSWORD", "a-long-enough-pass-phrase")

    call_command("add_staff", service=service.ods_code, username="newtrainee", first_name="A", last_name="B",
                 role="trainee_pwp", supervisor=supervisor.username)  # fmt: skip

    assert User.objects.get(username="newtrainee").supervisor == supervisor


def test_a_supervisor_must_be_a_pwp_supervisor_of_the_same_service(monkeypatch, service, staff_in_role, other_pwp):
    from steptwo.accounts.models import Role

    monkeypatch.setenv("STEPTWO_NEW_PASSWORD", "a-long-enough-pass-phrase")
    common = {"service": service.ods_code, "first_name": "A", "last_name": "B", "role": "trainee_pwp"}

    with pytest.raises(CommandError, match="not a PWP supervisor"):
        call_command("add_staff", username="t1", supervisor=staff_in_role(Role.PWP).username, **common)
    with pytest.raises(CommandError, match="No active member of staff"):
        call_command("add_staff", username="t2", supervisor=other_pwp.username, **common)
