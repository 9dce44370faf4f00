from django import forms


class RiskReviewForm(forms.Form):
    outcome = forms.CharField(
        label="What did you find and do?",
        help_text="For example, spoke to the patient by phone: passive thoughts, no plan or intent; safety plan reviewed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what you found and did in the risk review"},
    )


def risk_review_form(task, data=None):
    """One form per task on a page, so each gets its own field ids."""
    return RiskReviewForm(data, prefix=f"task{task.pk}")


class CompleteTaskForm(forms.Form):
    """What was done about a DNA follow-up or a supervision action, kept with the task as its outcome."""

    outcome = forms.CharField(
        label="What was done?",
        help_text="For example, phoned the patient: they were unwell, no new risk; rebooked for next Tuesday",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was done"},
    )
