from django import forms


class InterventionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_intervention_display()} ({obj.get_therapy_type_display()})"


class SessionNoteForm(forms.Form):
    """A draft may be saved with any field empty; finalising needs the work done or the note."""

    interventions = InterventionChoiceField(
        label="Interventions used in this session", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    work_done = forms.CharField(
        label="Work done in the session", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    homework_reviewed = forms.CharField(
        label="Homework reviewed", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    homework_set = forms.CharField(label="Homework set", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(
        label="Session note", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Anything else about the session: risk, how the patient is, the plan for next time",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, interventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interventions"].queryset = interventions

    @staticmethod
    def initial_from(note):
        if note is None:
            return {}
        return {
            "interventions": [planned.pk for planned in note.interventions.all()], "work_done": note.work_done,
            "homework_reviewed": note.homework_reviewed, "homework_set": note.homework_set, "note": note.note,
            "version": note.version,
        }  # fmt: skip

    def note_fields(self):
        data = self.cleaned_data
        return {
            "work_done": data["work_done"], "homework_reviewed": data["homework_reviewed"],
            "homework_set": data["homework_set"], "note_text": data["note"],
        }  # fmt: skip


class ReturnNoteForm(forms.Form):
    comment = forms.CharField(
        label="What needs changing?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The writer sees this with the note when it comes back to them as a draft",
        error_messages={"required": "Say what needs changing before returning the note"},
    )  # fmt: skip
