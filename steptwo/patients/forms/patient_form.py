import datetime

from django import forms
from django.core.exceptions import ValidationError

from steptwo.core.forms.date_field import DateInputField
from steptwo.patients import nhs_number
from steptwo.patients.codes import EthnicCategory, GenderIdentity
from steptwo.patients.models import Patient

_blank = [("", "")]
# Each choice is stored as its own consent flag on the patient.
CONTACT_CONSENT_CHOICES = [
    ("consent_to_sms", "Text message"),
    ("consent_to_email", "Email"),
    ("consent_to_letters", "Letter"),
    ("consent_to_voicemail", "Voicemail message"),
]


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
    date_of_birth = DateInputField(
        label="Date of birth", past_only=True, earliest=datetime.date(1900, 1, 1),
        required_message="Enter the patient's date of birth", help_text="For example, 15 3 1984",
    )  # fmt: skip
    gender_identity = forms.ChoiceField(
        label="Gender identity", required=False, choices=_blank + GenderIdentity.choices
    )
    ethnic_category = forms.ChoiceField(label="Ethnicity", required=False, choices=_blank + EthnicCategory.choices)

    address_line_1 = _text("Address line 1", max_length=200, autocomplete="off")
    address_line_2 = _text("Address line 2", max_length=200, autocomplete="off")
    town = _text("Town or city", width=20)
    postcode = _text("Postcode", width=10, max_length=12, autocomplete="off")
    mobile_phone = _text("Mobile phone number", width=20, max_length=20, inputmode="tel", autocomplete="off")
    other_phone = _text("Other phone number", width=20, max_length=20, inputmode="tel", autocomplete="off")
    email = forms.EmailField(
        label="Email address",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact_consent = forms.MultipleChoiceField(
        label="How the patient agrees to be contacted", required=False, choices=CONTACT_CONSENT_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply",
    )  # fmt: skip

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
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )

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
            raise ValidationError(
                "Another patient in this service already has this NHS number. Search for them instead"
            )
        return digits

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if len(postcode) > 8:
            raise ValidationError("Postcode must be 8 characters or fewer, like NE1 4XX")
        return postcode

    def clean(self):
        data = super().clean()
        consent = data.get("contact_consent", [])
        if "consent_to_sms" in consent and not data.get("mobile_phone"):
            self.add_error("mobile_phone", "Enter a mobile phone number, or untick text message")
        if "consent_to_email" in consent and not data.get("email"):
            self.add_error("email", "Enter an email address, or untick email")
        return data

    @staticmethod
    def initial_from(patient):
        from steptwo.patients.services import EDITABLE_FIELDS

        initial = {name: getattr(patient, name) for name in EDITABLE_FIELDS}
        initial["contact_consent"] = [name for name, _ in CONTACT_CONSENT_CHOICES if getattr(patient, name)]
        return initial | {"version": patient.version}

    def patient_fields(self):
        fields = {
            name: value for name, value in self.cleaned_data.items() if name not in {"version", "contact_consent"}
        }
        consent = self.cleaned_data["contact_consent"]
        return fields | {name: name in consent for name, _ in CONTACT_CONSENT_CHOICES}
