import pytest

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services
from steptwo.referrals.codes import ReferralStatus
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def referral_post(team, **overrides):
    return {
        "received_date-day": "3", "received_date-month": "11", "received_date-year": "2026",
        "source": "B1", "team": team.pk, "practitioner": "", "reason": "Panic attacks on the bus",
    } | overrides  # fmt: skip


def test_add_referral_puts_it_on_the_waiting_list_with_history(pwp_client, pwp, patient, team):
    response = pwp_client.post(f"/referrals/new/for-patient/{patient.pk}/", referral_post(team))

    referral = patient.referrals.get()
    assert response["Location"] == f"/patients/{patient.pk}/"
    assert referral.status == ReferralStatus.WAITING
    assert [change.status for change in referral.status_changes.all()] == [ReferralStatus.WAITING]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="referral", patient_id=patient.pk).exists()


def test_add_referral_errors_keep_what_was_typed(pwp_client, patient, team):
    response = pwp_client.post(
        f"/referrals/new/for-patient/{patient.pk}/", referral_post(team, **{"received_date-month": "", "source": ""})
    )

    content = response.content.decode()
    assert "Date referral received must include a month" in content
    assert "Select the source of referral" in content
    assert "Panic attacks on the bus" in content
    assert 'value="2026"' in content
    assert not patient.referrals.exists()


def test_team_of_another_service_cannot_be_chosen(pwp_client, patient, other_team):
    response = pwp_client.post(f"/referrals/new/for-patient/{patient.pk}/", referral_post(other_team))

    assert "Select a valid choice" in response.content.decode()
    assert not patient.referrals.exists()


def test_practitioner_must_be_in_the_chosen_team(pwp_client, service, patient, team):
    other_team = builders.make_team(service, name="South team")
    outsider = builders.make_staff(service, Role.PWP, teams=[other_team], first_name="Ola", last_name="Outside")

    response = pwp_client.post(
        f"/referrals/new/for-patient/{patient.pk}/", referral_post(team, practitioner=outsider.pk)
    )

    assert "Ola Outside is not in North team" in response.content.decode()


def test_status_change_adds_an_immutable_row(pwp, referral):
    services.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT, note="Started BA")

    assert referral.status == ReferralStatus.IN_TREATMENT
    assert [(c.status, c.changed_by) for c in referral.status_changes.all()] == [
        (ReferralStatus.WAITING, pwp),
        (ReferralStatus.IN_TREATMENT, pwp),
    ]


def test_transition_not_allowed_is_refused(pwp, referral):
    services.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    with pytest.raises(services.TransitionNotAllowed):
        services.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT)


def test_referral_team_must_be_in_patient_service(pwp, patient, other_team):
    with pytest.raises(ValueError):
        builders.make_referral(patient, other_team, pwp)
