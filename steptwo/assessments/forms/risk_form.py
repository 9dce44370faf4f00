from django import forms

from steptwo.assessments import risk
from steptwo.assessments.codes import YesNo
from steptwo.referrals.codes import RiskLevel


def _yes_no(item):
    return forms.ChoiceField(label=item.question, required=False, choices=YesNo.choices, widget=forms.RadioSelect)


def _details(label, hint="Needed if the answer is yes"):
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": 3}))


class RiskAssessmentForm(forms.Form):
    """A new risk assessment (domain reference §5.2). The rules, and their messages, are in assessments.risk."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in (*risk.ITEMS, risk.INTENT, risk.PLANS):
            self.fields[item.field] = _yes_no(item)
            if item.details:
                self.fields[item.details] = _details(item.details_label)
        self.fields["protective_factors"] = _details(
            "Protective factors", "What keeps them safe or gives them reasons to live, for example family or pets"
        )
        self.fields["level"] = forms.ChoiceField(
            label="Overall risk level", required=False, choices=RiskLevel.choices, widget=forms.RadioSelect
        )
        self.fields["management_plan"] = _details(
            "Risk management plan", "What will be done about the risk, by whom, and the crisis information given"
        )

    def clean(self):
        data = super().clean()
        for field, message in risk.problems(data).items():
            self.add_error(field, message)
        return data

    def risk_fields(self):
        return {name: self.cleaned_data[name] for name in risk.FIELDS}
