"""A member of staff's capacity details (FTE, training start, capacity override, supervisor)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission
from steptwo.accounts.services import update_capacity_details
from steptwo.core.errors import NotAllowed
from steptwo.supervision import capacity
from steptwo.supervision.forms.staff import StaffCapacityForm
from steptwo.supervision.models import SupervisionSettings


@permission_required(Permission.CHANGE_SERVICE_SETTINGS, raise_exception=True)
def staff_capacity(request, pk):
    person = get_object_or_404(
        User.objects.filter(service_id=request.user.service_id).select_related("supervisor").prefetch_related("teams"),
        pk=pk,
    )
    form = StaffCapacityForm(request.POST or None, initial=StaffCapacityForm.initial_from(person), person=person)
    if request.method == "POST" and form.is_valid():
        try:
            update_capacity_details(by=request.user, user=person, **form.capacity_details())
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Capacity details of {person} saved.")
            return redirect("supervision:staff", pk=person.pk)
    return render(request, "supervision/staff.jinja", _context(request, person, form))


def _context(request, person, form):
    today = timezone.localdate()
    settings = SupervisionSettings.for_service(request.user.service)
    return {
        "person": person, "form": form, "holds_caseload": capacity.holds_caseload(person),
        "capacity": capacity.capacity_of(person, today=today, settings=settings),
        "explanation": capacity.explain_capacity(person, today=today, settings=settings),
        "open_cases": capacity.open_caseload_counts([person])[person.pk],
    }  # fmt: skip
