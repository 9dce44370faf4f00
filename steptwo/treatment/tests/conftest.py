import pytest

from steptwo.accounts.models import Role
from steptwo.tests import builders
from steptwo.treatment.tests.helpers import session, start_treatment


@pytest.fixture
def supervisor(service, team):
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
def in_treatment(referral, pwp):
    return start_treatment(referral, pwp)


@pytest.fixture
def attended(in_treatment, pwp):
    """An attended treatment session of the PWP, yesterday."""
    return session(in_treatment, pwp)


@pytest.fixture
def trainee_session(in_treatment, trainee):
    return session(in_treatment, trainee)
