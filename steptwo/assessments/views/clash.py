"""Optimistic concurrency on the assessment form: what to tell the user when someone else saved first."""


def report_clash(form, assessment):
    """Keep the user's input, say which saved answers differ, and base the next save on the saved version
    (saving again is then a deliberate choice, made with those answers in view)."""
    assessment.refresh_from_db()
    differing = differing_labels(form, assessment)
    form.add_error(
        None,
        "Someone else saved this assessment while you were editing, so your changes have not been saved. "
        "What you typed is still shown below. "
        + (f"The saved assessment has different answers for: {', '.join(differing)}. " if differing else "")
        + "Check, then save again to keep what is in the form.",
    )
    data = form.data.copy()
    data["version"] = assessment.version
    form.data = data


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
