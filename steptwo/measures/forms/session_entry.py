"""One form for the measures taken in a session: PHQ-9, GAD-7 and the ADSM (or others), all on one page.

Each item is a small numeric box: typing a digit and Tab is the fastest keyboard entry for a clinician
transcribing answers. Validation messages come from Instrument.score, prefixed with the instrument name.
"""

import datetime

from django import forms

from steptwo.core.forms.date_field import DateInputField
from steptwo.measures.instruments.base import CONTEXT_FLAGS, ScoringError
from steptwo.measures.licensed_text import STEM
from steptwo.measures.models import CompletedBy


def field_name(instrument, item):
    return f"{instrument.id}-{item.id}"


class SessionMeasuresForm(forms.Form):
    completed_on = DateInputField(
        label="Date completed", past_only=True, earliest=datetime.date(2000, 1, 1),
        required_message="Enter the date the questionnaires were completed",
    )  # fmt: skip
    completed_by = forms.ChoiceField(
        label="Who completed them",
        choices=[(CompletedBy.CLINICIAN_IN_SESSION, "Patient, with me in the session"), (CompletedBy.STAFF_ON_BEHALF, "I entered them on the patient's behalf")],
        widget=forms.RadioSelect,
    )  # fmt: skip

    def __init__(self, *args, instruments, item_texts, **kwargs):
        super().__init__(*args, **kwargs)
        self.instruments = instruments
        self.item_texts = item_texts  # {instrument id: licensed_text.item_texts(...)}
        for instrument in instruments:
            for flag in instrument.context_flags:
                self.fields[f"{instrument.id}-{flag}"] = forms.BooleanField(label=CONTEXT_FLAGS[flag], required=False)
            texts = item_texts[instrument.id]
            for item in instrument.items:
                text = texts[item.id]
                label = f"{item.number}. {text}" if text else f"Question {item.number}"
                self.fields[field_name(instrument, item)] = forms.CharField(
                    label=label, required=False, max_length=3,
                    widget=forms.TextInput(attrs={"width": 2, "inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}),
                )  # fmt: skip

    def stem_of(self, instrument):
        return self.item_texts[instrument.id][STEM]

    def items_of(self, instrument):
        return [(item, self[field_name(instrument, item)]) for item in instrument.items]

    def flag_fields_of(self, instrument):
        return [self[f"{instrument.id}-{flag}"] for flag in instrument.context_flags]

    def context_of(self, instrument):
        data = getattr(self, "cleaned_data", {})
        return {flag for flag in instrument.context_flags if data.get(f"{instrument.id}-{flag}")}

    def answers_of(self, instrument):
        answers = {}
        for item in instrument.items:
            raw = (self.cleaned_data.get(field_name(instrument, item)) or "").strip()
            answers[item.id] = int(raw) if raw.isdigit() else (raw or None)
        return answers

    def clean(self):
        data = super().clean()
        for instrument in self.instruments:
            try:
                instrument.score(self.answers_of(instrument), self.context_of(instrument))  # validation only
            except ScoringError as error:
                for item_id, message in error.errors.items():
                    self.add_error(f"{instrument.id}-{item_id}", f"{instrument.short_name}: {message}")
        return data


class InstrumentPickerForm(forms.Form):
    instrument = forms.MultipleChoiceField(
        label="Questionnaires to record", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, all_instruments, chosen, **kwargs):
        super().__init__(*args, initial={"instrument": [instrument.id for instrument in chosen]}, **kwargs)
        self.fields["instrument"].choices = [(i.id, f"{i.short_name}: {i.name}") for i in all_instruments]
