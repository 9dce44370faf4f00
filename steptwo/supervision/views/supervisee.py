"""One supervisee's supervision: their sessions, and hours of each type per week, fortnight and month
against the standard (supervision.hours; domain reference §5)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission
from steptwo.supervision import hours
from steptwo.supervision.models import SupervisionSession
from steptwo.supervision.views.sessions import CASELOAD_ROLES


@login_required
def supervisee_hours(request, pk):
    user = request.user
    if not (user.has_perm(Permission.SUPERVISE) or user.has_perm(Permission.VIEW_CAPACITY)):
        raise PermissionDenied
    supervisee = get_object_or_404(
        User.objects.select_related("supervisor"), pk=pk, service_id=user.service_id, role__in=CASELOAD_ROLES
    )
    today = timezone.localdate()
    since = hours.window_start(today)
    sessions = list(
        SupervisionSession.objects.for_user(user)
        .filter(supervisee=supervisee, held_on__gte=since)
        .select_related("supervisor")
        .annotate(cases=Count("discussions"))
        .order_by("-held_on", "-recorded_at", "-pk")
    )
    joined_on = timezone.localdate(supervisee.date_joined)
    result = hours.hours_for(sessions, today=today, fte=supervisee.fte, joined_on=joined_on)
    return render(
        request,
        "supervision/supervisee.jinja",
        {
            "supervisee": supervisee, "sessions": sessions, "since": since, "hours": result, "joined_on": joined_on,
            "format_minutes": hours.format_minutes, "week_status": hours.week_status,
            "fortnight_status": hours.fortnight_status, "gap_text": hours.gap_text,
        },
    )  # fmt: skip
