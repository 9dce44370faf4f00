"""Booking an appointment and recording an unplanned contact, from a referral."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.appointments import services
from steptwo.appointments.forms.booking import BookingForm, UnplannedContactForm
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_datetime
from steptwo.referrals.models import Referral


@permission_required(Permission.BOOK_APPOINTMENT, raise_exception=True)
def book(request, referral_pk):
    referral = _referral(request, referral_pk)
    form = BookingForm(request.POST or None, referral=referral, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.book_appointment(by=request.user, referral=referral, **form.contact_fields())
        except NotAllowed as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(
                request,
                f"{appointment.get_app_type_display()} appointment booked for {format_datetime(appointment.starts_at)} "
                f"with {appointment.practitioner}.",
            )
            return redirect("referrals:detail", pk=referral.pk)
    return render(request, "appointments/book.jinja", {"form": form, "referral": referral, "patient": referral.patient})


@permission_required(Permission.BOOK_APPOINTMENT, raise_exception=True)
def record_unplanned(request, referral_pk):
    referral = _referral(request, referral_pk)
    form = UnplannedContactForm(request.POST or None, referral=referral, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.record_unplanned_contact(by=request.user, referral=referral, **form.contact_fields())
        except NotAllowed as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(request, f"Unplanned contact on {format_datetime(contact.starts_at)} recorded.")
            return redirect("referrals:detail", pk=referral.pk)
    return render(
        request, "appointments/unplanned.jinja", {"form": form, "referral": referral, "patient": referral.patient}
    )


def _referral(request, pk):
    referrals = Referral.objects.for_user(request.user).select_related("patient", "team", "practitioner")
    return get_object_or_404(referrals, pk=pk)
