"""The outcomes pages' period form: from and to dates, how to group the figures, publication mode.

A GET form: the page's address says what it shows, so it can be bookmarked and shared. Without any of
its fields the page shows the last 12 complete months, the whole scope, exact counts.
"""

import datetime

from django import forms

from steptwo.core.forms.date_field import DateInputField

WHOLE = "all"  # the "by" value for the scope's figures only (a radio cannot have the value "")
MAX_DAYS = 3 * 366  # a longer period would draw more than 36 months: say so instead
FIELDS = ("start-day", "start-month", "start-year", "end-day", "end-month", "end-year", "by", "publication")


def last_twelve_complete_months(today):
    """(first day, last day): the 12 calendar months before the current one."""
    end = today.replace(day=1) - datetime.timedelta(days=1)
    start_month = end.month % 12 + 1
    start_year = end.year if end.month == 12 else end.year - 1
    return datetime.date(start_year, start_month, 1), end


class GroupingField(forms.ChoiceField):
    """Always has a value (so it is not labelled optional): none submitted means the whole scope, as in the
    page's links, which leave it out then."""

    def to_python(self, value):
        return super().to_python(value) or WHOLE


class PeriodForm(forms.Form):
    start = DateInputField(label="From", required_message="Enter the first day of the period")
    end = DateInputField(label="To", required_message="Enter the last day of the period")
    by = GroupingField(
        label="Show figures for", widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose whose figures to show from the list"},
    )  # fmt: skip
    publication = forms.BooleanField(
        label="Publication mode", required=False,
        help_text="As NHS England publishes figures: counts under 5 hidden, other counts rounded to the nearest 5, "
        "and percentages worked out from the rounded counts.",
    )  # fmt: skip

    def __init__(self, data=None, *, groupings, today):
        """groupings: [(value, label)] the scope offers after the whole scope, e.g. [("team", "Each team")]."""
        bound = data is not None and any(name in data for name in FIELDS)
        start, end = last_twelve_complete_months(today)
        super().__init__(data if bound else None, initial={"start": start, "end": end, "by": WHOLE})
        self.fields["by"].choices = [(WHOLE, groupings[0][1]), *groupings[1:]]
        if len(groupings) == 1:
            del self.fields["by"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day of the period must be the same as or after the first day")
        elif start and end and (end - start).days >= MAX_DAYS:
            self.add_error("end", "Choose a period of 3 years or less")
        return cleaned

    def period(self):
        """(start, end, by or None, publication) chosen, or the defaults when nothing was submitted; call only
        when the form is valid or unbound."""
        values = self.cleaned_data if self.is_bound else self.initial
        by = values.get("by") or WHOLE
        return values["start"], values["end"], None if by == WHOLE else by, bool(values.get("publication"))

    def query(self, **extra):
        """The query string of the chosen period (for links to the CSV files and the drill-downs)."""
        start, end, by, publication = self.period()
        params = {
            "start-day": start.day, "start-month": start.month, "start-year": start.year,
            "end-day": end.day, "end-month": end.month, "end-year": end.year,
        }  # fmt: skip
        if by:
            params["by"] = by
        if publication:
            params["publication"] = "on"
        params.update({name: value for name, value in extra.items() if value is not None})
        return params
