"""Staff choose which questionnaires to send a patient, and how long the link works."""

from dataclasses import dataclass

from django import forms

from steptwo.measures import instruments, remote
from steptwo.measures.adsm import adsm_for_referral
from steptwo.measures.models import AdsmMapping

# Asked at every contact (with the anxiety measure that fits the problem descriptor), where registered.
CORE_INSTRUMENT_IDS = ("phq9", "gad7", "wsas")


@dataclass(frozen=True)
class Offer:
    choices: list  # [(instrument id, label)]
    hints: list  # sentences explaining what is offered and what is not


def offer_for(referral):
    """The questionnaires that can be sent for a referral, labelled for staff."""
    service = referral.patient.service
    adsm, row = adsm_for_referral(referral)
    candidates = [
        (instruments.get(i), _label(instruments.get(i))) for i in CORE_INSTRUMENT_IDS if i in instruments.INSTRUMENTS
    ]
    hints = []
    if adsm:
        unverified = "" if row.verified else " (this pairing is not verified)"
        candidates.append((adsm, f"{_label(adsm)}: the anxiety measure for {row.label}{unverified}"))
    else:
        candidates += [(each, f"{_label(each)}: anxiety disorder-specific measure") for each in _registered_adsms()]
        hints.append(_no_adsm_hint(row))
    can_send = {instrument.id: remote.can_send(service, instrument) for instrument, _ in candidates}
    sendable = [(instrument.id, label) for instrument, label in candidates if can_send[instrument.id]]
    held_back = [instrument.short_name for instrument, _ in candidates if not can_send[instrument.id]]
    if held_back:
        hints.append(
            f"Not listed: {', '.join(held_back)}. Step Two holds no wording for them to show a patient until your "
            "service loads its licensed text, so they can only be entered by staff."
        )
    return Offer(choices=sendable, hints=hints)


def _label(instrument):
    return f"{instrument.short_name} ({instrument.name})"


def _registered_adsms():
    mapped = set(AdsmMapping.objects.exclude(instrument_id="").values_list("instrument_id", flat=True))
    return [instrument for instrument_id, instrument in instruments.INSTRUMENTS.items() if instrument_id in mapped]


def _no_adsm_hint(row):
    if row is not None:
        return f"This referral's problem descriptor ({row.label}) calls for no anxiety disorder-specific measure."
    return (
        "No anxiety disorder-specific measure is matched to this referral's problem descriptor, "
        "so every one in Step Two is listed."
    )


class CompletionRequestForm(forms.Form):
    instrument_ids = forms.MultipleChoiceField(
        label="Questionnaires to send", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one questionnaire to send"},
    )  # fmt: skip
    expires_in_days = forms.IntegerField(
        label="Days until the link expires", initial=remote.DEFAULT_EXPIRY_DAYS,
        min_value=remote.MIN_EXPIRY_DAYS, max_value=remote.MAX_EXPIRY_DAYS,
        help_text=f"From {remote.MIN_EXPIRY_DAYS} to {remote.MAX_EXPIRY_DAYS}. The link works until the end of its last day.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 2}),
        error_messages={
            "required": "Enter the number of days until the link expires",
            "invalid": "Enter the number of days as a whole number, like 7",
            "min_value": f"The link must work for at least {remote.MIN_EXPIRY_DAYS} day",
            "max_value": f"The link can work for at most {remote.MAX_EXPIRY_DAYS} days",
        },
    )  # fmt: skip

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["instrument_ids"]
        field.choices = offer.choices
        field.help_text = " ".join(offer.hints)
        field.error_messages["invalid_choice"] = "Select questionnaires from the list"
