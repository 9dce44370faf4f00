"""Fixtures shared by every test. See steptwo/tests/builders.py for the picture of the test world."""

import pytest

from steptwo.accounts.models import Role
from steptwo.tests import builders


@pytest.fixture
def service(db):
    return builders.make_service()


@pytest.fixture
def team(service):
    return builders.make_team(service)


@pytest.fixture
def pwp(service, team):
    return builders.make_staff(service, Role.PWP, teams=[team], username="pwp", first_name="Priya", last_name="Shah")


@pytest.fixture
def supervisor(service, team):
    """A PWP supervisor in `team`; `trainee` is their supervisee."""
    return builders.make_staff(
        service, Role.PWP_SUPERVISOR, teams=[team], username="supervisor", first_name="Sam", last_name="Supervisor"
    )


@pytest.fixture
def trainee(service, team, supervisor):
    trainee = builders.make_staff(
        service, Role.TRAINEE_PWP, teams=[team], username="trainee", first_name="Tara", last_name="Trainee"
    )
    trainee.supervisor = supervisor
    trainee.save(update_fields=["supervisor"])
    return trainee


@pytest.fixture
def staff_in_role(service, team):
    """A member of staff of the given role, in `team`."""

    def make(role):
        return builders.make_staff(service, role, teams=[team])

    return make


@pytest.fixture
def manager(service, team):
    return builders.make_staff(
        service, Role.SERVICE_MANAGER, teams=[team], username="manager", first_name="Mona", last_name="Manager"
    )


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def patient(service, pwp):
    return builders.make_patient(service, pwp)


@pytest.fixture
def referral(patient, team, pwp):
    return builders.make_referral(patient, team, pwp)


@pytest.fixture
def other_service(db):
    return builders.make_service(name="Southshire Talking Therapies")


@pytest.fixture
def other_team(other_service):
    return builders.make_team(other_service, name="South team")


@pytest.fixture
def other_pwp(other_service, other_team):
    return builders.make_staff(other_service, Role.PWP, teams=[other_team], username="other-pwp")


@pytest.fixture
def other_patient(other_service, other_pwp):
    return builders.make_patient(
        other_service, other_pwp, nhs_number="3417284996", given_name="Sam", family_name="Elsewhere"
    )


@pytest.fixture
def pwp_client(client, pwp):
    client.force_login(pwp)
    return client
