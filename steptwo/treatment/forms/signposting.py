from django import forms


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.area})" if obj.area else obj.name


class SignpostForm(forms.Form):
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=None,
        empty_label="",
        error_messages={
            "required": "Select an organisation",
            "invalid_choice": "Select an organisation in the directory",
        },
    )
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what was discussed and whether the patient will contact them",
    )  # fmt: skip

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the organisation's name"})
    offers = forms.CharField(
        label="What it offers", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the organisation offers"},
    )  # fmt: skip
    area = forms.CharField(label="Area covered", max_length=200, required=False)
    phone = forms.CharField(label="Phone", max_length=30, required=False)
    email = forms.EmailField(
        label="Email", required=False, error_messages={"invalid": "Enter an email address like name@example.org"}
    )
    website = forms.URLField(
        label="Website", required=False, assume_scheme="https",
        error_messages={"invalid": "Enter a website address like https://www.example.org"},
    )  # fmt: skip
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @staticmethod
    def initial_from(organisation):
        return {name: getattr(organisation, name) for name in OrganisationForm.base_fields}
