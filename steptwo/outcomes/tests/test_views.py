"""The outcomes pages: period form, figures with numerators and denominators, trends, CSV, permissions.

October 2026 is the period in most tests (histories.finished_course: discharged 20 October, recovered).
"""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steptwo.accounts.models import Role
from steptwo.outcomes.aggregates import MEASURES
from steptwo.outcomes.forms import last_twelve_complete_months
from steptwo.outcomes.tests.histories import finished_course, new_referral
from steptwo.tests import builders

OCTOBER = {
    "start-day": "1", "start-month": "10", "start-year": "2026", "end-day": "31", "end-month": "10", "end-year": "2026",
}  # fmt: skip


@pytest.fixture
def october(pwp, referral):
    return finished_course(pwp, referral)


def page_text(response):
    return response.content.decode()


def input_value(response, name):
    match = re.search(rf'name="{re.escape(name)}" type="text" value="([^"]*)"', page_text(response))
    return match.group(1)


def figures_of(client, name="outcomes:service", args=(), **params):
    """{(group, measure): (count or numerator, denominator, percentage)} from the figures CSV, which the page's
    own computation writes."""
    response = client.get(reverse(f"{name}_figures_csv", args=args), {**OCTOBER, **params})
    return {
        (row["Group"], row["Measure"]): (row["CountOrNumerator"], row["Denominator"], row["Percentage"])
        for row in rows_of(response)
    }


# --- The period form ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "period"), [
    (datetime.date(2026, 11, 23), (datetime.date(2025, 11, 1), datetime.date(2026, 10, 31))),
    (datetime.date(2026, 1, 1), (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))),
    (datetime.date(2026, 12, 31), (datetime.date(2025, 12, 1), datetime.date(2026, 11, 30))),
])  # fmt: skip
def test_default_period_is_the_last_12_complete_months(today, period):
    assert last_twelve_complete_months(today) == period


@pytest.mark.django_db
def test_page_opens_on_the_last_12_complete_months(manager_client):
    start, end = last_twelve_complete_months(datetime.date.today())
    response = manager_client.get(reverse("outcomes:service"))
    assert response.status_code == 200
    assert f"Figures, {start.day} {start:%B %Y} to {end.day} {end:%B %Y}" in page_text(response)
    assert (input_value(response, "start-day"), input_value(response, "start-month")) == ("1", str(start.month))


@pytest.mark.django_db
def test_reversed_dates_are_refused_keeping_what_was_typed(manager_client):
    response = manager_client.get(reverse("outcomes:service"), {**OCTOBER, "end-day": "30", "end-month": "9"})
    text = page_text(response)
    assert "The last day of the period must be the same as or after the first day" in text
    assert (input_value(response, "end-day"), input_value(response, "end-month")) == ("30", "9")
    assert "Figures," not in text  # no figures for a period that is not one


@pytest.mark.django_db
def test_a_date_that_is_not_one_is_refused(manager_client):
    response = manager_client.get(reverse("outcomes:service"), {**OCTOBER, "start-day": "31", "start-month": "2"})
    assert "From must be a real date" in page_text(response)
    assert (input_value(response, "start-day"), input_value(response, "start-month")) == ("31", "2")


@pytest.mark.django_db
def test_more_than_three_years_is_refused(manager_client):
    response = manager_client.get(reverse("outcomes:service"), {**OCTOBER, "start-year": "2020"})
    assert "Choose a period of 3 years or less" in page_text(response)


# --- Figures -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_figure_with_numerator_and_denominator(manager_client, october):
    text = page_text(manager_client.get(reverse("outcomes:service"), OCTOBER))
    for label in MEASURES.values():
        assert label in text
    recovery = text[
        text.index('<th scope="row" class="nhsuk-table__header nhsuk-u-font-weight-normal">Recovery</th>') :
    ]
    recovery = recovery[: recovery.index("</tr>")]
    assert "Recovery, numerator" in recovery and "Recovery, denominator" in recovery and "100.0%" in recovery
    assert "finished a course at caseness" in recovery
    drill = reverse("outcomes:service_referrals") + "?start-day=1&amp;start-month=10&amp;start-year=2026"
    assert drill in text and "measure=recovery&amp;part=numerator" in text


