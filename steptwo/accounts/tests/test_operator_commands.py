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
