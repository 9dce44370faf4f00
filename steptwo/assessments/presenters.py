"""A completed (or read-only) assessment laid out for display, section by section."""

from steptwo.assessments.forms.assessment_form import SECTIONS, AssessmentForm

CHOICE_FIELDS = ("medication", "employment_status")


def summary_sections(assessment):
    """[(anchor, heading, [(label, value)])] in the form's order; goals come separately (assessment.goals)."""
    labels = AssessmentForm.labels()
    return [
        (anchor, heading, [(labels[name], _value(assessment, name)) for name in names])
        for anchor, heading, names in SECTIONS
    ]


def _value(assessment, name):
    if name in CHOICE_FIELDS:
        return getattr(assessment, f"get_{name}_display")() or "Not recorded"
    return getattr(assessment, name) or "Not recorded"
