"""The referrals (or, for DNA and cancellation rates, the appointments) behind one figure of the outcomes
page: ?measure=recovery&part=numerator, with the page's period, and by/group for one group's figure.

The list is counted by the same code as the figure (aggregates.cohorts), from one derivation of the
period. Patient data are read only through for_user; opening a drill-down writes one audit event.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from steptwo.core.formatting import format_score
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.aggregates import (
    APPOINTMENT_GROUP_FIELDS,
    APPOINTMENT_MEASURES,
    COUNT_MEASURES,
    MEASURES,
    RATE_COHORTS,
    cohorts,
    derive_period,
    group_key,
    group_label,
)  # fmt: skip
from steptwo.outcomes.forms import PeriodForm
from steptwo.outcomes.sql import LocalDate
from steptwo.outcomes.views import figures
from steptwo.outcomes.views.dashboard import NOT_ALLOCATED, outcomes_page
from steptwo.outcomes.views.scope import scope_for
from steptwo.referrals.models import Referral

PAGE_SIZE = 25
FLAG_WORDS = (  # (Flags attribute, words), as the page names them
    ("not_caseness", "Not at caseness at the start"),
    ("recovery", "Recovered"),
    ("reliable_improvement", "Reliable improvement"),
    ("reliable_recovery", "Reliable recovery"),
    ("reliable_deterioration", "Reliable deterioration"),
    ("no_change", "No reliable change"),
)


@dataclass(frozen=True)
class ReferralRow:
    outcome: object  # ReferralOutcome
    referral: object

    @property
    def phq9(self):
        return _scores(self.outcome.phq9)

    @property
    def anxiety(self):
        name = instruments.get(self.outcome.adsm).short_name
        return f"{name} {_scores(self.outcome.anxiety)}" if self.outcome.anxiety else f"{name}: no scores"

    @property
    def judgement(self):
        if not self.outcome.completed_treatment:
            return ""
        return ", ".join(words for flag, words in FLAG_WORDS if getattr(self.outcome.flags, flag))


def _scores(scores):
    if not scores:
        return "No scores"
    if not scores.paired:
        return f"{format_score(scores.first)} (one score)"
    return f"{format_score(scores.first)} → {format_score(scores.last)}"


@login_required
def drilldown(request, kind, pk=None):
    scope = scope_for(request, kind, pk)
    form = PeriodForm(request.GET, groupings=scope.groupings, today=timezone.localdate())
    if not form.is_bound or not form.is_valid():
        return outcomes_page(request, kind, pk)
    measure, part = _measure_and_part(request.GET)
    start, end, by, _publication = form.period()
    group = _group(request.GET, by)
    if measure in APPOINTMENT_MEASURES:
        page = Paginator(_appointments(scope, start, end, by, group, measure, part), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        shown = {"appointments": [appointment.pk for appointment in page.object_list]}
        rows = page.object_list
    else:
        page, rows = _referral_page(request, scope, start, end, by, group, measure, part)
        shown = {"referrals": [row.referral.pk for row in rows]}
    audit.record(
        by=request.user, action=AuditAction.VIEW,
        detail={"page": "outcomes_drilldown", "scope": kind, "scope_id": pk, "measure": measure, "part": part,
                "from": start.isoformat(), "to": end.isoformat(), "by": by, "group": group, **shown},
    )  # fmt: skip
    rules = outcome_rules.current()
    context = {
        "scope": scope, "form": form, "measure": measure, "label": MEASURES[measure], "part": part, "page": page,
        "rows": rows, "appointments": measure in APPOINTMENT_MEASURES, "period": figures.period_text(start, end),
        "denominator_label": "" if part == "count" else figures.denominator_label(measure, rules),
        "group_name": _group_name(by, group, scope), "back_query": form.query(),
    }  # fmt: skip
    return render(request, "outcomes/drilldown.jinja", context)


def _measure_and_part(params):
    measure, part = params.get("measure"), params.get("part")
    allowed = ("count",) if measure in COUNT_MEASURES else ("numerator", "denominator")
    if measure not in MEASURES or part not in allowed:
        raise Http404("No such figure")
    return measure, part


def _group(params, by):
    """The group's key (an id, or None for "not allocated"), when the figure is one group's."""
    if not by:
        return None
    value = params.get("group", "")
    if value == NOT_ALLOCATED and by == "pwp":
        return None
    if not value.isdigit():
        raise Http404("No such group")
    return int(value)


def _group_name(by, group, scope):
    """ "Priya Shah" for one PWP's figure on a team's page; "" for the scope's own figure."""
    if not by:
        return ""
    code_and_name = group_label(by, group, service_id=scope.service_id)
    return code_and_name[1] if code_and_name else "Unknown group"


def _referral_page(request, scope, start, end, by, group, measure, part):
    rules = outcome_rules.current()
    outcomes = derive_period(start, end, referrals=scope.referrals, rules=rules)
    if by:
        outcomes = [outcome for outcome in outcomes if group_key(outcome, by) == group]
    name = measure if part == "count" else RATE_COHORTS[measure][0 if part == "numerator" else 1]
    cohort = sorted(cohorts(outcomes, start, end, rules)[name], key=lambda o: (o.received_date, o.referral_id))
    page = Paginator(cohort, PAGE_SIZE).get_page(request.GET.get("page"))
    referrals = Referral.objects.for_user(request.user).filter(pk__in=[o.referral_id for o in page.object_list])
    by_pk = {referral.pk: referral for referral in referrals.select_related("patient", "practitioner", "team")}
    return page, [ReferralRow(o, by_pk[o.referral_id]) for o in page.object_list if o.referral_id in by_pk]


def _appointments(scope, start, end, by, group, measure, part):
    """The appointments in the period with an outcome (§3.1), or only those with the measure's code."""
    appointments = (
        scope.appointments.annotate(day=LocalDate("starts_at"))
        .filter(day__gte=start, day__lte=end)
        .exclude(attendance="")
    )
    if by:
        field = APPOINTMENT_GROUP_FIELDS[by]
        appointments = appointments.filter(**({f"{field}__isnull": True} if group is None else {field: group}))
    if part == "numerator":
        appointments = appointments.filter(attendance=APPOINTMENT_MEASURES[measure])
    return appointments.select_related("referral__patient", "practitioner").order_by("starts_at", "pk")
