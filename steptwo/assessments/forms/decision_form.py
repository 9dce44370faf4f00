from django import forms

from steptwo.assessments import services
from steptwo.assessments.codes import Decision
from steptwo.treatment.codes import CHOSEN_INTERVENTIONS

# What each decision does, shown under its radio (the rules are in assessments.services).
CONSEQUENCES = {
    Decision.TREAT: "Adds the interventions to the treatment plan and moves the referral to ‘In step 2 treatment’",
    Decision.STEP_UP: "Moves the referral to the high-intensity waiting list, keeping the latest scores",
    Decision.SIGNPOST: "Records the signposting and ends the referral with end code {end_code}",
    Decision.NOT_SUITABLE: "Ends the referral with end code {end_code}",
    Decision.DECLINED: "Ends the referral with end code {end_code}",
}


def consequence(decision):
    end_code = services.DECISION_END_CODES.get(decision)
    text = CONSEQUENCES[decision].format(end_code=end_code.value if end_code else "")
    return f"{text} ({end_code.label.lower()})" if end_code else text


class DecisionForm(forms.Form):
    """The decision that completes the assessment (shared decision making, domain reference §5.2)."""

    decision = forms.ChoiceField(
        label="Decision", choices=Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )  # fmt: skip
    interventions = forms.MultipleChoiceField(
        label="If you treat at step 2: the low-intensity interventions", required=False, choices=CHOSEN_INTERVENTIONS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Each is recorded as its usual data-set therapy type",
    )  # fmt: skip
    organisation = forms.ChoiceField(label="If you signpost: the organisation", required=False)
    reason = forms.CharField(
        label="Reason for the decision", error_messages={"required": "Give the reason for the decision"}, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Include what the patient chose and why",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(organisation.pk): organisation for organisation in organisations}
        self.fields["organisation"].choices = [("", "")] + [
            (pk, f"{organisation.name} ({organisation.area})" if organisation.area else organisation.name)
            for pk, organisation in self.organisations.items()
        ]

    def clean(self):
        data = super().clean()
        if "decision" in data:
            for field, message in services.decision_problems(**self.decision_fields()).items():
                if field not in self.errors:  # a required field already says the same
                    self.add_error(field, message)
        return data

    def decision_fields(self):
        decision = Decision(self.cleaned_data["decision"])
        return {
            "decision": decision,
            "reason": self.cleaned_data.get("reason", ""),
            "interventions": self.cleaned_data.get("interventions", []) if decision == Decision.TREAT else [],
            "organisation": self.organisations.get(self.cleaned_data.get("organisation"))
            if decision == Decision.SIGNPOST
            else None,
        }
