from django import forms

from steptwo.appointments.codes import AttendOrDNACode


class OutcomeForm(forms.Form):
    """The attendance outcome (AttendOrDNACode, domain reference §3.1) and a note; `version` guards
    against saving over an outcome someone else recorded after this form was opened."""

    attendance = forms.ChoiceField(
        label="What happened", choices=AttendOrDNACode.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )  # fmt: skip
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why it was cancelled or what was agreed about the next appointment",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_from(cls, appointment, next_url=""):
        return {
            "attendance": appointment.attendance or None, "note": appointment.outcome_note,
            "version": appointment.version, "next": next_url,
        }  # fmt: skip
