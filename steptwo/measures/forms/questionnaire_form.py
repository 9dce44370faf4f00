"""The patient's form for a remote completion request: every requested questionnaire on one page.

One radio group per item, named "<instrument id>-<item id>" (e.g. "phq9-q9"), with the question as
its legend. Every required item must be answered: an unanswered one is reported as "Answer question
3 of PHQ-9", so the patient can find it.
"""

from dataclasses import dataclass

from django import forms

from steptwo.measures import instruments, remote

NOT_APPLICABLE = "na"
# The patient's own "does not apply" answer for an item a context flag makes not applicable
# (instruments.base.CONTEXT_FLAGS has the staff wording).
NOT_APPLICABLE_LABELS = {
    "not_working": "I am retired or choose not to have a job for reasons unrelated to my problem",
    "no_periods": "This does not apply to me: I do not have periods",
}


@dataclass(frozen=True)
class Section:
    """One questionnaire on the page: heading, introduction and its item field names."""

    instrument: object
    heading: str
    stem: str
    field_names: list


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, completion_request, **kwargs):
        super().__init__(*args, **kwargs)
        service = completion_request.patient.service
        self.sections = []
        for instrument_id in completion_request.instrument_ids:
            instrument = instruments.get(instrument_id)
            words = remote.wording(service, instrument)
            names = []
            for item in instrument.items:
                name = f"{instrument.id}-{item.id}"
                self.fields[name] = _item_field(instrument, item, words.items.get(item.id, ""))
                names.append(name)
            heading = f"{instrument.name} ({instrument.short_name})"
            self.sections.append(Section(instrument=instrument, heading=heading, stem=words.stem, field_names=names))

    def answers(self):
        """{instrument id: (item answers, context flags)}, as remote.complete() takes them."""
        result = {}
        for section in self.sections:
            item_answers, context = {}, set()
            for item in section.instrument.items:
                value = self.cleaned_data.get(f"{section.instrument.id}-{item.id}")
                if value == NOT_APPLICABLE:
                    context.add(item.not_applicable_when)
                elif value not in (None, ""):
                    item_answers[item.id] = int(value)
            result[section.instrument.id] = (item_answers, context)
        return result


def _item_field(instrument, item, text):
    choices = [(str(option.value), option.label) for option in item.options]
    if item.not_applicable_when:
        label = NOT_APPLICABLE_LABELS.get(item.not_applicable_when, "This question does not apply to me")
        choices.append((NOT_APPLICABLE, label))
    legend = f"{item.number}. {text}" + ("" if item.required else " (optional)")
    return forms.ChoiceField(
        label=legend, choices=choices, widget=forms.RadioSelect, required=item.required,
        error_messages={
            "required": f"Answer question {item.number} of {instrument.short_name}",
            "invalid_choice": f"Choose one of the answers to question {item.number} of {instrument.short_name}",
        },
    )  # fmt: skip
