"""Staff pages for remote completion: send questionnaires, list a referral's links, cancel one."""

import re

import pytest

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import remote
from steptwo.measures.models import CompletionRequest
from steptwo.referrals import services as referrals
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def new_url(referral):
    return f"/measures/referrals/{referral.pk}/questionnaire-links/new/"


def list_url(referral):
    return f"/measures/referrals/{referral.pk}/questionnaire-links/"


def link_in(content):
    return re.search(r'value="(http://testserver/q/[A-Za-z0-9_-]{43}/)"', content).group(1)


def social_phobia(referral, pwp):
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="Social phobias"
    )


def test_send_page_offers_phq9_and_gad7(pwp_client, referral):
    content = pwp_client.get(new_url(referral)).content.decode()

    assert "<h1>Send questionnaires</h1>" in content
    assert "PHQ-9 (Patient Health Questionnaire-9)" in content
    assert "GAD-7 (Generalised Anxiety Disorder Assessment-7)" in content
    assert "No anxiety disorder-specific measure is matched" in content


def test_send_page_labels_the_referrals_anxiety_measure(pwp_client, pwp, referral):
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F43.1", label="Post-traumatic stress disorder"
    )

    content = pwp_client.get(new_url(referral)).content.decode()

    assert "the anxiety measure for Post-traumatic stress disorder" in content
    assert "PCL-5" in content
    assert "SPIN" not in content  # only the referral's own anxiety measure


def test_data_only_measure_is_not_offered_and_the_hint_says_why(pwp_client, pwp, referral):
    social_phobia(referral, pwp)

    content = pwp_client.get(new_url(referral)).content.decode()

    assert 'value="spin"' not in content
    assert re.search(r"Not listed: [^.]*SPIN", content)
    response = pwp_client.post(new_url(referral), {"instrument_ids": ["spin"], "expires_in_days": "7"})
    assert "Select questionnaires from the list" in response.content.decode()
    assert not CompletionRequest.objects.exists()


def test_without_a_matched_anxiety_measure_every_sendable_one_is_offered(pwp_client, referral):
    content = pwp_client.get(new_url(referral)).content.decode()

    assert "PCL-5 (PTSD Checklist for DSM-5): anxiety disorder-specific measure" in content
    assert 'value="pcl5"' in content and 'value="spin"' not in content


def test_creating_a_link_shows_it_once_with_its_expiry(pwp_client, pwp, referral):
    response = pwp_client.post(new_url(referral), {"instrument_ids": ["phq9", "gad7"], "expires_in_days": "3"})

    content = response.content.decode()
    completion_request = CompletionRequest.objects.get()
    link = link_in(content)
    assert remote.find(link.rstrip("/").rsplit("/", 1)[1]) == completion_request
    assert (completion_request.instrument_ids, completion_request.created_by) == (["phq9", "gad7"], pwp)
    assert "The end of " in content and "You cannot see this link again" in content
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="completionrequest")
    assert event.actor_id == pwp.pk
    # The list of links never shows it again.
    assert link not in pwp_client.get(list_url(referral)).content.decode()


def test_creating_a_link_needs_a_questionnaire_and_a_sensible_expiry(pwp_client, referral):
    content = pwp_client.post(new_url(referral), {"expires_in_days": "29"}).content.decode()

    assert "Select at least one questionnaire to send" in content
    assert "The link can work for at most 28 days" in content
    assert not CompletionRequest.objects.exists()


def test_another_services_referral_is_not_found(pwp_client, other_patient, other_team, other_pwp):
    other_referral = builders.make_referral(other_patient, other_team, other_pwp)
    completion_request, _ = remote.create_request(by=other_pwp, referral=other_referral, instrument_ids=["phq9"])

    assert pwp_client.get(new_url(other_referral)).status_code == 404
    post = {"instrument_ids": ["phq9"], "expires_in_days": "7"}
    assert pwp_client.post(new_url(other_referral), post).status_code == 404
    assert pwp_client.get(list_url(other_referral)).status_code == 404
    assert pwp_client.post(f"/measures/questionnaire-links/{completion_request.pk}/cancel/").status_code == 404
    assert CompletionRequest.objects.count() == 1


def test_service_manager_sees_links_but_cannot_send_or_cancel(client, staff_in_role, pwp, referral):
    completion_request, _ = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    content = client.get(list_url(referral)).content.decode()

    assert "Waiting for the patient" in content
    assert "Cancel link" not in content and "Send questionnaires" not in content
    assert client.get(new_url(referral)).status_code == 403
    assert client.post(f"/measures/questionnaire-links/{completion_request.pk}/cancel/").status_code == 403


def test_admin_staff_can_send_questionnaires(client, staff_in_role, referral):
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    client.post(new_url(referral), {"instrument_ids": ["phq9"], "expires_in_days": "7"})

    assert CompletionRequest.objects.count() == 1


def test_list_groups_links_by_state_and_is_audited(pwp_client, pwp, referral):
    waiting, _ = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9", "gad7"])
    done, _ = remote.create_request(by=pwp, referral=referral, instrument_ids=["gad7"])
    remote.complete(completion_request=done, answers={"gad7": ({f"q{i}": 0 for i in range(1, 8)}, set())})
    cancelled, _ = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])
    remote.cancel(by=pwp, completion_request=cancelled)

    content = pwp_client.get(list_url(referral)).content.decode()

    waiting_part, rest = content.split("<h2>Completed</h2>")
    completed_part, expired_part = rest.split("<h2>Expired or cancelled</h2>")
    assert "PHQ-9, GAD-7" in waiting_part and f"/questionnaire-links/{waiting.pk}/cancel/" in waiting_part
    assert "GAD-7" in completed_part and "PHQ-9" not in completed_part
    assert "PHQ-9" in expired_part
    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="completion_requests")
    assert (event.actor_id, event.patient_id) == (pwp.pk, referral.patient_id)


def test_cancelling_a_link_stops_it_working_and_is_audited(pwp_client, pwp, referral):
    completion_request, token = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])

    response = pwp_client.post(f"/measures/questionnaire-links/{completion_request.pk}/cancel/", follow=True)

    assert "Link cancelled. It no longer works." in response.content.decode()
    assert remote.state_of(remote.find(token)) == remote.LinkState.EXPIRED
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, detail__cancelled=True, actor_id=pwp.pk).exists()
    assert pwp_client.get(f"/q/{token}/").status_code == 404
    content = pwp_client.get(f"/measures/referrals/{referral.pk}/questionnaire-links/").content.decode()
    assert "Cancelled" in content and "by Priya Shah" in content


def test_cancel_needs_a_post(pwp_client, pwp, referral):
    completion_request, _ = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])

    assert pwp_client.get(f"/measures/questionnaire-links/{completion_request.pk}/cancel/").status_code == 405


def test_staff_pages_need_sign_in(client, referral):
    response = client.get(new_url(referral))

    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
