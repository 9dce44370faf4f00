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
