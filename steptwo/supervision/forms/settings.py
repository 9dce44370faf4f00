"""The service manager's form for the service's supervision settings (supervision/settings_services.py)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from steptwo.core.errors import NotAllowed
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.settings_services import EDITABLE_FIELDS, check_trainee_ramp

# What each number counts, for the error messages ("... must be a whole number of days").
UNITS = {
    "no_improvement_sessions": "treatment sessions", "no_contact_days": "days", "consecutive_dnas": "appointments",
    "sessions_without_plan": "treatment sessions", "not_discussed_weeks": "weeks",
    "qualified_caseload_capacity": "open cases", "trainee_start_percent": "percent",
    "trainee_end_percent": "percent", "etr_minimum_episodes": "episodes",
}  # fmt: skip

HINTS = {
    "no_improvement_sessions": "Issue 6 default: 4",
    "no_contact_days": "Issue 6 default: 28",
    "consecutive_dnas": "Issue 6 default: 2",
    "sessions_without_plan": "Issue 6 default: 8",
    "not_discussed_weeks": "Issue 6 default: 4",
    "qualified_caseload_capacity": (
        "Default: 45. This is a local choice: there is no national figure for a PWP's caseload. "
        "A part-time PWP's capacity is this times their whole-time equivalent"
    ),
    "trainee_start_percent": "Default: 20. Trainees build up their caseload over their training year",
    "trainee_end_percent": (
        "Default: 70. Trainees build up to a maximum of 60 to 80% of a qualified PWP's caseload by the end of "
        "training (University of Essex PWP training, module HS934)"
    ),
    "etr_minimum_episodes": (
        "Default: 500. Until the service's own curves are built from this many finished episodes, the shipped "
        "starter curves (built from synthetic data) are used"
    ),
}


# A ceiling for fields whose only maximum is the database's (etr_minimum_episodes).
LARGEST = 1_000_000


def _bounds(model_field):
    low = max((v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)), default=0)
    high = min((v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)), default=LARGEST)
    return low, min(high, LARGEST)


def _number_field(name):
    """An integer field with the model's label and limits, and errors in NHS.UK wording."""
    model_field = SupervisionSettings._meta.get_field(name)
    low, high = _bounds(model_field)
    label = str(model_field.verbose_name)
    unit = UNITS[name]
    range_message = f"{label} must be between {low:,} and {high:,}"
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, help_text=HINTS[name],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 4, "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a whole number of {unit}",
            "min_value": range_message, "max_value": range_message,
        },
    )  # fmt: skip


class SupervisionSettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in EDITABLE_FIELDS:
            self.fields[name] = _number_field(name)
        # Keep the hidden version last so the error summary follows the page order.
        self.fields["version"] = self.fields.pop("version")

    @staticmethod
    def initial_from(settings):
        return {name: getattr(settings, name) for name in EDITABLE_FIELDS} | {"version": settings.version}

    def clean(self):
        data = super().clean()
        start, end = data.get("trainee_start_percent"), data.get("trainee_end_percent")
        if start is not None and end is not None:
            try:
                check_trainee_ramp(start=start, end=end)
            except NotAllowed as error:
                self.add_error("trainee_end_percent", str(error))
        return data

    def settings_values(self):
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
