from django import forms

from steptwo.assessments import risk
from steptwo.assessments.codes import YesNo
from steptwo.referrals.codes import RiskLevel


def _yes_no(item, hint=None, required=True):
    return forms.ChoiceField(
        label=item.question, required=required, choices=YesNo.choices, widget=forms.RadioSelect, help_text=hint,
        error_messages={"required": item.unanswered, "invalid_choice": item.unanswered},
    )  # fmt: skip


def _details(label, hint="Needed if the answer is yes"):
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": 3}))


class RiskAssessmentForm(forms.Form):
    """A new risk assessment (domain reference §5.2). The rules, and their messages, are in assessments.risk."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in risk.ITEMS:
            self.fields[item.field] = _yes_no(item)
            if item.details:
                self.fields[item.details] = _details(item.details_label)
        # Shown, not revealed (see decision.jinja): asked only when there are thoughts of ending their life.
        for item in (risk.INTENT, risk.PLANS):
            self.fields[item.field] = _yes_no(item, "Answer if they have thoughts of ending their life", required=False)
        self.fields["protective_factors"] = _details(
            "Protective factors", "What keeps them safe or gives them reasons to live, for example family or pets"
        )
        self.fields["level"] = forms.ChoiceField(
            label="Overall risk level", choices=RiskLevel.choices, widget=forms.RadioSelect,
            error_messages={"required": "Select the overall risk level"},
        )  # fmt: skip
        self.fields["management_plan"] = _details(
            "Risk management plan", "What will be done about the risk, by whom, and the crisis information given"
        )
        self.fields["management_plan"].required = True
        self.fields["management_plan"].error_messages["required"] = "Write the risk management plan"

    def clean(self):
        data = super().clean()
        for field, message in risk.problems(data).items():
            if field not in self.errors:  # a required field already says the same
                self.add_error(field, message)
        return data

    def risk_fields(self):
        return {name: self.cleaned_data[name] for name in risk.FIELDS}
