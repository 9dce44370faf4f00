"""Each team's caseloads against capacity, with its waiting list beside them (issue 6, item 4)."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.accounts.rules import Permission
from steptwo.organisations.models import Team
from steptwo.referrals.models import Referral
from steptwo.supervision import capacity
from steptwo.supervision.models import SupervisionSettings


@dataclass(frozen=True)
class Load:
    """Open cases against capacity, for a person or a team."""

    open_cases: int
    capacity: int

    @property
    def percent(self):
        return capacity.round_half_up(self.open_cases * 100 / self.capacity) if self.capacity else None

    @property
    def over_by(self):
        return max(0, self.open_cases - self.capacity)


@dataclass(frozen=True)
class PersonRow:
    person: object
    stage: str  # "Qualified", or the trainee's month of training in words
    load: Load


@dataclass(frozen=True)
class TeamRow:
    team: object
    people: list
    load: Load
    waiting: capacity.WaitingCounts


@permission_required(Permission.VIEW_CAPACITY, raise_exception=True)
def capacity_page(request):
    user = request.user
    today = timezone.localdate()
    teams = _teams(user)
    settings = SupervisionSettings.for_service(user.service)
    holders = {person.pk: person for team in teams for person in team.caseload_holders}
    counts = capacity.open_caseload_counts(holders.values())
    waiting = capacity.waiting_counts(Referral.objects.for_user(user), teams=teams, today=today)
    rows = [
        _team_row(team, [_person_row(p, counts[p.pk], today, settings) for p in team.caseload_holders], waiting)
        for team in teams
    ]
    memberships = Counter(person.pk for team in teams for person in team.caseload_holders)
    shared = [str(holders[pk]) for pk, teams_in in memberships.items() if teams_in > 1]
    return render(
        request, "supervision/capacity.jinja", {"rows": rows, "settings": settings, "in_more_than_one_team": shared}
    )


def _teams(user):
    """A service manager sees every team of the service; a supervisor the teams they are in."""
    holders = User.objects.filter(role__in=capacity.CASELOAD_ROLES, is_active=True).order_by("last_name", "first_name")
    teams = Team.objects.filter(service_id=user.service_id)
    if user.role != Role.SERVICE_MANAGER:
        teams = teams.filter(members=user)
    return list(teams.prefetch_related(Prefetch("members", queryset=holders, to_attr="caseload_holders")))


def _person_row(person, open_cases, today, settings):
    return PersonRow(
        person=person, stage=_stage(person, today, settings),
        load=Load(open_cases, capacity.capacity_of(person, today=today, settings=settings)),
    )  # fmt: skip


def _stage(person, today, settings):
    if person.role != Role.TRAINEE_PWP:
        return "Qualified"
    days = capacity.training_days(person, today=today)
    if days is None:
        return f"Trainee, no training start date (so {settings.trainee_start_percent}% of a qualified caseload)"
    if days >= capacity.TRAINING_YEAR_DAYS:
        return "Trainee, training year complete"
    return f"Trainee, month {capacity.training_month(person, today=today)} of 12"


def _team_row(team, people, waiting):
    load = Load(sum(row.load.open_cases for row in people), sum(row.load.capacity for row in people))
    return TeamRow(team=team, people=people, load=load, waiting=waiting[team.pk])
