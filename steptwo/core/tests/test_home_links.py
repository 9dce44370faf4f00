"""The home page's "Other pages" links follow the role: outcomes and data-set pages for those who may open them."""

import re

import pytest
from django.urls import reverse

from steptwo.accounts.models import Role

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    return client.get("/").content.decode()


def test_a_service_manager_is_offered_the_service_outcomes_and_the_data_set_pages(client, staff_in_role):
    html = home(client, staff_in_role(Role.SERVICE_MANAGER))

    assert f'href="{reverse("outcomes:service")}"' in html
    assert f'href="{reverse("dataset:quality")}"' in html
    assert re.search(rf'<a class="nhsuk-header__navigation-link" href="{reverse("outcomes:service")}"', html)


def test_a_pwp_is_offered_their_own_outcomes_only(client, pwp):
    html = home(client, pwp)

    assert f'href="{reverse("outcomes:pwp", args=[pwp.pk])}">My outcomes' in html
    assert f'href="{reverse("outcomes:service")}"' not in html
    assert f'href="{reverse("dataset:quality")}"' not in html
