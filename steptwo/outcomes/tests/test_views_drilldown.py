"""Drill-downs: the referrals (or appointments) behind a figure, scoped, paginated and audited."""

import pytest
from django.urls import reverse

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.outcomes.tests.histories import at, finished_course, new_referral, treat
from steptwo.outcomes.tests.test_views import OCTOBER
from steptwo.tests import builders


def drill(client, name="outcomes:service_referrals", args=(), **params):
    return client.get(reverse(name, args=args), {**OCTOBER, **params})


def text_of(response):
    return response.content.decode()


@pytest.mark.django_db
def test_the_referrals_behind_recovery_link_to_their_records(client, manager, pwp, referral, patient, team):
    finished_course(pwp, referral)
    not_recovered = finished_course(pwp, new_referral(patient, team, pwp), phq=(17, 15), gad=(12, 11), hour=11)
    client.force_login(manager)
    response = drill(client, measure="recovery", part="numerator")
    text = text_of(response)
    assert response.status_code == 200
    assert "1 referral counted in “Recovery” (the numerator)." in text
    assert reverse("referrals:detail", args=[referral.pk]) in text
    assert reverse("patients:detail", args=[referral.patient_id]) in text
    assert reverse("referrals:detail", args=[not_recovered.pk]) not in text
    assert "Recovered, Reliable improvement, Reliable recovery" in text
    denominator = text_of(drill(client, measure="recovery", part="denominator"))
    assert "2 referrals: finished a course at caseness" in denominator
    assert reverse("referrals:detail", args=[not_recovered.pk]) in denominator


@pytest.mark.django_db
def test_opening_a_drill_down_writes_one_audit_event(client, manager, pwp, referral):
    finished_course(pwp, referral)
    client.force_login(manager)
    before = AuditEvent.objects.count()
    drill(client, measure="finished_course", part="count")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.actor_id) == (AuditAction.VIEW, manager.pk)
    assert event.detail["page"] == "outcomes_drilldown"
    assert (event.detail["measure"], event.detail["part"]) == ("finished_course", "count")
    assert event.detail["referrals"] == [referral.pk]
    assert (event.detail["from"], event.detail["to"]) == ("2026-10-01", "2026-10-31")


@pytest.mark.django_db
def test_paginated_25_a_page(client, manager, pwp, patient, team):
    for _ in range(26):
        new_referral(patient, team, pwp)
    client.force_login(manager)
    first = text_of(drill(client, measure="referrals_received", part="count"))
    assert "Referrals received: referrals 1 to 25 of 26" in first
    assert "Page 2" in first
    second = text_of(drill(client, measure="referrals_received", part="count", page="2"))
    assert "referrals 26 to 26 of 26" in second
    assert AuditEvent.objects.filter(detail__page="outcomes_drilldown").count() == 2


@pytest.mark.django_db
def test_one_groups_figure(client, manager, service, team, pwp, patient, referral):
    finished_course(pwp, referral)
    unallocated = builders.make_referral(patient, team, pwp, practitioner=None)
    client.force_login(manager)
    text = text_of(drill(client, measure="referrals_received", part="count", by="pwp", group="none"))
    assert "1 referral counted" in text and "Not allocated" in text
    assert reverse("referrals:detail", args=[unallocated.pk]) in text
    text = text_of(drill(client, measure="referrals_received", part="count", by="pwp", group=str(pwp.pk)))
    assert reverse("referrals:detail", args=[referral.pk]) in text
    assert reverse("referrals:detail", args=[unallocated.pk]) not in text
    assert f"{service.name}: Priya Shah" in text


@pytest.mark.django_db
def test_the_appointments_behind_the_dna_rate(client, manager, pwp, referral):
    treat(pwp, referral, at(10, 5), attendance=AttendOrDNACode.DID_NOT_ATTEND, app_type=AppType.ASSESSMENT)
    treat(pwp, referral, at(10, 6), app_type=AppType.ASSESSMENT)
    client.force_login(manager)
    numerator = text_of(drill(client, measure="dna", part="numerator"))
    assert "1 appointment counted in “Did not attend” (the numerator)." in numerator
    assert reverse("referrals:detail", args=[referral.pk]) in numerator
    denominator = text_of(drill(client, measure="dna", part="denominator"))
    assert "2 appointments: appointments with an outcome recorded" in denominator


@pytest.mark.django_db
def test_a_pwp_opens_their_own_drill_down_only(client, pwp, referral, staff_in_role):
    finished_course(pwp, referral)
    colleague = staff_in_role(Role.PWP)
    client.force_login(pwp)
    assert drill(client, "outcomes:pwp_referrals", [pwp.pk], measure="ended", part="count").status_code == 200
    assert drill(client, "outcomes:pwp_referrals", [colleague.pk], measure="ended", part="count").status_code == 403
    assert drill(client, measure="ended", part="count").status_code == 403
    assert not AuditEvent.objects.filter(detail__page="outcomes_drilldown", detail__scope_id=colleague.pk).exists()


@pytest.mark.django_db
def test_another_services_team_is_not_found(client, manager, other_team):
    client.force_login(manager)
    assert drill(client, "outcomes:team_referrals", [other_team.pk], measure="ended", part="count").status_code == 404


@pytest.mark.django_db
def test_another_services_referrals_never_listed(client, manager, pwp, referral, other_pwp, other_patient, other_team):
    finished_course(pwp, referral)
    elsewhere = finished_course(other_pwp, new_referral(other_patient, other_team, other_pwp))
    client.force_login(manager)
    text = text_of(drill(client, measure="finished_course", part="count"))
    assert "1 referral counted" in text
    assert reverse("referrals:detail", args=[elsewhere.pk]) not in text


@pytest.mark.django_db
@pytest.mark.parametrize("params", [
    {"measure": "nonsense", "part": "count"}, {"measure": "recovery", "part": "count"},
    {"measure": "ended", "part": "numerator"}, {"measure": "ended", "part": "count", "by": "pwp", "group": "x"},
])  # fmt: skip
def test_a_figure_that_does_not_exist_is_not_found(client, manager, params):
    client.force_login(manager)
    assert drill(client, **params).status_code == 404


@pytest.mark.django_db
def test_bad_dates_show_the_form_with_the_error(client, manager):
    client.force_login(manager)
    response = drill(client, measure="ended", part="count", **{"end-day": "32"})
    assert "To must be a real date" in text_of(response)
    assert not AuditEvent.objects.filter(detail__page="outcomes_drilldown").exists()


@pytest.mark.django_db
def test_one_pwps_figure_on_a_teams_page(client, manager, team, pwp, referral, other_pwp):
    finished_course(pwp, referral)
    client.force_login(manager)
    name = "outcomes:team_referrals"
    text = text_of(drill(client, name, [team.pk], measure="finished_course", part="count", by="pwp", group=pwp.pk))
    assert f"{team.name}: Priya Shah" in text and "1 referral counted" in text
    # Another service's PWP as the group: nothing of theirs, and no name either.
    text = text_of(
        drill(client, name, [team.pk], measure="finished_course", part="count", by="pwp", group=other_pwp.pk)
    )
    assert "0 referrals counted" in text and "Unknown group" in text
