"""Letter download (audited export, scoped to the service) and making a new copy."""

import datetime

import pytest
from django.template.loader import render_to_string

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.letters import services
from steptwo.letters.models import Letter
from steptwo.letters.tests import pathway
from steptwo.referrals.codes import EndCode
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(pwp, referral):
    pathway.treated(pwp, referral)
    _record, letters = services.discharge_with_letters(
        by=pwp, referral=referral, end_code=EndCode.COMPLETED, discharge_date=datetime.date(2026, 10, 26),
        outcome_summary="Mood lifted",
    )  # fmt: skip
    return letters


def test_download_gives_the_stored_pdf_as_an_attachment_and_is_audited(pwp_client, pwp, letters):
    gp_letter = letters[0]

    response = pwp_client.get(f"/letters/{gp_letter.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{gp_letter.filename}"'
    assert response["Cache-Control"] == "no-store"
    assert response.content == bytes(Letter.objects.get(pk=gp_letter.pk).pdf)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="letter", object_id=str(gp_letter.pk))
    assert (event.actor_id, event.patient_id) == (pwp.pk, gp_letter.referral.patient_id)
    assert event.detail["sha256"] == gp_letter.sha256


def test_the_file_name_carries_no_name_or_nhs_number(letters):
    assert "9434765919" not in letters[0].filename and "Example" not in letters[0].filename


def test_another_services_staff_cannot_download(client, other_pwp, letters):
    client.force_login(other_pwp)

    assert client.get(f"/letters/{letters[0].pk}/download/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_system_administrator_cannot_download(client, service, letters):
    client.force_login(builders.make_staff(service, Role.SYSTEM_ADMIN))

    assert client.get(f"/letters/{letters[0].pk}/download/").status_code == 403


def test_a_new_copy_is_a_new_letter_and_the_original_is_kept(pwp_client, letters):
    gp_letter = letters[0]

    response = pwp_client.post(f"/letters/{gp_letter.pk}/new-copy/")

    assert response.status_code == 302 and response.url == f"/discharge/{gp_letter.referral_id}/"
    assert Letter.objects.filter(kind=gp_letter.kind).count() == 2
    assert bytes(Letter.objects.get(pk=gp_letter.pk).pdf) == bytes(gp_letter.pdf)


def test_a_new_copy_of_a_letter_to_a_patient_who_withdrew_consent_is_refused_in_words(pwp_client, referral, letters):
    referral.patient.consent_to_letters = False
    referral.patient.save(update_fields=["consent_to_letters"])

    response = pwp_client.post(f"/letters/{letters[1].pk}/new-copy/", follow=True)

    assert "has not agreed to letters, so no new copy of their letter is made" in response.content.decode()
    assert Letter.objects.count() == 2


def test_a_new_copy_needs_a_post_and_a_clinician(client, pwp_client, staff_in_role, letters):
    assert pwp_client.get(f"/letters/{letters[0].pk}/new-copy/").status_code == 405
    client.force_login(staff_in_role(Role.ADMIN_STAFF))
    assert client.post(f"/letters/{letters[0].pk}/new-copy/").status_code == 403
    assert Letter.objects.count() == 2


def test_the_referral_letters_partial_lists_letters_with_download_links(rf, pwp, referral, letters):
    request = rf.get("/")
    request.user = pwp
    html = render_to_string("letters/_referral_letters.jinja", {"referral": referral, "user": pwp}, request=request)

    for letter in letters:
        assert f'href="/letters/{letter.pk}/download/"' in html
        assert letter.get_kind_display() in html
    assert "The patient&#39;s GP (practice not recorded)" in html
    assert "Priya Shah" in html
