import pytest

from steptwo.accounts.models import Role


@pytest.fixture
def manager(staff_in_role):
    return staff_in_role(Role.SERVICE_MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
