from django.shortcuts import render

from steptwo.accounts.rules import Permission
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.tasks.models import Task, TaskKind


def home(request):
    user = request.user
    context = {"can_see_patients": user.has_perm(Permission.VIEW_PATIENT)}
    if context["can_see_patients"]:
        referrals = Referral.objects.for_user(user)
        context["risk_reviews"] = list(
            Task.objects.for_user(user).open().filter(kind=TaskKind.RISK_REVIEW, owner=user).select_related("patient")
        )
        context["my_open_count"] = referrals.open().filter(practitioner=user).count()
        context["team_rows"] = [
            {
                "team": team,
                "waiting": referrals.filter(team=team, status=ReferralStatus.WAITING).count(),
                "in_treatment": referrals.filter(team=team, status=ReferralStatus.IN_TREATMENT).count(),
            }
            for team in user.teams.all()
        ]
    return render(request, "core/home.jinja", context)
