"""Optimistic concurrency on the assessment form: what to tell the user when someone else saved first."""

from steptwo.core.concurrency import refuse_stale_form


def report_clash(form, assessment):
    """Keep the user's input and say which saved answers differ (core.concurrency.refuse_stale_form)."""
    assessment.refresh_from_db()
    differing = differing_labels(form, assessment)
    refuse_stale_form(
        form, assessment, what_happened="Someone else saved this assessment while you were editing",
        saved_now=f"The saved assessment has different answers for: {', '.join(differing)}." if differing else "",
    )  # fmt: skip


def differing_labels(form, assessment):
    """The labels of the fields whose saved value differs from the form's, in form order."""
    labels = [
        form.fields[name].label
        for name, value in form.assessment_fields().items()
        if getattr(assessment, name) != value
    ]
    saved_goals = [(goal.description, goal.rating) for goal in assessment.goals.all()]
    if saved_goals != form.goals():
        labels.append("Goals")
    return labels
