"""Rows of the NHS Talking Therapies data set (v2.1), keyed by data-set element name (steptwo.dataset.tables).

Tables (domain reference §4.1): IDS001MPI, IDS101Referral, IDS201CareContact, IDS202CareActivity,
IDS603PresentingComplaints, IDS606CodedScoreAssessmentRefer and IDS607CodedScoreAssessmentAct. Each
`*_rows` function takes a queryset of the table's own records and yields its rows in one query, streamed
(QuerySet.iterator), so a month of a large service is never held in memory; steptwo.dataset.export picks
the records of a reporting period. The `ids101/201/202_*` functions are the plain lists for given referrals.

Local identifiers are stable: they are made from the service's ODS code and our own primary keys, which
never change or get reused, so a row keeps its id from one submission to the next:

* ServiceRequestId  "<ODS>-<referral pk>"          e.g. "RX1-42"
* LocalPatientId    "<ODS>-P<patient pk>"          e.g. "RX1-P7"
* CareContactId     "<ODS>-C<appointment pk>"      e.g. "RX1-C311"
* CareActId         "<CareContactId>-<SNOMED>"     e.g. "RX1-C311-748051000000105": one care activity
                                                      per therapy type per contact, so the pair is its key

Values are strings, as the data set carries them: dates ISO 8601 (YYYY-MM-DD), times HH:MM:SS in the
service's local time (Europe/London), timestamps ISO 8601 in local time with their UTC offset
("2026-10-05T10:05:00+01:00"), and "" for an element with no value yet (e.g. ServDischDate of an open
referral, AttendOrDNACode of an appointment still waiting for its outcome).

IDS603: PresComp is the code as recorded, ICD-10 with its dot ("F41.1") or SNOMED CT (all digits, e.g.
83482000 body dysmorphic disorder, §8.6), so the code system is told by the code. PresCompCodSig is "P"
(primary) or "S" (secondary): the domain reference names the two (§1.2, §4.1) but not their codes, so
these letters are **unsourced**. PresCompDate is the local date it was recorded.
IDS606/IDS607: CodedAssToolType is the instrument's total-score code (steptwo.dataset.score_codes; the
ADSM codes there are unverified placeholders), PersScore the total without trailing zeros.
"""

from django.utils import timezone

from steptwo.appointments.models import Appointment
from steptwo.core.formatting import format_score
from steptwo.dataset import score_codes
from steptwo.referrals.models import Referral
from steptwo.treatment.models import SessionNote

CHUNK = 2000
PRIMARY, SECONDARY = "P", "S"  # PresCompCodSig (unsourced letters, see above)


def ids101_referral_rows(referrals):
    """IDS101Referral: one row per referral, with its discharge date and end code once discharged."""
    return list(referral_rows(Referral.objects.filter(pk__in=_pks(referrals))))


def ids201_care_contact_rows(referrals):
    """IDS201CareContact: one row per appointment (care contact), follow-ups after discharge included."""
    return list(care_contact_rows(Appointment.objects.filter(referral__in=_pks(referrals))))


def ids202_care_activity_rows(referrals):
    """IDS202CareActivity: the SNOMED CT therapy type (§4.5) of each intervention the contact's session
    note records (SessionNote.interventions → PlannedIntervention.therapy_type); one row per distinct
    therapy type per contact. Contacts without a note have no care activity."""
    return list(care_activity_rows(Appointment.objects.filter(referral__in=_pks(referrals))))


def patient_rows(patients):
    """IDS001MPI: one row per patient. Gender is the gender identity code (§4.7), EthnicCategory the NHS
    Data Dictionary ethnic category (patients.codes.EthnicCategory)."""
    rows = patients.order_by("pk").values_list(
        "pk", "service__ods_code", "nhs_number", "date_of_birth", "gender_identity", "ethnic_category"
    )
    for pk, ods, nhs_number, birth_date, gender, ethnic_category in rows.iterator(chunk_size=CHUNK):
        yield {
            "LocalPatientId": local_patient_id(ods, pk),
            "NHSNumber": nhs_number,
            "PersonBirthDate": _date(birth_date),
            "Gender": gender,
            "EthnicCategory": ethnic_category,
        }


def referral_rows(referrals, as_at=None):
    """IDS101Referral rows of these referrals; with `as_at` (a date), as they stood at the end of that day:
    a discharge dated after it is not there yet (blank ServDischDate and EndCode)."""
    rows = referrals.order_by("pk").values(
        "pk", "patient_id", "patient__service__ods_code", "received_date", "source",
        "discharge__discharge_date", "discharge__end_code",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=CHUNK):
        ods = row["patient__service__ods_code"]
        discharged_on = row["discharge__discharge_date"]
        discharged = discharged_on is not None and (as_at is None or discharged_on <= as_at)
        yield {
            "ServiceRequestId": service_request_id(ods, row["pk"]),
            "LocalPatientId": local_patient_id(ods, row["patient_id"]),
            "ReferralRequestReceivedDate": _date(row["received_date"]),
            "SourceOfReferralIAPT": row["source"],  # §4.6
            "ServDischDate": _date(discharged_on) if discharged else "",
            "EndCode": (row["discharge__end_code"] or "") if discharged else "",  # §4.4
        }