@pytest.mark.django_db
def test_trend_charts_with_tables_and_reference_lines(manager_client, october):
    text = page_text(manager_client.get(reverse("outcomes:service"), OCTOBER))
    for measure in ("recovery", "reliable_improvement", "reliable_recovery", "reliable_deterioration",
                    "waited_6_weeks", "waited_18_weeks"):  # fmt: skip
        assert f'aria-labelledby="trend-{measure}-title" aria-describedby="trend-{measure}-desc"' in text
    assert "Recovery: the figures in a table" in text
    assert "Target: 75%." in text and "England 2024-25: 50.5%." in text
    assert "NHS England annual data 2024-25 (domain reference §1.4)" in text


@pytest.mark.django_db
def test_grouped_by_team(manager_client, service, team, pwp, patient, october):
    east = builders.make_team(service, name="East team", code="EAST")
    finished_course(pwp, new_referral(patient, east, pwp), hour=11)
    text = page_text(manager_client.get(reverse("outcomes:service"), {**OCTOBER, "by": "team"}))
    assert text.index('<h3 id="group-1">East team (EAST)</h3>') < text.index(f'<h3 id="group-2">{team.name}')
    assert f"measure=finished_course&amp;part=count&amp;by=team&amp;group={east.pk}" in text
    figures = figures_of(manager_client, by="team")
    assert figures[(service.name, "finished_course")][0] == "2"  # the whole service
    assert figures[("East team", "finished_course")][0] == "1"


@pytest.mark.django_db
def test_publication_mode_hides_small_counts_and_drill_downs(manager_client, october):
    response = manager_client.get(reverse("outcomes:service"), {**OCTOBER, "publication": "on"})
    text = page_text(response)
    assert "Suppressed (under 5)" in text
    assert "measure=recovery" not in text
    assert "Publication mode: counts under 5 are hidden" in text


@pytest.mark.django_db
def test_the_page_derives_once(manager_client, october, patient, team, pwp, monkeypatch):
    from steptwo.outcomes import storage

    calls = []
    outcomes = storage.outcomes
    monkeypatch.setattr(storage, "outcomes", lambda *args, **kwargs: calls.append(1) or outcomes(*args, **kwargs))
    with CaptureQueriesContext(connection) as one:
        manager_client.get(reverse("outcomes:service"), {**OCTOBER, "by": "pwp"})
    assert len(calls) == 1  # figures, groups and the months all come from one derivation
    for hour in (11, 12, 13):
        finished_course(pwp, new_referral(patient, team, pwp), hour=hour)
    with CaptureQueriesContext(connection) as four:
        manager_client.get(reverse("outcomes:service"), {**OCTOBER, "by": "pwp"})
    assert len(four) == len(one)  # a fixed number of queries, whatever the number of referrals


# --- CSV ----------------------------------------------------------------------------------------------------


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_figures_csv(manager_client, october, service):
    response = manager_client.get(reverse("outcomes:service_figures_csv"), OCTOBER)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="outcomes-service-2026-10-01-to-2026-10-31.csv"' in response["Content-Disposition"]
    recovery = next(row for row in rows_of(response) if row["Measure"] == "recovery")
    assert recovery["CountOrNumerator"] == "1" and recovery["Denominator"] == "1"
    assert recovery["Percentage"] == "100.0" and recovery["Group"] == service.name


@pytest.mark.django_db
def test_trends_csv_one_row_per_month_and_measure(manager_client, october):
    params = {**OCTOBER, "start-month": "9"}
    rows = rows_of(manager_client.get(reverse("outcomes:service_trends_csv"), params))
    assert {row["Month"] for row in rows} == {"2026-09", "2026-10"}
    october_recovery = next(row for row in rows if row["Month"] == "2026-10" and row["Measure"] == "recovery")
    assert (october_recovery["CountOrNumerator"], october_recovery["Denominator"]) == ("1", "1")


@pytest.mark.django_db
def test_csv_in_publication_mode_marks_suppressed_counts(manager_client, october):
    rows = rows_of(manager_client.get(reverse("outcomes:service_figures_csv"), {**OCTOBER, "publication": "on"}))
    recovery = next(row for row in rows if row["Measure"] == "recovery")
    assert recovery["CountOrNumerator"] == "*" and recovery["Percentage"] == ""


