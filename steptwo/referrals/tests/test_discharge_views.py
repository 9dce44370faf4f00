"""The discharge page: what happened, end codes that fit, refusals kept on the form, letters made with it."""

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.letters.models import Letter, LetterKind
from steptwo.letters.tests import pathway
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Discharge

pytestmark = pytest.mark.django_db


def url(referral):
    return f"/discharge/{referral.pk}/"


def form_data(**changes):
    today = timezone.localdate()
    return {
        "end_code": "46", "discharge_date-day": str(today.day), "discharge_date-month": str(today.month),
        "discharge_date-year": str(today.year), "outcome_summary": "Mood lifted; back at work",
        "warning_signs": "Staying in bed", "what_helps": "Walking", "support_contacts": "Partner",
        "setback_plan": "Restart the activity diary", "follow_up_note": "",
    } | changes  # fmt: skip


def test_the_page_summarises_what_happened_and_offers_only_the_end_codes_that_fit(pwp_client, pwp, referral):
    pathway.treated(pwp, referral)

    content = pwp_client.get(url(referral)).content.decode()

    assert "<h1>Discharge</h1>" in content
    assert "Seen and taken on for a course of treatment" in content
    assert "46 – Mutually agreed completion of treatment" in content
    assert "47 – Termination of treatment earlier than care professional planned" in content
    assert "50 – Not assessed" not in content and "12 – Discharged by mutual agreement" not in content
    assert "17 on 5 October 2026" in content and "6 on 19 October 2026" in content and "down 11" in content
    assert f'value="{timezone.localdate().day}"' in content  # the date defaults to today
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="referral", object_id=str(referral.pk)
    ).exists()


def test_a_booked_appointment_is_shown_as_the_reason_with_a_link_and_no_form(pwp_client, pwp, referral):
    booked = pathway.contact(pwp, referral, pathway.at(12, 2, 14, 30), AppType.ASSESSMENT)

    content = pwp_client.get(url(referral)).content.decode()

    assert "This referral cannot be discharged yet" in content
    assert "has an appointment booked for 2 December 2026 at 2:30pm" in content
    assert f'href="/appointments/{booked.pk}/outcome/"' in content
    assert "<form" not in content.split("<main", 1)[1]


def test_discharging_makes_both_letters_and_returns_to_the_patient_record(pwp_client, pwp, referral):
    pathway.treated(pwp, referral)

    response = pwp_client.post(url(referral), form_data(follow_up_note="Review call in 3 months"))

    assert response.status_code == 302 and response.url == f"/patients/{referral.patient_id}/"
    record = Discharge.objects.get(referral=referral)
    assert record.outcome_summary == "Mood lifted; back at work\n\nFollow-up: Review call in 3 months"
    assert record.referral.status == ReferralStatus.DISCHARGED
    kinds = list(Letter.objects.filter(referral=referral).values_list("kind", flat=True))
    assert kinds == [LetterKind.GP_DISCHARGE, LetterKind.PATIENT_DISCHARGE]
    assert "has been discharged" in pwp_client.get(response.url).content.decode()


def test_a_patient_who_has_not_agreed_to_letters_gets_none(pwp_client, pwp, referral):
    referral.patient.consent_to_letters = False
    referral.patient.save(update_fields=["consent_to_letters"])
    pathway.treated(pwp, referral)
    assert "has not agreed to letters, so none is made for them" in pwp_client.get(url(referral)).content.decode()

    response = pwp_client.post(url(referral), form_data(), follow=True)

    assert list(Letter.objects.filter(referral=referral).values_list("kind", flat=True)) == [LetterKind.GP_DISCHARGE]
    assert "No letter to the patient: they have not agreed to letters." in response.content.decode()


def test_a_refusal_is_shown_on_the_form_with_everything_typed_kept(pwp_client, pwp, referral):
    pathway.treated(pwp, referral)  # last attended 19 October

    content = pwp_client.post(
        url(referral),
        form_data(**{"discharge_date-day": "18", "discharge_date-month": "10", "discharge_date-year": "2026"}),
    ).content.decode()

    assert "There is a problem" in content
    assert "The discharge date cannot be before the last attended appointment (19 October 2026)" in content
    assert 'href="#id_discharge_date-day"' in content  # the summary links to the date field
    assert "Mood lifted; back at work" in content and "Restart the activity diary" in content
    assert 'value="46" checked' in content
    assert not Discharge.objects.exists() and not Letter.objects.exists()


def test_an_end_code_not_offered_is_refused_by_the_form(pwp_client, pwp, referral):
    content = pwp_client.post(url(referral), form_data(end_code="46")).content.decode()  # not seen: only 50

    assert "Select one of the end codes shown" in content
    assert not Discharge.objects.exists()


def test_missing_answers_are_asked_for(pwp_client, referral):
    content = pwp_client.post(url(referral), {"discharge_date-day": "", "outcome_summary": ""}).content.decode()

    assert "Select how the referral ended" in content
    assert "Enter the discharge date" in content
    assert "Enter an outcome summary" in content


def test_a_discharged_referral_shows_its_discharge_and_letters(pwp_client, pwp, referral):
    pathway.treated(pwp, referral)
    pwp_client.post(url(referral), form_data())

    content = pwp_client.get(url(referral)).content.decode()

    assert "<h1>Discharged</h1>" in content
    assert "46 – Mutually agreed completion of treatment" in content
    assert content.count("Download PDF") == 2
    assert "Discharge letter to the GP" in content and "Discharge letter to the patient" in content


def test_a_repeated_post_after_discharge_does_not_discharge_twice(pwp_client, pwp, referral):
    pathway.treated(pwp, referral)
    pwp_client.post(url(referral), form_data())

    content = pwp_client.post(url(referral), form_data()).content.decode()

    assert "<h1>Discharged</h1>" in content
    assert Letter.objects.count() == 2


def test_only_clinicians_discharge(client, service, staff_in_role, referral):
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    assert client.get(url(referral)).status_code == 403


def test_another_services_referral_is_not_found(client, other_pwp, referral):
    client.force_login(other_pwp)

    assert client.get(url(referral)).status_code == 404
    assert client.post(url(referral), form_data()).status_code == 404
    assert not Discharge.objects.exists()


def test_a_referral_with_no_appointments_is_closed_as_not_assessed(pwp_client, referral):
    response = pwp_client.post(url(referral), form_data(end_code="50", outcome_summary="Did not respond to contact"))

    assert response.status_code == 302
    assert Discharge.objects.get(referral=referral).end_code == "50"
