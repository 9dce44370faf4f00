"""Display-ready views of a patient record."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from steptwo.core.formatting import age_on, format_date, format_datetime, format_nhs_number, format_score


@dataclass(frozen=True)
class ReferralRow:
    referral: object
    problem_descriptor: object
    latest_responses: list

    @property
    def latest_scores(self):
        return ", ".join(
            f"{response.instrument.short_name} {format_score(response.total)}" for response in self.latest_responses
        )


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
                ("voicemail messages", self.patient.consent_to_voicemail),
            )
            if given
        ]
        return "Agrees to " + ", ".join(agreed) if agreed else "Has not agreed to texts, emails or letters"

    @property
    def interpreter(self):
        if not self.patient.interpreter_required:
            return "Not needed"
        return f"Needed ({self.patient.preferred_language})" if self.patient.preferred_language else "Needed"

    def referral_rows(self, referrals, responses):
        """Each referral with its primary problem descriptor and latest score per instrument."""
        current = [response for response in responses if response.status == "completed"]
        rows = []
        for referral in referrals:
            latest = {}
            for response in sorted((r for r in current if r.referral_id == referral.pk), key=lambda r: r.completed_at):
                latest[response.instrument_id] = response
            complaints = [c for c in referral.presenting_complaints.all() if c.primary]
            rows.append(ReferralRow(referral, complaints[0] if complaints else None, list(latest.values())))
        return rows

    def timeline(self, referrals, responses=(), tasks=()):
        """What has happened, newest first: the record's creation, referral status changes, questionnaires
        and risk reviews."""
        entries = [TimelineEntry(self.patient.created_at, "Patient record created", "", str(self.patient.created_by))]
        entries += [_response_entry(response) for response in responses]
        entries += [entry for task in tasks for entry in _task_entries(task)]
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


def _response_entry(response):
    title = f"{response.instrument.short_name} {format_score(response.total)}" + (
        f" ({response.band})" if response.band else ""
    )
    if response.status == "entered_in_error":
        return TimelineEntry(
            response.completed_at,
            f"{title}: entered in error",
            response.error_reason,
            response.get_completed_by_display(),
        )
    return TimelineEntry(
        response.completed_at, title, "", str(response.recorded_by or response.get_completed_by_display())
    )


def _task_entries(task):
    entries = [TimelineEntry(task.created_at, task.title, task.detail, "Step Two")]
    if task.completed_at:
        entries.append(
            TimelineEntry(
                task.completed_at, f"{task.get_kind_display()} recorded", task.outcome, str(task.completed_by)
            )
        )
    return entries
