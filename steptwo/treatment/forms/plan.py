from django import forms

from steptwo.treatment.codes import CHOSEN_INTERVENTIONS, LOW_INTENSITY_THERAPY_TYPES


class AddInterventionForm(forms.Form):
    intervention = forms.ChoiceField(
        label="Intervention", choices=[("", ""), *CHOSEN_INTERVENTIONS],
        error_messages={"required": "Select the intervention to add"},
    )  # fmt: skip
    therapy_type = forms.ChoiceField(
        label="How it is delivered (data-set therapy type)",
        choices=[("", "The intervention's usual type")] + [(t.value, t.label) for t in LOW_INTENSITY_THERAPY_TYPES],
        required=False,
        help_text="Change this only if it is delivered another way, for example by computer rather than a book",
    )
