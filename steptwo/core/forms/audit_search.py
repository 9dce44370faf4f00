from django import forms
from django.core.exceptions import ValidationError

from steptwo.core.models import AuditAction
from steptwo.patients import nhs_number


class AuditSearchForm(forms.Form):
    nhs_number = forms.CharField(
        label="Patient's NHS number", required=False, max_length=20,
        widget=forms.TextInput(attrs={"width": 10, "inputmode": "numeric", "spellcheck": "false"}),
    )  # fmt: skip
    staff = forms.CharField(
        label="Staff member's username", required=False, max_length=150, widget=forms.TextInput(attrs={"width": 20})
    )
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *AuditAction.choices])

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"]
        if not value:
            return ""
        try:
            return nhs_number.validate(value)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
