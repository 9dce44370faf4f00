import pytest

from steptwo.appointments.tests.make import attend, book, days_from_now
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services
from steptwo.referrals.codes import ReferralStatus
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def test_referral_page_shows_the_pathway_and_its_history_and_is_audited(pwp_client, pwp, referral):
    attend(book(referral, by=pwp, starts_at=days_from_now(-3), app_type="01", minutes=60), by=pwp)
    services.change_status(by=pwp, referral=referral, to=ReferralStatus.ASSESSED, note="Assessed by phone")

    response = pwp_client.get(f"/referrals/{referral.pk}/")

    content = response.content.decode()
    assert "<h1>Referral received 1 October 2026</h1>" in content
    for section in ("Assessment and risk", "Appointments for the referral received 1 October 2026", "Status history"):
        assert section in content
    assert "Assessed by phone" in content and "Discharge this referral" in content
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="referral", object_id=str(referral.pk)
    ).exists()


def test_referral_of_another_service_is_not_found(pwp_client, other_patient, other_team, other_pwp):
    other_referral = builders.make_referral(other_patient, other_team, other_pwp)

    assert pwp_client.get(f"/referrals/{other_referral.pk}/").status_code == 404
