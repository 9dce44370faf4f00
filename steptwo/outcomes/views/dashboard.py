"""The outcomes page of the service, a team or a PWP, and its CSV files (issue 7, item 3).

Each request derives the period once (aggregates.derive_period) and counts everything from that: the
figures of the whole scope, of each group, and of each month (trends.monthly). No patient is named on
this page, so viewing it is not audited; the drill-downs that list referrals are (drilldown.py).
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission
from steptwo.organisations.models import Team
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.aggregates import (
    MEASURES,
    Count,
    attendance_counts_by_group_and_day,
    derive_period,
    grouped,
    measures_for,
    publish_measures,
)  # fmt: skip
from steptwo.outcomes.forms import PeriodForm
from steptwo.outcomes.trends import monthly
from steptwo.outcomes.views import figures
from steptwo.outcomes.views.scope import scope_for
from steptwo.supervision.capacity import CASELOAD_ROLES

NOT_ALLOCATED = "none"  # the drill-down's group value for referrals with no PWP allocated


@dataclass(frozen=True)
class Computed:
    start: object
    end: object
    by: str | None
    publication: bool
    rules: object
    total: dict  # MEASURES key → Count or Rate, of the whole scope
    groups: list  # aggregates.Group, when grouped
    months: list  # trends.Month


def compute(scope, start, end, by, publication):
    """Every figure of the page from one derivation of the period."""
    rules = outcome_rules.current()
    outcomes = derive_period(start, end, referrals=scope.referrals, rules=rules)
    by_group = attendance_counts_by_group_and_day(scope.appointments, start, end, by)
    daily = defaultdict(lambda: defaultdict(int))
    for days in by_group.values():
        for day, codes in days.items():
            for code, number in codes.items():
                daily[day][code] += number
    total = measures_for(outcomes, _summed(daily.values()), start, end, rules)
    groups = []
    if by:
        attendance = {group: _summed(days.values()) for group, days in by_group.items()}
        groups = grouped(outcomes, attendance, start, end, by, rules)
    months = monthly(outcomes, daily, start, end, rules, publication=publication)
    if publication:
        total = publish_measures(total)
        groups = [_published_group(group) for group in groups]
    return Computed(start, end, by, publication, rules, total, groups, months)


def _summed(counts):
    total = defaultdict(int)
    for codes in counts:
        for code, number in codes.items():
            total[code] += number
    return dict(total)


def _published_group(group):
    return replace(group, measures=publish_measures(group.measures))


def _form(request, scope):
    return PeriodForm(request.GET, groupings=scope.groupings, today=timezone.localdate())


@login_required
def my_outcomes(request):
    """Where the navigation's "Outcomes" goes: the service's page for those who see it, else one's own."""
    user = request.user
    if user.has_perm(Permission.VIEW_OUTCOMES):
        return redirect("outcomes:service")
    if user.has_perm(Permission.HOLD_CASELOAD):
        return redirect("outcomes:pwp", pk=user.pk)
    raise PermissionDenied


@login_required
def outcomes_page(request, kind, pk=None):
    scope = scope_for(request, kind, pk)
    form = _form(request, scope)
    context = {"scope": scope, "form": form, **_links(request, scope)}
    if form.is_bound and not form.is_valid():
        return render(request, "outcomes/dashboard.jinja", context)
    computed = compute(scope, *form.period())
    today = timezone.localdate()
    linked = not computed.publication
    context.update(
        computed=computed,
        period=figures.period_text(computed.start, computed.end),
        total_sections=figures.sections(computed.total, rules=computed.rules, linked=linked),
        group_sections=[
            (group, figures.sections(group.measures, rules=computed.rules, linked=linked)) for group in computed.groups
        ],
        trends=figures.trend_sections(computed.months, rules=computed.rules, today=today, scope_name=scope.name),
        drill=_drill_url(scope, form),
        csv_query=urlencode(form.query()),
    )
    return render(request, "outcomes/dashboard.jinja", context)


