"""Supervisors share a team's PWPs and trainees, one to at most 8 (issue 6), and each has their own supervision
records; the personas `pwp` and `trainee` stay with `supervisor`, and triage goes round the team's supervisors."""

from collections import Counter
from dataclasses import replace

import pytest
from django.db import transaction

from steptwo.accounts.models import Role, User
from steptwo.demo.build import build_demo
from steptwo.demo.sizes import SIZES
from steptwo.demo.tests.test_seed_demo import ANCHOR
from steptwo.referrals.models import IncomingReferral
from steptwo.supervision.models import CaseDiscussion, SupervisionSession
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db
# Two teams of 6 PWPs and 3 trainees, three supervisors each: two PWPs and a trainee each.
THREE_A_TEAM = replace(
    SIZES["small"], name="three a team", pwps_per_team=6, trainees_per_team=3, supervisors_per_team=3
)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo(THREE_A_TEAM, 7, anchor=ANCHOR)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES)
def test_a_supervisor_has_at_most_8_supervisees_and_the_large_demo_6_to_8(size):
    per_supervisor = (size.pwps_per_team + size.trainees_per_team) / size.supervisors_per_team

    assert per_supervisor <= 8
    if size.name == "large":
        assert 6 <= per_supervisor <= 8


def test_each_supervisor_supervises_a_share_of_their_own_teams_pwps_and_trainees():
    supervisees = User.objects.filter(role__in=[Role.PWP, Role.TRAINEE_PWP]).select_related("supervisor")
    shares = Counter(supervisee.supervisor for supervisee in supervisees)

    assert set(shares) == set(User.objects.filter(role=Role.PWP_SUPERVISOR))
    assert set(shares.values()) == {3}
    for supervisee in supervisees.prefetch_related("teams", "supervisor__teams"):
        assert set(supervisee.supervisor.teams.all()) == set(supervisee.teams.all())
    for supervisor in shares:
        roles = Counter(supervisees.filter(supervisor=supervisor).values_list("role", flat=True))
        assert roles == {Role.PWP: 2, Role.TRAINEE_PWP: 1}  # trainees are shared out too


def test_the_personas_are_supervised_by_the_supervisor_persona():
    supervisor = User.objects.get(username="supervisor")

    assert User.objects.get(username="pwp").supervisor == supervisor
    assert User.objects.get(username="trainee").supervisor == supervisor


def test_every_supervisor_holds_supervision_discusses_cases_and_raises_actions():
    for supervisor in User.objects.filter(role=Role.PWP_SUPERVISOR):
        sessions = SupervisionSession.objects.filter(supervisor=supervisor)
        assert set(sessions.values_list("supervisee", flat=True)) == set(
            supervisor.supervisees.values_list("pk", flat=True)
        )
        assert CaseDiscussion.objects.filter(session__supervisor=supervisor).exists()
    owners = set(Task.objects.filter(kind=TaskKind.SUPERVISION_ACTION).values_list("owner__role", flat=True))
    assert Role.PWP_SUPERVISOR in owners


def test_triage_goes_round_the_teams_supervisors():
    triaged = Counter(IncomingReferral.objects.exclude(triaged_by=None).values_list("triaged_by", flat=True))

    assert set(triaged) == set(User.objects.filter(role=Role.PWP_SUPERVISOR).values_list("pk", flat=True))
