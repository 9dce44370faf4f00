from django import forms
from django.utils import timezone

from steptwo.core.forms.date_field import DateInputField

FOLLOW_UP_HEADING = "Follow-up:"


def _plan_field(label, hint):
    """One part of the staying-well plan (optional: a referral ended before treatment may have none)."""
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": 3}))


class DischargeForm(forms.Form):
    """End code (only the group that fits what happened, domain reference §4.4), date and the plan.

    The rules on the date (not in the future, not before the referral or the last attended appointment)
    are the service's: referrals.discharge.discharge refuses and the view shows the reason on the field.
    """

    end_code = forms.ChoiceField(
        label="How did the referral end?", widget=forms.RadioSelect,
        help_text="The data-set end code. Only the codes that fit what happened in this referral are offered.",
        error_messages={"required": "Select how the referral ended", "invalid_choice": "Select one of the end codes shown"},
    )  # fmt: skip
    discharge_date = DateInputField(
        label="Discharge date", required_message="Enter the discharge date", help_text="For example, 15 3 2026"
    )
    outcome_summary = forms.CharField(
        label="Outcome summary", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed and what the patient will carry on with. This goes in both letters.",
        error_messages={"required": "Enter an outcome summary"},
    )  # fmt: skip
    warning_signs = _plan_field("Warning signs", "Early signs that things may be getting harder")
    what_helps = _plan_field("What helps", "What the patient found helpful and will keep doing")
    support_contacts = _plan_field("Who to contact", "People and services the patient can turn to")
    setback_plan = _plan_field("Plan for setbacks", "What the patient will do if things get worse")
    follow_up_note = forms.CharField(
        label="Follow-up", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, a follow-up appointment offered in 3 months",
    )  # fmt: skip

    def __init__(self, *args, end_codes, **kwargs):
        kwargs.setdefault("initial", {"discharge_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["end_code"].choices = [(code.value, f"{code.value} – {code.label}") for code in end_codes]

    def plan(self):
        """The keyword arguments for referrals.discharge.discharge besides by, referral, end code and date.

        The Discharge record has no follow-up field, so a follow-up note ends the outcome summary.
        """
        data = self.cleaned_data
        summary = data["outcome_summary"].strip()
        if data["follow_up_note"].strip():
            summary = f"{summary}\n\n{FOLLOW_UP_HEADING} {data['follow_up_note'].strip()}"
        return {
            "outcome_summary": summary,
            **{
                name: data[name].strip() for name in ("warning_signs", "what_helps", "support_contacts", "setback_plan")
            },
        }
