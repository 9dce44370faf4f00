"""Whose outcomes a page shows (the service, a team or a PWP) and who may see them.

Permission.VIEW_OUTCOMES (supervisors, service managers) sees the service, any team and any PWP of their
own service; a PWP or trainee (Permission.HOLD_CASELOAD) sees only their own PWP page. Anyone else is
refused (403). A team or person of another service does not exist for the user (404), whatever their role.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission
from steptwo.appointments.models import Appointment
from steptwo.organisations.models import Team
from steptwo.referrals.models import Referral

KINDS = ("service", "team", "pwp")
GROUPINGS = {  # the scope's kind: [(by, label)], the whole scope first
    "service": [("service", "The whole service"), ("team", "Each team"), ("pwp", "Each PWP")],
    "team": [("team", "The whole team"), ("pwp", "Each PWP")],
    "pwp": [("pwp", "This PWP")],
}


@dataclass(frozen=True)
class Scope:
    kind: str  # "service", "team" or "pwp"
    pk: int | None  # the team's or person's id; None for the service
    name: str  # "North Talking Therapies", "North team", "Priya Shah"
    referrals: object  # Referral queryset: the referrals it reports on (allocated to the PWP, of the team)
    appointments: object  # Appointment queryset: the appointments its DNA and cancellation rates count
    groupings: list
    service_id: int

    @property
    def url_args(self):
        return () if self.pk is None else (self.pk,)

    def url_name(self, action=""):
        """outcomes:team, outcomes:team_figures_csv, ..."""
        return f"outcomes:{self.kind}{'_' + action if action else ''}"


def scope_for(request, kind, pk=None):
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    referrals, appointments = Referral.objects.for_user(user), Appointment.objects.for_user(user)
    if kind == "service":
        _require_view_outcomes(user)
        return Scope(kind, None, user.service.name, referrals, appointments, GROUPINGS[kind], user.service_id)
    if kind == "team":
        team = get_object_or_404(Team, pk=pk, service_id=user.service_id)
        _require_view_outcomes(user)
        return Scope(
            kind, team.pk, team.name, referrals.filter(team=team), appointments.filter(referral__team=team),
            GROUPINGS[kind], user.service_id,
        )  # fmt: skip
    person = get_object_or_404(User, pk=pk, service_id=user.service_id)
    if not may_see_outcomes_of(user, person):
        raise PermissionDenied
    # A PWP's DNA and cancellation rates count the appointments they held (as aggregates groups them).
    return Scope(
        kind, person.pk, str(person), referrals.filter(practitioner=person), appointments.filter(practitioner=person),
        GROUPINGS[kind], user.service_id,
    )  # fmt: skip


def may_see_outcomes_of(user, person):
    if user.has_perm(Permission.VIEW_OUTCOMES):
        return True
    return user.has_perm(Permission.HOLD_CASELOAD) and user.pk == person.pk


def _require_view_outcomes(user):
    if not user.has_perm(Permission.VIEW_OUTCOMES):
        raise PermissionDenied
