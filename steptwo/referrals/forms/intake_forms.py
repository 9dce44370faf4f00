"""Forms for referral intake: the public self-referral form, staff entry of a professional's referral,
and the three triage decisions."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from steptwo.core.formatting import format_date, format_nhs_number
from steptwo.core.forms.date_field import DateInputField
from steptwo.patients import nhs_number
from steptwo.referrals import intake
from steptwo.referrals.codes import SourceOfReferral

CONTACT_CONSENT_CHOICES = [
    ("consent_to_sms", "Text messages"),
    ("consent_to_email", "Email"),
    ("ok_to_leave_voicemail", "Voicemail messages, if a call is not answered"),
]
DURATION_CHOICES = [
    (label, label) for label in ("Less than 3 months", "3 to 12 months", "1 to 2 years", "More than 2 years")
]
_PHONE_CHARACTERS = re.compile(r"^[\d\s()+-]+$")


def _text(label, *, required=False, width=None, max_length=100, **attrs):
    if width:
        attrs["width"] = width
    return forms.CharField(label=label, required=required, max_length=max_length, widget=forms.TextInput(attrs=attrs))


class PersonDetailsForm(forms.Form):
    """The referred person's details, shared by the self-referral and professional referral forms."""

    given_name = _text("First name", required=True, width=20)
    family_name = _text("Last name", required=True, width=20)
    date_of_birth = DateInputField(
        label="Date of birth", past_only=True, earliest=datetime.date(1900, 1, 1),
        required_message="Enter date of birth", help_text="For example, 15 3 1984",
    )  # fmt: skip
    nhs_number = _text("NHS number", width=10, max_length=20, inputmode="numeric", spellcheck="false")
    address_line_1 = _text("Address line 1", max_length=200)
    town = _text("Town or city", width=20)
    postcode = _text("Postcode", width=10, max_length=12)
    mobile_phone = _text("Mobile phone number", width=20, max_length=20)  # type="tel" set in the templates
    email = forms.EmailField(
        label="Email address", required=False, widget=forms.EmailInput(attrs={"spellcheck": "false"})
    )
    contact_consent = forms.MultipleChoiceField(
        label="Which of these can we use to contact you?", required=False, choices=CONTACT_CONSENT_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply",
    )  # fmt: skip
    gp_practice_name = _text("GP practice", max_length=200)
    preferred_language = _text("Preferred language", width=20)
    interpreter_required = forms.BooleanField(label="Needs an interpreter", required=False)
    communication_needs = forms.CharField(
        label="Communication needs", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, large print, British Sign Language, or needs someone with them at appointments",
    )  # fmt: skip
    reason = forms.CharField(label="What would they like help with?", widget=forms.Textarea(attrs={"rows": 5}))
    duration = forms.ChoiceField(
        label="How long has this been a problem?", required=False, choices=DURATION_CHOICES, widget=forms.RadioSelect
    )

    # Field labels that speak to the person filling in the form: {name: (label, help text or None)}.
    wording = {}
    # The autocomplete token for each field (WCAG 1.3.5), or "off" for staff typing someone else's details.
    autocomplete = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.wording.items():
            self.fields[name].label = label
            if help_text is not None:
                self.fields[name].help_text = help_text
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["nhs_number"].help_text = "10 digits, like 943 476 5919"
        self.fields["given_name"].error_messages["required"] = "Enter first name"
        self.fields["family_name"].error_messages["required"] = "Enter last name"
        self.fields["reason"].error_messages["required"] = "Enter what they would like help with"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if not value:
            return ""
        try:
            return nhs_number.validate(value)
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if len(postcode) > 8:
            raise ValidationError("Postcode must be 8 characters or fewer, like NE1 4XX")
        return postcode

    def clean_mobile_phone(self):
        phone = self.cleaned_data["mobile_phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not _PHONE_CHARACTERS.match(phone) or not 10 <= len(digits) <= 13):
            raise ValidationError("Enter a phone number, like 07700 900 982 or +44 7700 900 982")
        return phone

    def clean(self):
        data = super().clean()
        consent = data.get("contact_consent", [])
        if "consent_to_sms" in consent and not data.get("mobile_phone") and "mobile_phone" not in self.errors:
            self.add_error("mobile_phone", "Enter a mobile phone number, or untick text messages")
        if "consent_to_email" in consent and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address, or untick email")
        return data

    def details(self):
        """Keyword arguments for intake.submit_self_referral / enter_professional_referral."""
        data = self.cleaned_data
        consent = data["contact_consent"]
        details = {name: data[name] for name in intake.DETAIL_FIELDS if name in data}
        return details | {name: name in consent for name, _ in CONTACT_CONSENT_CHOICES}


class SelfReferralForm(PersonDetailsForm):
    # A field people never see or reach (see the template); only bots fill it in.
    website = forms.CharField(required=False, label="Leave this field empty")

    wording = {
        "reason": ("What would you like help with?", "For example, how you have been feeling and what you would like to change"),
        "communication_needs": ("Do you have any communication needs?", None),
        "interpreter_required": ("I would like an interpreter", None),
        "preferred_language": ("Which language would you like to use?", None),
        "gp_practice_name": ("Your GP practice", "The name of the GP surgery you are registered with"),
        "duration": ("How long has this been a problem for you?", None),
    }  # fmt: skip
    autocomplete = {
        "given_name": "given-name", "family_name": "family-name", "address_line_1": "address-line1",
        "town": "address-level2", "postcode": "postal-code", "mobile_phone": "tel", "email": "email",
        "nhs_number": "off",
    }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = {
            "address_line_1": "Enter the first line of your address",
            "postcode": "Enter your postcode",
            "gp_practice_name": "Enter the name of your GP practice",
        }
        for name, message in required.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        self.fields["given_name"].error_messages["required"] = "Enter your first name"
        self.fields["family_name"].error_messages["required"] = "Enter your last name"
        self.fields["date_of_birth"].required_message = "Enter your date of birth"
        self.fields["reason"].error_messages["required"] = "Enter what you would like help with"
        self.fields["nhs_number"].help_text = "10 digits, like 943 476 5919. Leave this blank if you do not know it"
        self.fields["mobile_phone"].help_text = "Give a mobile phone number or an email address, or both"

    def clean_date_of_birth(self):
        date_of_birth = self.cleaned_data["date_of_birth"]
        if date_of_birth and intake.is_under_minimum_age(date_of_birth):
            raise ValidationError(intake.UNDER_MINIMUM_AGE)
        return date_of_birth

    def clean_email(self):
        # Checked here rather than in clean() so that the error summary lists it in page order.
        email = self.cleaned_data["email"]
        if not email and not self.cleaned_data.get("mobile_phone") and "mobile_phone" not in self.errors:
            self.add_error(
                "mobile_phone", "Enter a mobile phone number or an email address, so that we can contact you"
            )
        return email


class ProfessionalReferralForm(PersonDetailsForm):
    source = forms.ChoiceField(label="Source of referral", choices=SourceOfReferral.choices)
    referrer = _text("Referrer's name and organisation", max_length=300, autocomplete="off")
    received_date = DateInputField(
        label="Date referral received", past_only=True, earliest=datetime.date(2000, 1, 1),
        required_message="Enter the date the referral was received",
        help_text="The waiting-time clock starts on this date. For example, 15 3 2026",
    )  # fmt: skip

    wording = {
        "reason": ("Reason for referral", "The main problem as the referrer describes it"),
        "contact_consent": ("How the person agrees to be contacted", "Select all that the referral says they agree to"),
        "duration": ("How long it has been a problem", None),
    }  # fmt: skip
    # Staff type someone else's details: the browser must not offer their own.
    autocomplete = dict.fromkeys(
        ["given_name", "family_name", "nhs_number", "address_line_1", "town", "postcode", "mobile_phone", "email"],
        "off",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        # No default received date: it starts the waiting-time clock, so it is typed from the letter (H009).
        kwargs["initial"] = {"source": SourceOfReferral.GP} | kwargs["initial"]
        super().__init__(*args, **kwargs)
        self.fields["referrer"].help_text = "For example, Dr A Khan, Riverside Surgery"
        self.fields["reason"].error_messages["required"] = "Enter the reason for referral"
        self.fields["date_of_birth"].required_message = "Enter the person's date of birth"

    def details(self):
        data = self.cleaned_data
        return super().details() | {name: data[name] for name in ("source", "referrer", "received_date")}


class TeamChoiceMixin:
    """Team and optional practitioner, the practitioner in that team (as on the referral form)."""

    def setup_team_fields(self, service):
        from steptwo.accounts.models import CLINICAL_ROLES

        self.fields["team"].queryset = service.teams.all()
        self.fields["team"].error_messages["required"] = "Select the team whose waiting list the referral joins"
        self.fields["practitioner"].queryset = service.staff.filter(role__in=CLINICAL_ROLES, is_active=True)

    def check_practitioner_in_team(self, data):
        team, practitioner = data.get("team"), data.get("practitioner")
        if team and practitioner and not practitioner.teams.filter(pk=team.pk).exists():
            self.add_error("practitioner", f"{practitioner} is not in {team.name}. Choose someone in that team")


def _team_field():
    return forms.ModelChoiceField(label="Team", queryset=None, empty_label="")


def _practitioner_field():
    return forms.ModelChoiceField(label="Practitioner", queryset=None, required=False, empty_label="Not allocated yet")


class AcceptNewPatientForm(TeamChoiceMixin, forms.Form):
    prefix = "new"
    team = _team_field()
    practitioner = _practitioner_field()

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_team_fields(service)

    def clean(self):
        data = super().clean()
        self.check_practitioner_in_team(data)
        return data


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, patient):
        nhs = format_nhs_number(patient.nhs_number) or "not known"
        return f"{patient.full_name}, born {format_date(patient.date_of_birth)}, NHS number {nhs}"


class AcceptExistingPatientForm(TeamChoiceMixin, forms.Form):
    prefix = "existing"
    patient = CandidateChoiceField(
        label="Which patient is this referral for?", queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    team = _team_field()
    practitioner = _practitioner_field()

    def __init__(self, *args, service, patients, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_team_fields(service)
        self.fields["patient"].queryset = patients
        self.fields["patient"].error_messages["required"] = "Select the patient this referral is for"

    def clean(self):
        data = super().clean()
        self.check_practitioner_in_team(data)
        return data


class RejectForm(forms.Form):
    prefix = "reject"
    reason = forms.CharField(
        label="Why is the referral being rejected?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, under 18: referred on to children and young people's services",
        error_messages={"required": "Enter why the referral is being rejected"},
    )  # fmt: skip
