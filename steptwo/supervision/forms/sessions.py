"""The forms of the record-a-supervision-session page: the session, one form per case shown, and fixed
action rows per case (no JavaScript: a "Discussed" checkbox says which cases were discussed).

The rules themselves are supervision.services.record_session's; these forms only check what was typed.
"""

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from steptwo.core.forms.date_field import DateInputField
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.services import MAX_MINUTES, MIN_MINUTES, Action

ACTIONS_PER_CASE = 3


class SessionForm(forms.Form):
    held_on = DateInputField(
        label="Date of the session",
        required_message="Enter the date of the session",
        help_text="For example, 15 3 2026",
    )
    kind = forms.ChoiceField(
        label="Type of supervision", choices=SupervisionKind.choices, widget=forms.RadioSelect,
        help_text="Cases are discussed in case-management supervision only",
        error_messages={"required": "Select the type of supervision"},
    )  # fmt: skip
    minutes = forms.IntegerField(
        label="Length in minutes", min_value=MIN_MINUTES, max_value=MAX_MINUTES,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 3}),
        error_messages={
            "required": "Enter the length of the session in minutes",
            "invalid": "The length must be a whole number of minutes",
            "min_value": f"A supervision session lasts between {MIN_MINUTES} and {MAX_MINUTES} minutes",
            "max_value": f"A supervision session lasts between {MIN_MINUTES} and {MAX_MINUTES} minutes",
        },
    )  # fmt: skip
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="To correct an earlier record, record the session again and say here what it corrects",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"held_on": timezone.localdate(), "kind": SupervisionKind.CASE_MANAGEMENT})
        super().__init__(*args, **kwargs)


class CaseForm(forms.Form):
    """One case shown on the page (prefix case-<referral pk>)."""

    discussed = forms.BooleanField(label="Discussed in this session", required=False)
    decision = forms.ChoiceField(
        label="Decision", choices=CaseDecision.choices, widget=forms.RadioSelect, required=False
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("discussed") and not data.get("decision"):
            self.add_error("decision", "Select the decision about this case")
        return data


class ActionForm(forms.Form):
    """One fixed action row of a case (prefix case-<referral pk>-action-<n>); blank rows are ignored."""

    description = forms.CharField(label="Action", required=False, max_length=300)
    owner = forms.TypedChoiceField(
        label="Owner", coerce=int, required=False,
        error_messages={"invalid_choice": "Select who will do it from the list"},
    )  # fmt: skip
    due_date = DateInputField(label="Due date", required=False, help_text="For example, 15 3 2026")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {person.pk: person for person in owners}
        self.fields["owner"].choices = [(person.pk, str(person)) for person in owners]
        self.fields["description"].error_messages["max_length"] = "The action must be 300 characters or fewer"

    def is_blank(self):
        """No action typed: the description and date are empty (the owner always has a default)."""
        return not self.data.get(self.add_prefix("description"), "").strip() and not any(
            self.fields["due_date"].widget.value_from_datadict(self.data, None, self.add_prefix("due_date")).values()
        )

    def clean(self):
        data = super().clean()
        if self.is_blank():
            return data
        if not (data.get("description") or "").strip() and "description" not in self.errors:
            self.add_error("description", "Enter what needs to be done")
        if data.get("due_date") is None and "due_date" not in self.errors:
            self.add_error("due_date", "Enter the due date")
        return data

    def action(self):
        data = self.cleaned_data
        return Action(description=data["description"], owner=self.owners.get(data["owner"]), due_date=data["due_date"])


def quiet(form):
    """Show what was typed without judging it (after "Add case": nothing was meant to be saved yet)."""
    form._errors = ErrorDict()
    return form