def care_contact_rows(appointments):
    """IDS201CareContact rows of these appointments, in time order."""
    rows = appointments.order_by("starts_at", "pk").values(
        "pk", "referral_id", "referral__patient__service__ods_code", "starts_at", "duration_minutes",
        "app_type", "attendance", "mechanism", "planned",
    )  # fmt: skip
    return (_care_contact(row) for row in rows.iterator(chunk_size=CHUNK))


def _care_contact(row):
    ods = row["referral__patient__service__ods_code"]
    local = timezone.localtime(row["starts_at"])
    return {
        "CareContactId": care_contact_id(ods, row["pk"]),
        "ServiceRequestId": service_request_id(ods, row["referral_id"]),
        "CareContDate": local.date().isoformat(),
        "CareContTime": local.strftime("%H:%M:%S"),
        "AppType": row["app_type"],  # §4.2
        "AttendOrDNACode": row["attendance"],  # §3.1; "" until the outcome is recorded
        "ConsMechanism": row["mechanism"],  # §4.3 (v2.1)
        "PlannedCareContIndicator": "Y" if row["planned"] else "N",
        "ClinContDurOfCareCont": str(row["duration_minutes"]),
    }


def care_activity_rows(appointments):
    """IDS202CareActivity rows of these appointments (see ids202_care_activity_rows)."""
    links = (
        SessionNote.interventions.through.objects.filter(sessionnote__appointment__in=appointments.order_by().values("pk"))
        .values_list(
            "sessionnote__appointment_id", "sessionnote__appointment__referral__patient__service__ods_code",
            "plannedintervention__therapy_type",
        )
        .distinct()
        .order_by("sessionnote__appointment__starts_at", "sessionnote__appointment_id", "plannedintervention__therapy_type")
    )  # fmt: skip
    for appointment_pk, ods, therapy_type in links.iterator(chunk_size=CHUNK):
        yield {
            "CareActId": f"{care_contact_id(ods, appointment_pk)}-{therapy_type}",
            "CareContactId": care_contact_id(ods, appointment_pk),
            "CodeProcAndProcStatus": therapy_type,
        }


def presenting_complaint_rows(complaints):
    """IDS603PresentingComplaints rows, oldest first (so a re-import keeps the highest-id tie-break)."""
    rows = complaints.order_by("pk").values_list(
        "referral_id", "referral__patient__service__ods_code", "code", "primary", "recorded_at"
    )
    for referral_pk, ods, code, primary, recorded_at in rows.iterator(chunk_size=CHUNK):
        yield {
            "ServiceRequestId": service_request_id(ods, referral_pk),
            "PresComp": code,
            "PresCompCodSig": PRIMARY if primary else SECONDARY,
            "PresCompDate": timezone.localdate(recorded_at).isoformat(),
        }


def referral_score_rows(responses):
    """IDS606CodedScoreAssessmentRefer: scores not tied to a care contact, keyed by referral."""
    for row in _score_values(responses.filter(appointment__isnull=True)):
        yield {"ServiceRequestId": service_request_id(row[1], row[0]), **_score(row)}


def contact_score_rows(responses):
    """IDS607CodedScoreAssessmentAct: scores completed in a care contact, keyed by the contact."""
    for row in _score_values(responses.filter(appointment__isnull=False), "appointment_id"):
        yield {"CareContactId": care_contact_id(row[1], row[0]), **_score(row)}


def _score_values(responses, key="referral_id"):
    rows = responses.order_by("completed_at", "pk").values_list(
        key, "referral__patient__service__ods_code", "instrument_id", "total", "completed_at"
    )
    return rows.iterator(chunk_size=CHUNK)


def _score(row):
    _key, _ods, instrument_id, total, completed_at = row
    return {
        "CodedAssToolType": score_codes.code_for(instrument_id),  # §8.5
        "PersScore": format_score(total),
        "AssToolCompTimestamp": timezone.localtime(completed_at).isoformat(timespec="seconds"),
    }


def service_request_id(ods_code, referral_pk):
    return f"{ods_code}-{referral_pk}"


def local_patient_id(ods_code, patient_pk):
    return f"{ods_code}-P{patient_pk}"


def care_contact_id(ods_code, appointment_pk):
    return f"{ods_code}-C{appointment_pk}"


def _pks(referrals):
    """The referrals' primary keys as a subquery, whatever ordering or annotations the queryset has."""
    return referrals.order_by().values("pk")


def _date(value):
    return value.isoformat() if value else ""
