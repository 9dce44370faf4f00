from django import forms

from steptwo.core.formatting import format_datetime


class StartAssessmentForm(forms.Form):
    """Which attended assessment appointment the assessment records."""

    appointment = forms.ChoiceField(
        label="Which appointment is this assessment for?", widget=forms.RadioSelect,
        error_messages={"required": "Select the assessment appointment"},
    )  # fmt: skip

    def __init__(self, *args, appointments, **kwargs):
        super().__init__(*args, **kwargs)
        self.appointments = {str(appointment.pk): appointment for appointment in appointments}
        self.fields["appointment"].choices = [(pk, _describe(a)) for pk, a in self.appointments.items()]

    def chosen(self):
        return self.appointments[self.cleaned_data["appointment"]]


def _describe(appointment):
    """ "Assessment, 20 November 2026 at 10:00am with Priya Shah (telephone)"."""
    when = format_datetime(appointment.starts_at)
    how = appointment.get_mechanism_display().lower()
    return f"{appointment.get_app_type_display()}, {when} with {appointment.practitioner} ({how})"
