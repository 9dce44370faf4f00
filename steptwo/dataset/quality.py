"""The data-quality report for a reporting period: what a data lead checks before the month's submission.

It looks at the referrals the period's files carry (as export.referrals_in_period): referral-level checks at
those open in the period, contact-level checks at the care contacts dated in it (local days, Europe/London;
these also bring in closed referrals' follow-ups). A fixed number of queries whatever the size: one pass
over the open referrals and one over the period's contacts (their simple code checks are made on the rows),
one query each for the checks that need other tables, and one outcome derivation (five queries). Checks:

* problem descriptor: a referral with a treatment contact (AppType 02/03/05 §4.2, attended or unplanned,
  §1.1) by the end of the period and no presenting complaint (IDS603): its ADSM cannot be chosen (§1.2);
* paired scores: a referral that finished a course of treatment in the period (ended in it with >= 2
  treatment contacts, §1.1) without paired PHQ-9 scores, or without paired anxiety-measure scores (the
  ADSM or GAD-7): it cannot count towards recovery (§1.1, [NHSE-META-M] M199-M202);
* codes: SourceOfReferralIAPT not in §4.6; EndCode of a discharge not in §4.4; AppType not in §4.2;
  ConsMechanism not a v2.1 code (§4.3); AttendOrDNACode missing on a contact already past, or not a §3.1
  code; the patient's ethnic category or gender identity blank or not a code ("Z not stated" is an
  answer, not a gap); no NHS number;
* discharge: discharged (status) with no discharge record, or a discharge with no end code; an end code
  the contacts contradict (50 "not assessed" with care contacts, a "taken on for a course of treatment"
  code with no treatment contact, §4.4); a contact dated after the discharge date that is not a follow-up
  (AppType 06) and was not cancelled (AttendOrDNACode 2 or 4);
* open with no contact: open at the end of the period, received over 90 days before it, and no attended
  or unplanned contact in those 90 days (§3, open referrals with no activity, [NHSE-META-M] M019-M022);
* placeholder score codes: a score in the period of an instrument whose CodedAssToolType is an unverified
  placeholder (score_codes.unverified()): the national validation would refuse it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from steptwo.appointments.codes import ATTENDED_CODES, TREATMENT_APP_TYPES, AppType, AttendOrDNACode, ConsMechanism
from steptwo.appointments.models import Appointment
from steptwo.dataset import score_codes
from steptwo.dataset.export import local_day_bounds
from steptwo.measures.models import QuestionnaireResponse
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.periods import open_in_period
from steptwo.patients.codes import EthnicCategory, GenderIdentity
from steptwo.referrals.codes import END_CODE_GROUPS, EndCode, EndCodeGroup, ReferralStatus, SourceOfReferral
from steptwo.referrals.models import PresentingComplaint

NO_CONTACT_DAYS = 90
CANCELLED = (AttendOrDNACode.CANCELLED_BY_PATIENT, AttendOrDNACode.CANCELLED_BY_SERVICE)

# (key, title, explanation), in the order the report shows them.
CHECKS = (
    ("problem_descriptor", "Treated with no problem descriptor",
     ("Had a treatment contact but has no presenting complaint (IDS603), so the anxiety measure for recovery "
     "cannot be chosen.")),
    ("paired_phq9", "Finished treatment without paired PHQ-9 scores",
     "Finished a course of treatment in the period without a first and a last PHQ-9 score."),
    ("paired_anxiety", "Finished treatment without paired anxiety scores",
     ("Finished a course of treatment in the period without a first and a last score on the anxiety measure "
     "(the problem descriptor's ADSM, or GAD-7).")),
    ("no_end_code", "Discharged without an end code",
     "The referral is discharged but has no discharge record, or its discharge has no end code."),
    ("end_code", "End code invalid", "The discharge's EndCode is not a data-set v2 code."),
    ("end_code_contradicted", "End code contradicted by the contacts",
     ("‘Not assessed’ (50) with care contacts, or a ‘taken on for a course of treatment’ code with no "
     "treatment contact.")),
    ("after_discharge", "Contact after discharge that is not a follow-up",
     ("A contact in the period is dated after the discharge date and is neither a follow-up (AppType 06) nor "
     "cancelled.")),
    ("attendance", "Attendance not recorded on a past contact",
     "A contact in the period that has already happened has no valid AttendOrDNACode."),
    ("app_type", "Appointment type missing or invalid",
     "A contact in the period has a blank AppType or one that is not a data-set code."),
    ("mechanism", "Consultation mechanism missing or invalid",
     "A contact in the period has a blank ConsMechanism or one that is not a v2.1 code."),
    ("source", "Source of referral missing or invalid", "SourceOfReferralIAPT is blank or not a data-set code."),
    ("no_contact", f"Open with no contact for over {NO_CONTACT_DAYS} days",
     (f"Open at the end of the period, received over {NO_CONTACT_DAYS} days before it, and no attended or "
     f"unplanned contact in the last {NO_CONTACT_DAYS} days.")),
    ("nhs_number", "No NHS number", "The patient has no NHS number."),
    ("ethnicity", "Ethnic category not recorded or invalid",
     ("The patient's ethnic category is blank or not a data-set code (‘Not stated’ is an answer and is not "
     "listed).")),
    ("gender", "Gender identity not recorded or invalid",
     ("The patient's gender identity is blank or not a data-set code (‘Not stated’ is an answer and is not "
     "listed).")),
    ("score_codes", "Scores with a placeholder data-set code",
     ("A score in the period is of an instrument whose total-score code is an unverified placeholder (the "
     "anxiety disorder specific measures, WSAS, the phobia scales): the national validation would refuse it.")),
)  # fmt: skip


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    explanation: str
    referral_ids: tuple[int, ...]

    @property
    def count(self):
        return len(self.referral_ids)


@dataclass(frozen=True)
class Report:
    start: datetime.date
    end: datetime.date
    referral_count: int
    checks: tuple[Check, ...]

    @property
    def problems(self):
        return sum(check.count for check in self.checks)

    def check(self, key):
        return next(check for check in self.checks if check.key == key)


def quality_report(referrals, start, end, *, now=None):
    """The checks for the period over `referrals` (a Referral queryset, e.g. Referral.objects.for_user(user))."""
    period = _Period(referrals, start, end, now or timezone.now())
    found = {key: set() for key, _title, _explanation in CHECKS}
    for rule_found in (
        period.referral_rules(), period.contact_rules(), period.outcome_rules(),
        {"problem_descriptor": period.no_problem_descriptor(), "no_contact": period.no_recent_contact(),
         "score_codes": period.placeholder_score_codes()},
    ):  # fmt: skip
        for key, ids in rule_found.items():
            found[key].update(ids)
    checks = tuple(Check(key, title, text, tuple(sorted(found[key]))) for key, title, text in CHECKS)
    return Report(start, end, len(period.carried), checks)


class _Period:
    def __init__(self, referrals, start, end, now):
        self.start, self.end, self.now = start, end, now
        self.since, self.until = local_day_bounds(start, end)
        self.open = open_in_period(referrals, start, end).order_by()
        self.contacts = Appointment.objects.filter(
            referral__in=referrals.order_by().values("pk"), starts_at__gte=self.since, starts_at__lt=self.until
        ).order_by()
        self.carried = set()  # the referrals the period's files carry (export.referrals_in_period), as seen

    def referral_rules(self):
        """One pass over the open referrals: the checks of their own and their patient's fields."""
        found = {key: [] for key in ("source", "no_end_code", "end_code", "nhs_number", "ethnicity", "gender")}
        rows = self.open.values_list(
            "pk", "source", "status", "discharge__discharge_date", "discharge__end_code", "patient__nhs_number",
            "patient__ethnic_category", "patient__gender_identity",
        )  # fmt: skip
        for pk, source, status, discharged, end_code, nhs_number, ethnic, gender in rows.iterator(chunk_size=2000):
            self.carried.add(pk)
            checks = {
                "source": source not in SourceOfReferral.values,
                "no_end_code": (status == ReferralStatus.DISCHARGED and discharged is None)
                or (discharged is not None and not end_code),
                "end_code": bool(end_code) and end_code not in EndCode.values,
                "nhs_number": not nhs_number,
                "ethnicity": ethnic not in EthnicCategory.values,
                "gender": gender not in GenderIdentity.values,
            }
            for key, failed in checks.items():
                if failed:
                    found[key].append(pk)
        return found

    def contact_rules(self):
        """One pass over the period's contacts: their codes, and contacts after discharge."""
        found = {key: [] for key in ("app_type", "attendance", "mechanism", "after_discharge")}
        rows = self.contacts.values_list(
            "referral_id", "starts_at", "app_type", "attendance", "mechanism", "referral__discharge__discharge_date"
        )
        for referral_id, starts_at, app_type, attendance, mechanism, discharged in rows.iterator(chunk_size=2000):
            self.carried.add(referral_id)
            checks = {
                "app_type": app_type not in AppType.values,
                "attendance": starts_at < self.now and attendance not in AttendOrDNACode.values,
                "mechanism": mechanism not in ConsMechanism.values,
                "after_discharge": discharged is not None
                and timezone.localdate(starts_at) > discharged
                and app_type != AppType.FOLLOW_UP
                and attendance not in CANCELLED,
            }
            for key, failed in checks.items():
                if failed:
                    found[key].append(referral_id)
        return found

    def outcome_rules(self):
        """Paired scores and end codes against the contacts, from the outcome derivation as at the end."""
        outcomes = derive(self.open.filter(discharge__discharge_date__range=(self.start, self.end)), as_of=self.end)
        finished = [outcome for outcome in outcomes if outcome.completed_treatment]
        return {
            "paired_phq9": [o.referral_id for o in finished if not (o.phq9 and o.phq9.paired)],
            "paired_anxiety": [o.referral_id for o in finished if not (o.anxiety and o.anxiety.paired)],
            "end_code_contradicted": [o.referral_id for o in outcomes if _contradicted(o)],
        }

    def no_problem_descriptor(self):
        treatment = Appointment.objects.filter(
            Q(attendance__in=ATTENDED_CODES) | Q(planned=False),
            referral=OuterRef("pk"), app_type__in=TREATMENT_APP_TYPES, starts_at__lt=self.until,
        )  # fmt: skip
        complaints = PresentingComplaint.objects.filter(referral=OuterRef("pk"))
        return self.open.filter(Exists(treatment)).exclude(Exists(complaints)).values_list("pk", flat=True)

    def no_recent_contact(self):
        cutoff = self.end - datetime.timedelta(days=NO_CONTACT_DAYS)
        since, _ = local_day_bounds(cutoff, cutoff)
        recent = Appointment.objects.filter(
            Q(attendance__in=ATTENDED_CODES) | Q(planned=False),
            referral=OuterRef("pk"), starts_at__gte=since, starts_at__lt=self.until,
        )  # fmt: skip
        still_open = self.open.exclude(discharge__discharge_date__lte=self.end).filter(received_date__lt=cutoff)
        return still_open.exclude(Exists(recent)).values_list("pk", flat=True)

    def placeholder_score_codes(self):
        placeholders = [entry.instrument_id for entry in score_codes.unverified()]
        responses = QuestionnaireResponse.objects.current().filter(
            referral__in=self.open.values("pk"), instrument_id__in=placeholders,
            completed_at__gte=self.since, completed_at__lt=self.until,
        )  # fmt: skip
        return responses.order_by().values_list("referral_id", flat=True).distinct()


def _contradicted(outcome):
    if outcome.end_code == EndCode.NOT_ASSESSED:
        return outcome.care_contact_count > 0
    return outcome.end_code in END_CODE_GROUPS[EndCodeGroup.TREATED] and outcome.treatment_contact_count == 0
