from django import forms


class ProblemDescriptorForm(forms.Form):
    """The referral's primary problem descriptor, from the codes the ADSM mapping knows (domain reference §8.6)."""

    descriptor = forms.ChoiceField(
        label="Primary problem descriptor", error_messages={"required": "Select the primary problem descriptor"}
    )

    def __init__(self, *args, mappings, **kwargs):
        super().__init__(*args, **kwargs)
        self.mappings = {f"{row.code_system}|{row.code}": row for row in mappings}
        self.fields["descriptor"].choices = [("", "")] + [
            (key, f"{row.code} {row.label}") for key, row in self.mappings.items()
        ]

    def chosen(self):
        return self.mappings[self.cleaned_data["descriptor"]]
