import datetime

from django import forms
from django.core.exceptions import ValidationError

from steptwo.core.forms.date_field import DateInputField
from steptwo.patients import nhs_number
from steptwo.patients.codes import EthnicCategory, GenderIdentity
from steptwo.patients.models import Patient

_blank = [("", "")]


def _text(label, *, required=False, width=None, max_length=100, **attrs):
    if width:
        attrs["width"] = width
    return forms.CharField(label=label, required=required, max_length=max_length, widget=forms.TextInput(attrs=attrs))


class PatientForm(forms.Form):
    """Demographics, contact and communication details. Used to add and to edit a patient."""

    nhs_number = _text(
        "NHS number", width=10, max_length=20, inputmode="numeric", spellcheck="false", autocomplete="off"
    )
    given_name = _text("First name", required=True, width=20)
    family_name = _text("Last name", required=True, width=20)
    preferred_name = _text("Preferred name", width=20)
    date_of_birth = DateInputField(label="Date of birth", past_only=True, earliest=datetime.date(1900, 1, 1))
    gender_identity = forms.ChoiceField(label="Gender identity", required=False, choices=_blank + GenderIdentity.choices)
    ethnic_category = forms.ChoiceField(label="Ethnicity", required=False, choices=_blank + EthnicCategory.choices)

    address_line_1 = _text("Address line 1", max_length=200, autocomplete="off")
    address_line_2 = _text("Address line 2", max_length=200, autocomplete="off")
    town = _text("Town or city", width=20)
    postcode = _text("Postcode", width=10, max_length=12, autocomplete="off")
    mobile_phone = _text("Mobile phone number", width=20, max_length=20, inputmode="tel", autocomplete="off")
    other_phone = _text("Other phone number", width=20, max_length=20, inputmode="tel", autocomplete="off")
    email = forms.EmailField(label="Email address", required=False, widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    consent_to_sms = forms.BooleanField(label="Agrees to be contacted by text message", required=False)
    consent_to_email = forms.BooleanField(label="Agrees to be contacted by email", required=False)
    consent_to_letters = forms.BooleanField(label="Agrees to be sent letters", required=False)

    gp_practice_name = _text("GP practice", max_length=200)
    gp_practice_code = _text("GP practice ODS code", width=10, max_length=6)

    interpreter_required = forms.BooleanField(label="Needs an interpreter", required=False)
    preferred_language = _text("Preferred language", width=20)
    communication_needs = forms.CharField(
        label="Communication needs", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, large print, British Sign Language, or needs someone present at appointments",
    )  # fmt: skip

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, service, patient=None, **kwargs):
        self.service = service
        self.patient = patient
        super().__init__(*args, **kwargs)
        self.fields["nhs_number"].help_text = "10 digits, like 943 476 5919. Leave blank if not known yet"
        self.fields["given_name"].error_messages["required"] = "Enter the patient's first name"
        self.fields["family_name"].error_messages["required"] = "Enter the patient's last name"
        self.fields["email"].error_messages["invalid"] = "Enter an email address in the correct format, like name@example.com"

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if not value:
            return ""
        try:
            digits = nhs_number.validate(value)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        duplicates = Patient.objects.filter(service=self.service, nhs_number=digits)
        if self.patient:
            duplicates = duplicates.exclude(pk=self.patient.pk)
        if duplicates.exists():
            raise ValidationError("Another patient in this service already has this NHS number. Search for them instead")
        return digits

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if len(postcode) > 8:
            raise ValidationError("Postcode must be 8 characters or fewer, like NE1 4XX")
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("consent_to_sms") and not data.get("mobile_phone"):
            self.add_error("mobile_phone", "Enter a mobile phone number, or untick agreement to text messages")
        if data.get("consent_to_email") and not data.get("email"):
            self.add_error("email", "Enter an email address, or untick agreement to email")
        return data

    def patient_fields(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
