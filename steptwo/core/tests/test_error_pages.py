import pytest
from django.test import RequestFactory

from steptwo.core.views import errors

pytestmark = pytest.mark.django_db


def test_404_page_is_helpful(pwp_client):
    response = pwp_client.get("/patients/999999/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_403_page_says_what_to_do(pwp_client):
    response = pwp_client.get("/audit/")

    assert response.status_code == 403
    assert "ask your service manager" in response.content.decode()


def test_500_page_quotes_the_request_id(pwp):
    request = RequestFactory().get("/")
    request.user = pwp
    request.request_id = "abc123"

    response = errors.server_error(request)

    assert response.status_code == 500
    assert "abc123" in response.content.decode()
