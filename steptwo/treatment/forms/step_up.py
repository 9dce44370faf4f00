from django import forms


class StepUpForm(forms.Form):
    reason = forms.CharField(
        label="Reason for stepping up", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, not improving after an adequate dose of low-intensity treatment, or risk above step 2",
        error_messages={"required": "Give the reason for stepping up"},
    )  # fmt: skip