# --- Permissions --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.PWP_SUPERVISOR])
def test_supervisors_and_managers_see_service_team_and_any_pwp(client, staff_in_role, team, pwp, role):
    client.force_login(staff_in_role(role))
    for name, args in (("outcomes:service", ()), ("outcomes:team", (team.pk,)), ("outcomes:pwp", (pwp.pk,))):
        assert client.get(reverse(name, args=args)).status_code == 200, name


@pytest.mark.django_db
def test_a_pwp_sees_only_their_own_page(pwp_client, pwp, team, staff_in_role):
    colleague = staff_in_role(Role.PWP)
    assert pwp_client.get(reverse("outcomes:pwp", args=[pwp.pk])).status_code == 200
    assert pwp_client.get(reverse("outcomes:pwp", args=[colleague.pk])).status_code == 403
    assert pwp_client.get(reverse("outcomes:service")).status_code == 403
    assert pwp_client.get(reverse("outcomes:team", args=[team.pk])).status_code == 403
    assert pwp_client.get(reverse("outcomes:service_figures_csv")).status_code == 403


@pytest.mark.django_db
def test_a_trainee_sees_their_own_page(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("outcomes:pwp", args=[trainee.pk])).status_code == 200
    assert client.get(reverse("outcomes:service")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADMIN_STAFF, Role.HIGH_INTENSITY, Role.SYSTEM_ADMIN])
def test_others_are_refused(client, staff_in_role, pwp, role):
    client.force_login(staff_in_role(role))
    assert client.get(reverse("outcomes:service")).status_code == 403
    assert client.get(reverse("outcomes:pwp", args=[pwp.pk])).status_code == 403


@pytest.mark.django_db
def test_another_services_team_or_pwp_is_not_found(client, manager, pwp, other_team, other_pwp):
    client.force_login(manager)
    assert client.get(reverse("outcomes:team", args=[other_team.pk])).status_code == 404
    assert client.get(reverse("outcomes:pwp", args=[other_pwp.pk])).status_code == 404
    client.force_login(pwp)
    assert client.get(reverse("outcomes:pwp", args=[other_pwp.pk])).status_code == 404


@pytest.mark.django_db
def test_signed_out_goes_to_sign_in(client):
    response = client.get(reverse("outcomes:service"))
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


@pytest.mark.django_db
def test_my_outcomes_goes_where_the_user_may_look(client, pwp, manager, staff_in_role):
    client.force_login(pwp)
    assert client.get(reverse("outcomes:mine"))["Location"] == reverse("outcomes:pwp", args=[pwp.pk])
    client.force_login(manager)
    assert client.get(reverse("outcomes:mine"))["Location"] == reverse("outcomes:service")
    client.force_login(staff_in_role(Role.ADMIN_STAFF))
    assert client.get(reverse("outcomes:mine")).status_code == 403


@pytest.mark.django_db
def test_the_service_page_links_each_team_and_pwp(manager_client, team, pwp):
    text = page_text(manager_client.get(reverse("outcomes:service")))
    assert reverse("outcomes:team", args=[team.pk]) in text
    assert reverse("outcomes:pwp", args=[pwp.pk]) in text


@pytest.mark.django_db
def test_a_pwps_page_counts_their_referrals_only(pwp_client, pwp, patient, team, staff_in_role, october):
    colleague = staff_in_role(Role.PWP)
    finished_course(colleague, new_referral(patient, team, colleague), hour=11)
    figures = figures_of(pwp_client, "outcomes:pwp", args=[pwp.pk])
    assert figures[("Priya Shah", "finished_course")][0] == "1"
    assert figures[("Priya Shah", "dna")][1] == "3"  # the appointments Priya held


@pytest.mark.django_db
def test_grouping_left_out_means_the_whole_scope_and_a_made_up_one_is_refused(manager_client):
    text = page_text(manager_client.get(reverse("outcomes:service"), OCTOBER))
    assert "Figures, 1 October 2026 to 31 October 2026" in text
    assert "Show figures for (optional)" not in text
    text = page_text(manager_client.get(reverse("outcomes:service"), {**OCTOBER, "by": "region"}))
    assert "Choose whose figures to show from the list" in text
