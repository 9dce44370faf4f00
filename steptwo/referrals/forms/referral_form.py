import datetime

from django import forms

from steptwo.core.forms.date_field import DateInputField
from steptwo.referrals.codes import SourceOfReferral


class ReferralForm(forms.Form):
    received_date = DateInputField(
        label="Date referral received", past_only=True, earliest=datetime.date(2000, 1, 1),
        required_message="Enter the date the referral was received",
        help_text="The waiting-time clock starts on this date. For example, 15 3 2026",
    )  # fmt: skip
    source = forms.ChoiceField(label="Source of referral", choices=[("", ""), *SourceOfReferral.choices])
    team = forms.ModelChoiceField(label="Team", queryset=None, empty_label="")
    practitioner = forms.ModelChoiceField(
        label="Practitioner", queryset=None, required=False, empty_label="Not allocated yet"
    )
    reason = forms.CharField(
        label="Reason for referral", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The main problem as the referrer or patient describes it",
    )  # fmt: skip

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        from steptwo.accounts.models import CLINICAL_ROLES

        self.fields["team"].queryset = service.teams.all()
        self.fields["practitioner"].queryset = service.staff.filter(role__in=CLINICAL_ROLES, is_active=True)
        self.fields["source"].error_messages["required"] = "Select the source of referral"
        self.fields["team"].error_messages["required"] = "Select the team the referral is for"
        self.fields["reason"].error_messages["required"] = "Enter the reason for referral"

    def clean(self):
        data = super().clean()
        team, practitioner = data.get("team"), data.get("practitioner")
        if team and practitioner and not practitioner.teams.filter(pk=team.pk).exists():
            self.add_error("practitioner", f"{practitioner} is not in {team.name}. Choose someone in that team")
        return data
