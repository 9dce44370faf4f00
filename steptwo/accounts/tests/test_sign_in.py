import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from steptwo.accounts.forms.sign_in import WRONG_DETAILS_MESSAGE, locked_message
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.tests.builders import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/account/sign-in/", {"username": username, "password": password})


def test_sign_in_with_right_details_goes_home_and_is_audited(client, pwp):
    response = sign_in(client, "pwp", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor_id=pwp.pk).exists()


def test_sign_in_follows_next_only_to_this_site(client, pwp):
    response = client.post(
        "/account/sign-in/?next=/patients/", {"username": "pwp", "password": PASSWORD, "next": "/patients/"}
    )
    assert response["Location"] == "/patients/"

    client.logout()
    response = client.post(
        "/account/sign-in/", {"username": "pwp", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_wrong_password_is_refused_keeps_username_and_is_audited(client, pwp):
    response = sign_in(client, "pwp", "wrong")

    content = response.content.decode()
    assert response.status_code == 200
    assert WRONG_DETAILS_MESSAGE in content
    assert 'value="pwp"' in content
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.detail["username"] == "pwp"


def test_unknown_username_gets_the_same_message(client, db):
    assert WRONG_DETAILS_MESSAGE in sign_in(client, "nobody", "wrong").content.decode()


def test_account_locks_after_repeated_failures_even_with_right_password(client, pwp):
    for _ in range(settings.SIGN_IN_MAX_FAILURES):
        sign_in(client, "pwp", "wrong")

    response = sign_in(client, "pwp", PASSWORD)

    pwp.refresh_from_db()
    assert pwp.locked_until > timezone.now()
    assert locked_message() in response.content.decode()
    assert "Try again in 15 minutes" in locked_message()
    assert "_auth_user_id" not in client.session


def test_lock_expires(client, pwp):
    pwp.locked_until = timezone.now() - datetime.timedelta(seconds=1)
    pwp.save()

    assert sign_in(client, "pwp", PASSWORD).status_code == 302


def test_successful_sign_in_resets_failure_count(client, pwp):
    sign_in(client, "pwp", "wrong")
    sign_in(client, "pwp", PASSWORD)

    pwp.refresh_from_db()
    assert pwp.failed_sign_ins == 0


def test_sign_out_needs_post_and_ends_session(pwp_client, pwp):
    assert pwp_client.get("/account/sign-out/").status_code == 405

    response = pwp_client.post("/account/sign-out/")

    assert response["Location"] == "/account/sign-in/"
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor_id=pwp.pk).exists()
    assert pwp_client.get("/").status_code == 302


def test_session_expiry_is_renewed_by_each_request(pwp_client):
    from django.contrib.sessions.models import Session

    pwp_client.get("/")
    session = Session.objects.get(session_key=pwp_client.session.session_key)

    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 60 < remaining <= settings.SESSION_COOKIE_AGE


def test_session_ends_after_inactivity(pwp_client):
    from django.contrib.sessions.models import Session

    pwp_client.get("/")
    Session.objects.filter(session_key=pwp_client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = pwp_client.get("/patients/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_pages_for_signed_in_staff_are_not_cached(pwp_client):
    assert pwp_client.get("/")["Cache-Control"] == "no-store"
