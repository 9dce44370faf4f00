"""A practitioner's caseload: every open step 2 referral they hold, with what supervision looks at first
(risk, progress on the measures, contact), sortable and filterable on the server (no script needed).

Open means waiting for assessment with them as practitioner, assessed or in treatment (referrals.codes
STEP_2_STATUSES): stepped-up and discharged referrals have left the PWP's caseload.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission, may_see_caseload_of
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments
from steptwo.measures.charts import number
from steptwo.measures.presenters.progress import signed
from steptwo.referrals.codes import STEP_2_STATUSES, RiskLevel
from steptwo.referrals.models import Referral
from steptwo.supervision.capacity import capacity_of
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.models import SupervisionSettings
from steptwo.tasks.models import Task, TaskKind

NOT_ASSESSED = "none"  # the risk filter's value for referrals with no risk assessment yet
RISK_RANK = {RiskLevel.HIGH: 3, RiskLevel.MODERATE: 2, RiskLevel.LOW: 1, "": 0}
RELIABLE_TEXT = {
    "improvement": "reliable improvement",
    "deterioration": "reliable deterioration",
    "none": "no reliable change",
}
SORTS = {  # value: (label, key); each sorts the most pressing first, ties by name
    "risk": ("Risk, highest first", lambda row: -RISK_RANK.get(row.referral.risk_level, 0)),
    "contact": ("Days since last contact, most first", lambda row: -row.facts.days_since_last_contact),
    "phq9": ("Latest PHQ-9, highest first", lambda row: -row.latest_phq9 if row.latest_phq9 is not None else 1),
    "sessions": ("Treatment sessions, most first", lambda row: -row.facts.treatment_sessions),
    "name": ("Patient's name", lambda row: 0),
}
DEFAULT_SORT = "risk"


class FilterChoiceField(forms.ChoiceField):
    """A value no longer offered means "any", not an error: these are filters, not data entry."""

    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


class CaseloadFilterForm(forms.Form):
    stage = FilterChoiceField(
        label="Stage", required=False,
        choices=[("", "Any stage"), *((status.value, status.label) for status in STEP_2_STATUSES)],
    )  # fmt: skip
    risk = FilterChoiceField(
        label="Risk level", required=False,
        choices=[("", "Any risk level"), *reversed(RiskLevel.choices), (NOT_ASSESSED, "Not assessed")],
    )  # fmt: skip
    only = forms.MultipleChoiceField(label="Show only", required=False, widget=forms.CheckboxSelectMultiple)
    sort = FilterChoiceField(
        label="Sort by", required=False, choices=[(key, label) for key, (label, _) in SORTS.items()]
    )

    def __init__(self, *args, no_contact_days, **kwargs):  # the service's own threshold (default 28 days)
        super().__init__(*args, **kwargs)
        self.fields["only"].choices = [
            ("not_on_track", "Not on track"),
            ("no_contact", f"No contact for {no_contact_days} days or more"),
        ]

    def value(self, name):
        return (self.cleaned_data.get(name) if self.is_valid() else None) or ("" if name != "only" else [])


@dataclass(frozen=True)
class MeasureCell:
    """ "PHQ-9 18 → 12" and "−6, reliable improvement" (or "one score", "+3, no reliable-change index known")."""

    scores: str
    judgement: str
    deteriorated: bool  # shown in bold: the words say it, the weight only repeats it


@dataclass(frozen=True)
class CaseRow:
    facts: object  # case_facts.CaseFacts

    @property
    def referral(self):
        return self.facts.referral

    @property
    def latest_phq9(self):
        phq9 = self.facts.measures.get("phq9")
        return phq9.latest if phq9 else None

    @property
    def measures(self):
        return [_measure_cell(change) for change in self.facts.measures.values()]

    @property
    def not_on_track(self):
        """ "PHQ-9 19 is above 18 at session 2 (starter curves built from synthetic data)", per measure."""
        return [_not_on_track_text(judged) for judged in self.facts.not_on_track]

    @property
    def open_risk_tasks(self):
        return [task for task in self.facts.open_tasks if task.kind == TaskKind.RISK_REVIEW]


def _measure_cell(change):
    if change.count < 2:
        return MeasureCell(f"{change.short_name} {number(change.latest)}", "one score", False)
    if change.reliable:
        verdict = RELIABLE_TEXT[change.reliable] + (": index unverified" if change.unverified else "")
    else:
        verdict = "no reliable-change index known"
    return MeasureCell(
        f"{change.short_name} {number(change.first)} → {number(change.latest)}", f"{signed(change.change)}, {verdict}",
        change.reliable == "deterioration",
    )  # fmt: skip


def _not_on_track_text(judged):
    text = (
        f"{instruments.get(judged.instrument_id).short_name} {number(judged.score)} is above "
        f"{number(judged.boundary)}, the expected range's upper boundary at session {judged.session_number}"
    )
    return text + (" (starter curves built from synthetic data)" if judged.synthetic_curves else "")


@permission_required(Permission.HOLD_CASELOAD, raise_exception=True)
def my_caseload(request):
    return _caseload_page(request, request.user)


@login_required
def caseload_of(request, user_pk):
    practitioner = get_object_or_404(User, pk=user_pk, service_id=request.user.service_id)
    if not may_see_caseload_of(request.user, practitioner):
        raise Http404("No such caseload")
    return _caseload_page(request, practitioner)


def _caseload_page(request, practitioner):
    user, today = request.user, timezone.localdate()
    settings = SupervisionSettings.for_service(user.service)
    form = CaseloadFilterForm(request.GET or None, no_contact_days=settings.no_contact_days)
    caseload = Referral.objects.for_user(user).filter(practitioner=practitioner, status__in=STEP_2_STATUSES)
    open_cases = caseload.count()
    rows = [CaseRow(facts) for facts in facts_for(_filtered(caseload, form), today=today)]
    rows = _sorted([row for row in rows if _shown(row, form, settings)], form.value("sort") or DEFAULT_SORT)
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={"page": "caseload", "practitioner": practitioner.pk, "shown": [row.referral.patient_id for row in rows]},
    )  # fmt: skip
    context = {
        "practitioner": practitioner, "own": practitioner.pk == user.pk, "form": form, "rows": rows,
        "open_cases": open_cases, "capacity": capacity_of(practitioner, today=today, settings=settings),
        "open_tasks": Task.objects.for_user(user).open().filter(owner=practitioner).count(),
        "filtered": any(form.value(name) for name in ("stage", "risk", "only")),
        "sort_label": SORTS[form.value("sort") or DEFAULT_SORT][0],
    }  # fmt: skip
    return render(request, "supervision/caseload.jinja", context)


def _filtered(caseload, form):
    stage, risk = form.value("stage"), form.value("risk")
    if stage:
        caseload = caseload.filter(status=stage)
    if risk:
        caseload = caseload.filter(risk_level="" if risk == NOT_ASSESSED else risk)
    return caseload.order_by("patient__family_name", "patient__given_name", "id")


def _shown(row, form, settings):
    only = form.value("only")
    if "not_on_track" in only and not row.facts.not_on_track:
        return False
    return not ("no_contact" in only and row.facts.days_since_last_contact < settings.no_contact_days)


def _sorted(rows, sort):
    _label, key = SORTS[sort]
    return sorted(rows, key=key)  # stable: rows come in name order, so ties stay by name
