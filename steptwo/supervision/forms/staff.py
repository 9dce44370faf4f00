"""A member of staff's capacity details, for service managers (accounts.services.update_capacity_details)."""

import datetime

from django import forms

from steptwo.accounts.models import Role, User
from steptwo.accounts.services import CAPACITY_MAX, FTE_MAX, FTE_MIN
from steptwo.core.forms.date_field import DateInputField
from steptwo.supervision.capacity import holds_caseload

FTE_MESSAGE = "Whole-time equivalent must be between 0.1 and 1.0, like 0.6"
CAPACITY_MESSAGE = f"Caseload capacity must be a whole number of open cases between 0 and {CAPACITY_MAX}"


class StaffCapacityForm(forms.Form):
    """Only the fields that apply to the person's role: a training start date for trainees, a capacity for
    caseload holders (PWPs, trainees and PWP supervisors), a supervisor for caseload holders."""

    fte = forms.DecimalField(
        label="Whole-time equivalent", min_value=FTE_MIN, max_value=FTE_MAX, max_digits=3, decimal_places=2,
        help_text="1.0 for full time; 0.6 for 3 days a week",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "width": 4, "spellcheck": "false"}),
        error_messages={
            "required": "Enter the whole-time equivalent", "invalid": FTE_MESSAGE, "min_value": FTE_MESSAGE,
            "max_value": FTE_MESSAGE, "max_digits": FTE_MESSAGE, "max_decimal_places": FTE_MESSAGE,
            "max_whole_digits": FTE_MESSAGE,
        },
    )  # fmt: skip
    training_started_on = DateInputField(
        label="Date training started", required=False, earliest=datetime.date(2000, 1, 1),
        help_text=(
            "For example, 1 9 2026. Their capacity builds up over the year from this date. "
            "Without it, their capacity stays at the start of the trainee ramp"
        ),
    )  # fmt: skip
    caseload_capacity = forms.IntegerField(
        label="Caseload capacity (open cases)", required=False, min_value=0, max_value=CAPACITY_MAX,
        help_text="Leave blank to work it out from the service's settings and their whole-time equivalent",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 4, "spellcheck": "false"}),
        error_messages={"invalid": CAPACITY_MESSAGE, "min_value": CAPACITY_MESSAGE, "max_value": CAPACITY_MESSAGE},
    )  # fmt: skip
    supervisor = forms.ModelChoiceField(
        label="Supervisor", required=False, queryset=User.objects.none(), empty_label="No supervisor",
        error_messages={"invalid_choice": "Choose a PWP supervisor from the list"},
    )  # fmt: skip

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if person.role != Role.TRAINEE_PWP:
            del self.fields["training_started_on"]
        if not holds_caseload(person):
            del self.fields["caseload_capacity"]
            del self.fields["supervisor"]
        else:
            self.fields["supervisor"].queryset = User.objects.filter(
                service_id=person.service_id, role=Role.PWP_SUPERVISOR, is_active=True
            ).exclude(pk=person.pk)

    @staticmethod
    def initial_from(person):
        return {
            "fte": person.fte, "training_started_on": person.training_started_on,
            "caseload_capacity": person.caseload_capacity, "supervisor": person.supervisor_id,
        }  # fmt: skip

    def capacity_details(self):
        """Keyword arguments for update_capacity_details; what does not apply to the role is kept as it is."""
        data = self.cleaned_data
        person = self.person
        return {
            "fte": data["fte"],
            "training_started_on": data.get("training_started_on") if "training_started_on" in self.fields else None,
            "caseload_capacity": data.get("caseload_capacity") if "caseload_capacity" in self.fields else None,
            "supervisor": data.get("supervisor") if "supervisor" in self.fields else person.supervisor,
        }
