from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from steptwo.accounts.models import CLINICAL_ROLES, Role
from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.organisations.models import Team
from steptwo.referrals import waiting_list
from steptwo.referrals.codes import SourceOfReferral
from steptwo.referrals.models import Referral

PAGE_SIZE = 50
WAITING_FOR_CHOICES = [("assessment", "Assessment"), ("treatment", "Treatment")]


class FilterChoiceField(forms.ChoiceField):
    """A filter value no longer offered (say a PWP of the team chosen before) means "any", not an error."""

    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


class WaitingListFilterForm(forms.Form):
    team = forms.TypedChoiceField(label="Team", coerce=int, required=False)
    problem = FilterChoiceField(label="Problem", required=False)
    source = FilterChoiceField(
        label="Source of referral", required=False, choices=[("", "Any source"), *SourceOfReferral.choices]
    )
    practitioner = FilterChoiceField(label="PWP", required=False)
    waiting_for = forms.MultipleChoiceField(
        label="Waiting for", required=False, choices=WAITING_FOR_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, teams, problems, practitioners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(team.pk, team.name) for team in teams]
        self.fields["problem"].choices = [("", "Any problem")] + [(code, f"{code} {label}") for code, label in problems]
        self.fields["practitioner"].choices = [("", "Any PWP"), (waiting_list.NOT_ALLOCATED, "Not allocated")] + [
            (str(person.pk), str(person)) for person in practitioners
        ]

    def filters(self):
        data = self.cleaned_data if self.is_bound else {}
        return waiting_list.Filters(
            problem=data.get("problem", ""), source=data.get("source", ""),
            practitioner=data.get("practitioner", ""), waiting_for=tuple(data.get("waiting_for", ())),
        )  # fmt: skip


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def waiting_list_page(request):
    user = request.user
    teams = _teams_to_choose(user)
    team = _chosen_team(request.GET.get("team"), teams)
    if team is None:
        return render(request, "referrals/waiting_list.jinja", {"team": None})
    practitioners = list(team.members.filter(role__in=CLINICAL_ROLES, is_active=True))
    waiting = waiting_list.waiting(Referral.objects.for_user(user), team=team)
    form = WaitingListFilterForm(
        request.GET or None, initial={"team": team.pk}, teams=teams, problems=waiting_list.problems(waiting),
        practitioners=practitioners,
    )  # fmt: skip
    form.is_valid()
    page = Paginator(waiting_list.filtered(waiting, form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [waiting_list.row(referral, today) for referral in page.object_list]
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={"page": "waiting_list", "team": team.pk, "shown": [row.referral.patient_id for row in rows]},
    )  # fmt: skip
    return render(request, "referrals/waiting_list.jinja", {"team": team, "form": form, "page": page, "rows": rows})


def _teams_to_choose(user):
    """A service manager may look at any team in the service; everyone else at their own teams."""
    if user.role == Role.SERVICE_MANAGER:
        return list(Team.objects.filter(service_id=user.service_id))
    return list(user.teams.all())


def _chosen_team(value, teams):
    if not value:
        return teams[0] if teams else None
    chosen = next((team for team in teams if str(team.pk) == value), None)
    if chosen is None:
        raise Http404("No such team")
    return chosen
