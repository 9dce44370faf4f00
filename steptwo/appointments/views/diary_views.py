"""A practitioner's diary (day or week) and a team's diary (one day, a section per member)."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.models import CLINICAL_ROLES
from steptwo.accounts.rules import Permission
from steptwo.appointments import diary
from steptwo.appointments.models import Appointment
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.organisations.models import Team


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def practitioner_diary(request):
    user = request.user
    clinicians = list(_clinicians(user.service_id))
    practitioner = _practitioner(request.GET.get("practitioner"), user, clinicians)
    view = diary.WEEK if request.GET.get("view") == diary.WEEK else diary.DAY
    day = diary.parse_day(request.GET.get("date"), timezone.localdate())
    days = diary.week_days(day) if view == diary.WEEK else [day]
    groups = []
    if practitioner:
        appointments = Appointment.objects.for_user(user).filter(practitioner=practitioner)
        groups = diary.by_day(diary.between(appointments, days[0], days[-1]), days, timezone.now())
        _audit(user, "diary", practitioner=practitioner.pk, days=days, groups=groups)
    step = datetime.timedelta(days=7 if view == diary.WEEK else 1)
    link = _diary_link(practitioner, user, view)
    return render(
        request,
        "appointments/diary.jinja",
        {
            "practitioner": practitioner, "clinicians": clinicians, "view": view, "day": day, "days": days,
            "groups": groups, "today": timezone.localdate(), "teams": list(user.teams.all()),
            "previous_day": days[0] - step, "next_day": days[0] + step,
            "links": {
                "previous": link(day - step), "next": link(day + step), "today": link(timezone.localdate()),
                "day": _diary_link(practitioner, user, diary.DAY)(day),
                "week": _diary_link(practitioner, user, diary.WEEK)(day),
            },
        },
    )  # fmt: skip


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def team_diary(request, team_pk):
    user = request.user
    team = get_object_or_404(Team.objects.filter(service_id=user.service_id), pk=team_pk)
    members = list(team.members.filter(role__in=CLINICAL_ROLES, is_active=True))
    day = diary.parse_day(request.GET.get("date"), timezone.localdate())
    appointments = Appointment.objects.for_user(user).filter(practitioner__in=[person.pk for person in members])
    groups = diary.by_practitioner(diary.between(appointments, day, day), members, timezone.now())
    _audit(user, "team_diary", team=team.pk, days=[day], groups=groups)
    path = reverse("appointments:team_diary", args=[team.pk])
    return render(
        request,
        "appointments/team_diary.jinja",
        {
            "team": team, "day": day, "groups": groups, "today": timezone.localdate(),
            "previous_day": day - datetime.timedelta(days=1), "next_day": day + datetime.timedelta(days=1),
            "links": {
                "previous": f"{path}?date={day - datetime.timedelta(days=1):%Y-%m-%d}",
                "next": f"{path}?date={day + datetime.timedelta(days=1):%Y-%m-%d}",
                "today": path,
            },
        },
    )  # fmt: skip


def _clinicians(service_id):
    return get_user_model().objects.filter(service_id=service_id, role__in=CLINICAL_ROLES, is_active=True)


def _practitioner(value, user, clinicians):
    """The clinician whose diary to show: ?practitioner=<id> (in the user's service), else the user."""
    if not value:
        return user if user.is_clinical else None
    chosen = next((person for person in clinicians if str(person.pk) == value), None)
    if chosen is None:
        raise Http404("No such practitioner in this service")
    return chosen


def _diary_link(practitioner, user, view):
    path = reverse("appointments:diary")

    def link(day):
        query = {}
        if practitioner and practitioner != user:
            query["practitioner"] = practitioner.pk
        if view == diary.WEEK:
            query["view"] = diary.WEEK
        query["date"] = day.isoformat()
        return f"{path}?{urlencode(query)}"

    return link


def _audit(user, page, *, days, groups, **detail):
    shown = sorted({entry.appointment.referral.patient_id for _, entries in groups for entry in entries})
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={"page": page, "from": days[0].isoformat(), "to": days[-1].isoformat(), "shown": shown, **detail},
    )  # fmt: skip
