from django import forms


class CrisisTextForm(forms.Form):
    crisis_text = forms.CharField(
        label="Crisis text", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Patients see this when they complete questionnaires from a link, and again, prominently, when "
        "their answers suggest they may be at risk (PHQ-9 question 9). Give numbers that work at any time, such "
        "as 999, NHS 111 and Samaritans on 116 123. Each line is shown as a paragraph.",
        error_messages={
            "required": "Enter the crisis text",
            "max_length": "Crisis text must be 2,000 characters or fewer",
        },
    )  # fmt: skip
