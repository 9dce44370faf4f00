"""Display-ready views of a patient record."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from steptwo.core.formatting import age_on, format_date, format_datetime, format_nhs_number


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    detail: str
    by: str

    @property
    def when(self):
        return format_datetime(self.at)


class PatientPresenter:
    def __init__(self, patient):
        self.patient = patient

    @property
    def nhs_number(self):
        return format_nhs_number(self.patient.nhs_number) or "Not known"

    @property
    def date_of_birth(self):
        return f"{format_date(self.patient.date_of_birth)} (aged {age_on(self.patient.date_of_birth)})"

    @property
    def address_html(self):
        """One line per part of the address, escaped; None when nothing is recorded."""
        parts = [self.patient.address_line_1, self.patient.address_line_2, self.patient.town, self.patient.postcode]
        parts = [part for part in parts if part]
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts)) if parts else None

    @property
    def contact_consent(self):
        agreed = [
            label
            for label, given in (
                ("text messages", self.patient.consent_to_sms),
                ("email", self.patient.consent_to_email),
                ("letters", self.patient.consent_to_letters),
            )
            if given
        ]
        return "Agrees to " + ", ".join(agreed) if agreed else "Has not agreed to texts, emails or letters"

    @property
    def interpreter(self):
        if not self.patient.interpreter_required:
            return "Not needed"
        return f"Needed ({self.patient.preferred_language})" if self.patient.preferred_language else "Needed"

    def timeline(self, referrals):
        """What has happened, newest first: the record's creation and every referral status change."""
        entries = [TimelineEntry(self.patient.created_at, "Patient record created", "", str(self.patient.created_by))]
        for referral in referrals:
            for change in referral.status_changes.all():
                entries.append(
                    TimelineEntry(
                        change.changed_at,
                        f"Referral ({format_date(referral.received_date)}): {change.get_status_display().lower()}",
                        change.note,
                        str(change.changed_by),
                    )
                )
        return sorted(entries, key=lambda entry: entry.at, reverse=True)
