"""The public self-referral pages: /self-referral/ (no sign-in)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from steptwo.referrals.models import IncomingReferral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the rate limit counts in the cache


def form_url(service):
    return f"/self-referral/{service.ods_code}/"


def self_referral_post(**overrides):
    return {
        "given_name": "Robin", "family_name": "Newman",
        "date_of_birth-day": "2", "date_of_birth-month": "3", "date_of_birth-year": "1990",
        "nhs_number": "", "address_line_1": "1 Test Street", "town": "Newcastle", "postcode": "ne2 1aa",
        "mobile_phone": "07700 900982", "email": "robin@example.com", "contact_consent": ["consent_to_sms"],
        "gp_practice_name": "Riverside Surgery", "preferred_language": "Polish", "interpreter_required": "on",
        "communication_needs": "Large print", "reason": "Worrying all the time", "duration": "3 to 12 months",
        "website": "",
    } | overrides  # fmt: skip


def test_index_goes_straight_to_the_form_when_there_is_one_service(client, service):
    response = client.get("/self-referral/")

    assert response.status_code == 302
    assert response["Location"] == form_url(service)


def test_index_lists_services_when_there_are_several(client, service, other_service):
    content = client.get("/self-referral/").content.decode()

    assert service.name in content and other_service.name in content
    assert f'href="{form_url(other_service)}"' in content


def test_form_needs_no_sign_in_shows_crisis_text_and_is_never_cached(client, service):
    response = client.get(form_url(service))

    content = response.content.decode()
    assert response.status_code == 200
    assert "If you need help now" in content and "Samaritans" in content
    assert "You can use this form if you are 18 or over" in content
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "strict-origin"


def test_unknown_service_is_not_found(client, service):
    assert client.get("/self-referral/XXXX99/").status_code == 404


def test_form_asks_for_the_persons_own_details_with_autocomplete(client, service):
    content = client.get(form_url(service)).content.decode()

    for token in ("given-name", "family-name", "postal-code", "bday-day", "bday-year", "email"):
        assert f'autocomplete="{token}"' in content
    assert 'type="tel"' in content


def test_honeypot_is_hidden_from_people_and_screen_readers(client, service):
    content = client.get(form_url(service)).content.decode()

    honeypot = content[content.index('aria-hidden="true" style="position: absolute') :]
    honeypot = honeypot[: honeypot.index("</div>")]
    assert 'name="website"' in honeypot
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    assert "left: -10000px" in honeypot


def test_sending_keeps_the_referral_and_shows_only_the_reference(client, service):
    response = client.post(form_url(service), self_referral_post())

    incoming = IncomingReferral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{form_url(service)}sent/"
    assert (incoming.given_name, incoming.postcode, incoming.source) == ("Robin", "NE2 1AA", "B1")
    assert incoming.consent_to_sms and not incoming.consent_to_email and incoming.interpreter_required
    confirmation = client.get(response["Location"])
    content = confirmation.content.decode()
    assert incoming.reference in content
    for personal in ("Robin", "Newman", "NE2 1AA", "07700", "robin@example.com", "Worrying"):
        assert personal not in content
    assert confirmation["Cache-Control"] == "no-store"


def test_confirmation_without_a_sent_referral_goes_back_to_the_form(client, service):
    response = client.get(f"{form_url(service)}sent/")

    assert response["Location"] == form_url(service)


def test_errors_keep_everything_typed_and_link_to_the_fields(client, service):
    response = client.post(form_url(service), self_referral_post(**{"date_of_birth-month": "", "given_name": ""}))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert 'href="#id_date_of_birth-month"' in content and 'href="#id_given_name"' in content
    assert "Enter your first name" in content
    for typed in ('value="Newman"', 'value="1990"', 'value="2"', 'value="1 Test Street"', 'value="Newcastle"',
                  'value="ne2 1aa"', 'value="07700 900982"', 'value="robin@example.com"', 'value="Riverside Surgery"',
                  'value="Polish"', "Large print", "Worrying all the time"):  # fmt: skip
        assert typed in content
    assert 'value="consent_to_sms" checked' in content
    assert 'value="3 to 12 months" checked' in content
    assert 'name="interpreter_required" type="checkbox" value="on" checked' in content
    assert not IncomingReferral.objects.exists()


def test_under_18_is_refused_with_a_pointer_to_cyp_services_keeping_input(client, service):
    year = str(timezone.localdate().year - 16)

    response = client.post(form_url(service), self_referral_post(**{"date_of_birth-year": year}))

    content = response.content.decode()
    assert "You must be 18 or over to refer yourself" in content
    assert "children and young people" in content
    assert f'value="{year}"' in content and 'value="Robin"' in content
    assert not IncomingReferral.objects.exists()


def test_a_phone_number_or_email_is_needed_and_listed_in_page_order(client, service):
    post = self_referral_post(mobile_phone="", email="", contact_consent=[], gp_practice_name="")

    content = client.post(form_url(service), post).content.decode()

    summary = content[content.index("There is a problem") : content.index("</h1>")]
    assert summary.index("Enter a mobile phone number or an email address") < summary.index("Enter the name of your GP")


def test_invalid_nhs_number_is_explained(client, service):
    response = client.post(form_url(service), self_referral_post(nhs_number="943 476 5918"))

    assert "This is not a valid NHS number" in response.content.decode()


def test_filled_honeypot_shows_the_normal_confirmation_but_keeps_nothing(client, service):
    response = client.post(form_url(service), self_referral_post(website="https://spam.example"))

    assert response["Location"] == f"{form_url(service)}sent/"
    assert "SR-" in client.get(response["Location"]).content.decode()
    assert not IncomingReferral.objects.exists()


def test_over_the_rate_limit_gets_429_and_nothing_is_kept(client, service, settings):
    settings.SELF_REFERRAL_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert client.post(form_url(service), self_referral_post()).status_code == 302

    response = client.post(form_url(service), self_referral_post(given_name="Third"))

    content = response.content.decode()
    assert response.status_code == 429
    assert "Try again in an hour, or phone the service" in content
    assert "Third" not in content
    assert IncomingReferral.objects.count() == 2
    assert response["Cache-Control"] == "no-store"


def test_signed_in_staff_can_also_use_the_form(client, service, pwp):
    client.force_login(pwp)

    assert client.get(form_url(service)).status_code == 200


def test_referral_goes_to_the_service_of_the_form(client, service, other_service):
    builders.make_team(other_service)

    client.post(form_url(other_service), self_referral_post())

    assert IncomingReferral.objects.get().service == other_service