def _drill_url(scope, form):
    """drill(figure, group=None): the address of the referrals (or appointments) behind a figure."""
    base = reverse(scope.url_name("referrals"), args=scope.url_args)

    def drill(figure, group=None):
        params = form.query(**figure.query)
        params.pop("publication", None)
        params.pop("by", None)
        if group is not None:
            params.update(by=group.kind, group=NOT_ALLOCATED if group.id is None else group.id)
        return f"{base}?{urlencode(params)}"

    return drill


def _links(request, scope):
    """The service page lists the teams' and PWPs' pages for those who may see them."""
    user = request.user
    if scope.kind != "service" or not user.has_perm(Permission.VIEW_OUTCOMES):
        return {"teams": [], "people": []}
    people = User.objects.filter(service_id=user.service_id, role__in=CASELOAD_ROLES, is_active=True)
    return {
        "teams": list(Team.objects.filter(service_id=user.service_id).order_by("name")),
        "people": list(people.order_by("last_name", "first_name")),
    }


# --- CSV -----------------------------------------------------------------------------------------------------

FIGURE_COLUMNS = (
    "From", "To", "Scope", "Group", "GroupCode", "Measure", "MeasureName", "CountOrNumerator", "Denominator",
    "DenominatorIs", "Percentage", "PublicationMode",
)  # fmt: skip
TREND_COLUMNS = (
    "Month", "From", "To", "Scope", "Measure", "MeasureName", "CountOrNumerator", "Denominator", "Percentage",
    "PublicationMode",
)  # fmt: skip


@login_required
def figures_csv(request, kind, pk=None):
    scope = scope_for(request, kind, pk)
    form = _form(request, scope)
    if form.is_bound and not form.is_valid():
        return outcomes_page(request, kind, pk)
    computed = compute(scope, *form.period())
    response, writer = _csv_response(f"outcomes-{_slug(scope)}-{computed.start}-to-{computed.end}.csv", FIGURE_COLUMNS)
    whole = ("", scope.name, "")
    for group_name, group_code, measures in [(*whole[1:], computed.total)] + [
        (group.name, group.code, group.measures) for group in computed.groups
    ]:
        for name in MEASURES:
            writer.writerow([
                computed.start.isoformat(), computed.end.isoformat(), scope.name, group_name, group_code, name,
                MEASURES[name], *_values(measures[name]),
                "" if isinstance(measures[name], Count) else figures.denominator_label(name, computed.rules),
                _percent(measures[name]), computed.publication,
            ])  # fmt: skip
    return response


@login_required
def trends_csv(request, kind, pk=None):
    scope = scope_for(request, kind, pk)
    form = _form(request, scope)
    if form.is_bound and not form.is_valid():
        return outcomes_page(request, kind, pk)
    start, end, _by, publication = form.period()
    computed = compute(scope, start, end, None, publication)
    response, writer = _csv_response(f"outcomes-by-month-{_slug(scope)}-{start}-to-{end}.csv", TREND_COLUMNS)
    for month in computed.months:
        for name in MEASURES:
            value = month.measures[name]
            writer.writerow([
                f"{month.start:%Y-%m}", month.start.isoformat(), month.end.isoformat(), scope.name, name,
                MEASURES[name], *_values(value), _percent(value), publication,
            ])  # fmt: skip
    return response


def _csv_response(filename, columns):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(columns)
    return response, writer


def _values(value):
    """[count or numerator, denominator]: "*" where suppressed, "" where there is no denominator (a count)."""
    if isinstance(value, Count):
        return [_number(value.value), ""]
    return [_number(value.numerator), _number(value.denominator)]


def _number(number):
    return figures.SUPPRESSED if number is None else str(number)


def _percent(value):
    return "" if isinstance(value, Count) or value.percent is None else str(value.percent)


def _slug(scope):
    return scope.kind if scope.pk is None else f"{scope.kind}-{scope.pk}"
