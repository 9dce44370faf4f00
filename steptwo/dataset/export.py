"""The NHS Talking Therapies data-set files of one service for a reporting period (issue 7, item 5).

One CSV per table (tables.TABLES), named tables.file_name(table), header row tables.COLUMNS[table].
Which records (the period is whole local days, both ends included, outcomes.periods):

* IDS101Referral: the referrals open at some time in the period (periods.open_in_period), and those with
  a care contact in the period (a follow-up after discharge, AppType 06 §4.2, is submitted with its
  referral in the month it happens, not lost because the referral had closed);
* IDS001MPI: their patients; IDS603PresentingComplaints: their presenting complaints recorded on or
  before the period's last day (local date);
* IDS201CareContact: their care contacts dated in the period (follow-ups after discharge included),
  IDS202CareActivity: the care activities of those contacts;
* IDS606: their current questionnaire responses (completed, not corrected or entered in error) not tied to
  a care contact, completed in the period; IDS607: the current responses completed in the IDS201 contacts,
  whenever they were entered, so every CareContactId of IDS607 is in the same files' IDS201.

The files are as at the period's end: a referral discharged after it has no ServDischDate or EndCode yet.

An export from the service's first day to today therefore carries every contact and score of every
referral: what steptwo.outcomes.derivation needs, so an import of those files reproduces the outcomes.
A fixed number of queries whatever the size (one per table, and the audit event); rows are streamed
to the files, never all held in memory. Row values: steptwo.outcomes.dataset.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from steptwo.accounts.rules import Permission
from steptwo.appointments.models import Appointment
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.dataset import tables
from steptwo.measures.models import QuestionnaireResponse
from steptwo.outcomes import dataset as rows
from steptwo.outcomes.periods import open_in_period
from steptwo.patients.models import Patient
from steptwo.referrals.models import PresentingComplaint, Referral


@transaction.atomic
def write_dataset(*, service, start, end, directory, by):
    """Write the seven table files into `directory` (made if missing); return {table: row count}.

    Raises NotAllowed unless `by` may export this service's data set (Permission.EXPORT_DATASET)."""
    if not (by.has_perm(Permission.EXPORT_DATASET) and by.service_id == service.pk):
        raise NotAllowed("Only a service manager of this service can export its data set.")
    if end < start:
        raise NotAllowed("The end of the reporting period must not be before its start.")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {table: _write(directory / tables.file_name(table), table, table_rows) for table, table_rows in
              table_rows_for(service, start, end).items()}  # fmt: skip
    audit.record(
        by=by, action=AuditAction.EXPORT, service=service,
        detail={"export": "data set", "start": start.isoformat(), "end": end.isoformat(), "rows": counts},
    )  # fmt: skip
    return counts


def table_rows_for(service, start, end):
    """{table: row iterator} for the period; nothing is read until a table's rows are iterated."""
    since, until = local_day_bounds(start, end)
    referrals = referrals_in_period(Referral.objects.filter(team__service=service), start, end).values("pk")
    # Every contact of the service dated in the period is one of these referrals' (it puts its referral in
    # the set), so the contacts need not repeat the referral subquery: about 1.4 s less each on the large demo.
    contacts = Appointment.objects.filter(referral__team__service=service, starts_at__gte=since, starts_at__lt=until)
    current = QuestionnaireResponse.objects.current()
    # IDS607 follows its contacts, not the completion date: a score entered on 2 November for a session on
    # 30 October goes with that session in October's files, so every CareContactId it names is in IDS201.
    contact_scores = current.filter(appointment__in=contacts.order_by().values("pk"))
    referral_scores = current.filter(referral__in=referrals, completed_at__gte=since, completed_at__lt=until)
    return {
        tables.IDS001_MPI: rows.patient_rows(
            Patient.objects.filter(pk__in=Referral.objects.filter(pk__in=referrals).values("patient_id"))
        ),
        tables.IDS101_REFERRAL: rows.referral_rows(Referral.objects.filter(pk__in=referrals), as_at=end),
        tables.IDS201_CARE_CONTACT: rows.care_contact_rows(contacts),
        tables.IDS202_CARE_ACTIVITY: rows.care_activity_rows(contacts),
        tables.IDS603_PRESENTING_COMPLAINTS: rows.presenting_complaint_rows(
            PresentingComplaint.objects.filter(referral__in=referrals, recorded_at__lt=until)
        ),
        tables.IDS606_CODED_SCORE_REFERRAL: rows.referral_score_rows(referral_scores),
        tables.IDS607_CODED_SCORE_CONTACT: rows.contact_score_rows(contact_scores),
    }


def referrals_in_period(referrals, start, end):
    """Those of `referrals` a period's files carry: open at some time in it, or with a care contact in it."""
    since, until = local_day_bounds(start, end)
    with_contacts = Appointment.objects.filter(starts_at__gte=since, starts_at__lt=until).values("referral_id")
    open_ones = open_in_period(referrals, start, end).order_by().values("pk")
    return referrals.filter(Q(pk__in=open_ones) | Q(pk__in=with_contacts)).order_by()


def local_day_bounds(start, end):
    """The period as aware datetimes: local midnight starting `start`, local midnight after `end`."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz)
    return since, until


def month_bounds(year, month):
    """The first and last day of a month: a monthly reporting period."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def _write(path, table, table_rows):
    columns = tables.COLUMNS[table]
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="raise")
        writer.writeheader()
        for row in table_rows:
            writer.writerow(row)
            count += 1
    return count
