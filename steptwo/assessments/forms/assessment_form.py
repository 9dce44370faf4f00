from django import forms

from steptwo.assessments.codes import EmploymentStatus, PsychotropicMedication
from steptwo.assessments.services import EDITABLE_FIELDS, MAX_GOALS

GOAL_NUMBERS = range(1, MAX_GOALS + 1)
# The form's sections, in interview order: (anchor, heading, fields). The goals section has its own layout.
SECTIONS = (
    ("main-problem", "The main problem", ("problem_in_own_words", "problem_statement")),
    ("four-ws", "The four Ws and why now", ("what", "where", "with_whom", "when", "why_now")),
    ("symptoms", "Symptoms", ("thoughts", "behaviours", "physical_symptoms", "emotions")),
    ("history", "Onset, triggers and what keeps it going", ("onset", "triggers", "maintaining_factors")),
    ("impact", "Impact on work, home and social life", ("impact_on_work", "impact_on_home", "impact_on_social_life")),
    ("goals", "Goals", ()),
    ("medication", "Medication", ("medication", "medication_details")),
    ("employment", "Employment status", ("employment_status",)),
    ("long-term-conditions", "Long-term physical conditions", ("long_term_conditions",)),
)


def _text(label, hint=None, rows=3):
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}))


def _radios(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=choices, widget=forms.RadioSelect)


class AssessmentForm(forms.Form):
    """The structured assessment interview (Reach Out structure, domain reference §5.2), saved as it goes."""

    # The main problem
    problem_in_own_words = _text("The problem in the patient's own words")
    problem_statement = _text(
        "Problem statement",
        "Agreed with the patient: the problem, what keeps it going and its impact. Needed to complete the assessment",
    )
    # The four Ws, and why now
    what = _text("What happens")
    where = _text("Where it happens")
    with_whom = _text("Who they are with when it happens")
    when = _text("When it happens")
    why_now = _text("Why now", "Why the patient is asking for help at this time")
    # Symptoms
    thoughts = _text("Thoughts")
    behaviours = _text("Behaviours", "What they do more of, or less of, or avoid")
    physical_symptoms = _text("Physical symptoms")
    emotions = _text("Emotions")
    # Onset, triggers and what keeps it going
    onset = _text("When it started")
    triggers = _text("Triggers")
    maintaining_factors = _text("What keeps it going")
    # Impact
    impact_on_work = _text("Impact on work or study")
    impact_on_home = _text("Impact on home life")
    impact_on_social_life = _text("Impact on social life")
    # Context
    medication = _radios("Is the patient prescribed psychotropic medication?", PsychotropicMedication.choices)
    medication_details = _text("Medication details", "The medicine, dose, and since when")
    employment_status = _radios("What is the patient's employment status?", EmploymentStatus.choices)
    long_term_conditions = _text(
        "Long-term physical health conditions",
        "For example, diabetes or COPD. Conditions are recorded as text for now, not yet as data-set codes",
    )

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in GOAL_NUMBERS:
            self.fields[f"goal_{number}_description"] = forms.CharField(
                label=f"Goal {number}", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"goal_{number}_rating"] = forms.CharField(
                label=f"Rating for goal {number} now, from 0 to 10", required=False, max_length=2,
                help_text="0 means the goal is not met at all, 10 means it is fully met",
                widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 2, "autocomplete": "off"}),
            )  # fmt: skip

    def goal_fields(self):
        return [(self[f"goal_{n}_description"], self[f"goal_{n}_rating"]) for n in GOAL_NUMBERS]

    def clean(self):
        data = super().clean()
        for number in GOAL_NUMBERS:
            self._clean_goal(data, number)
        return data

    def _clean_goal(self, data, number):
        description = (data.get(f"goal_{number}_description") or "").strip()
        rating = (data.get(f"goal_{number}_rating") or "").strip()
        if rating and not (rating.isdigit() and 0 <= int(rating) <= 10):
            self.add_error(f"goal_{number}_rating", f"Rating for goal {number} must be a whole number from 0 to 10")
        elif description and not rating:
            self.add_error(f"goal_{number}_rating", f"Enter a rating from 0 to 10 for goal {number}")
        elif rating and not description:
            self.add_error(f"goal_{number}_description", f"Describe goal {number}, or clear its rating")

    @classmethod
    def labels(cls):
        return {name: field.label for name, field in cls.base_fields.items()}

    @staticmethod
    def initial_from(assessment):
        initial = {name: getattr(assessment, name) for name in EDITABLE_FIELDS}
        for number, goal in enumerate(assessment.goals.all(), start=1):
            initial[f"goal_{number}_description"] = goal.description
            initial[f"goal_{number}_rating"] = str(goal.rating)
        return initial | {"version": assessment.version}

    def assessment_fields(self):
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def goals(self):
        """The filled-in goals, in order: [(description, rating)]."""
        goals = []
        for number in GOAL_NUMBERS:
            description = self.cleaned_data[f"goal_{number}_description"].strip()
            if description:
                goals.append((description, int(self.cleaned_data[f"goal_{number}_rating"])))
        return goals
