"""Booking an appointment and recording an unplanned contact: who, when, how long, what type, how."""

import datetime

from django import forms
from django.utils import timezone

from steptwo.accounts.models import CLINICAL_ROLES
from steptwo.appointments.codes import AppType, ConsMechanism
from steptwo.appointments.forms.time_field import TimeOfDayField
from steptwo.appointments.services import MAX_MINUTES, MIN_MINUTES
from steptwo.core.forms.date_field import DateInputField
from steptwo.referrals.codes import ReferralStatus

LENGTH_HINT = "PWP sessions are usually 20 to 30 minutes; assessments longer"
DEFAULT_MINUTES = {AppType.ASSESSMENT: 60, AppType.TREATMENT: 30, AppType.FOLLOW_UP: 30}


class ContactForm(forms.Form):
    practitioner = forms.ModelChoiceField(label="Practitioner", queryset=None, empty_label="")
    date = DateInputField(label="Date", required_message="Enter the date of the appointment")
    time = TimeOfDayField(label="Time", error_messages={"required": "Enter the time of the appointment"})
    duration_minutes = forms.IntegerField(
        label="Length in minutes", help_text=LENGTH_HINT, min_value=MIN_MINUTES, max_value=MAX_MINUTES,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 3}),
        error_messages={
            "required": "Enter the length of the appointment in minutes",
            "invalid": "Length must be a whole number of minutes, like 30",
            "min_value": f"Length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes",
            "max_value": f"Length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes",
        },
    )  # fmt: skip
    app_type = forms.ChoiceField(
        label="Appointment type", choices=AppType.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the appointment type"},
    )  # fmt: skip
    mechanism = forms.ChoiceField(
        label="How the appointment takes place", choices=ConsMechanism.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select how the appointment takes place"},
    )  # fmt: skip

    def __init__(self, *args, referral, user, **kwargs):
        kwargs.setdefault("initial", initial_values(referral, user))
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = clinicians(referral.team)
        self.fields["practitioner"].error_messages["required"] = "Select the practitioner"
        self.fields["practitioner"].error_messages["invalid_choice"] = f"Select a practitioner in {referral.team.name}"

    def starts_at(self):
        """The local date and time as an aware datetime in the service's time zone (settings.TIME_ZONE)."""
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))

    def contact_fields(self):
        data = self.cleaned_data
        return {
            "practitioner": data["practitioner"], "starts_at": self.starts_at(),
            "duration_minutes": data["duration_minutes"], "app_type": data["app_type"], "mechanism": data["mechanism"],
        }  # fmt: skip


class BookingForm(ContactForm):
    pass


class UnplannedContactForm(ContactForm):
    note = forms.CharField(
        label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the patient rang to say they felt worse and a check-in call followed",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].past_only = True

    def contact_fields(self):
        return super().contact_fields() | {"note": self.cleaned_data["note"]}


def clinicians(team):
    return team.members.filter(role__in=CLINICAL_ROLES, is_active=True)


def initial_values(referral, user):
    """An assessment (60 minutes) before the patient is assessed, a treatment session (30) after."""
    if referral.status == ReferralStatus.DISCHARGED:
        app_type = AppType.FOLLOW_UP
    elif referral.status == ReferralStatus.WAITING:
        app_type = AppType.ASSESSMENT
    else:
        app_type = AppType.TREATMENT
    practitioner = referral.practitioner_id or (user.pk if user.is_clinical else None)
    return {"practitioner": practitioner, "app_type": app_type, "duration_minutes": DEFAULT_MINUTES[app_type]}
