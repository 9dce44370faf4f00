"""Rows of the NHS Talking Therapies data set (v2.1) for given referrals, keyed by data-set element name.

Tables (domain reference §4.1): IDS101Referral, IDS201CareContact and IDS202CareActivity. A later issue
builds the monthly submission on these functions; here they are the plain rows, one query each.

Local identifiers are stable: they are made from the service's ODS code and our own primary keys, which
never change or get reused, so a row keeps its id from one submission to the next:

* ServiceRequestId  "<ODS>-<referral pk>"          e.g. "RX1-42"
* LocalPatientId    "<ODS>-P<patient pk>"          e.g. "RX1-P7"
* CareContactId     "<ODS>-C<appointment pk>"      e.g. "RX1-C311"
* CareActId         "<CareContactId>-<SNOMED>"     e.g. "RX1-C311-748051000000105": one care activity
                                                      per therapy type per contact, so the pair is its key

Values are strings, as the data set carries them: dates ISO 8601 (YYYY-MM-DD), times HH:MM:SS in the
service's local time (Europe/London), and "" for an element with no value yet (e.g. ServDischDate of an
open referral, AttendOrDNACode of an appointment still waiting for its outcome).
"""

from django.utils import timezone

from steptwo.appointments.models import Appointment
from steptwo.referrals.models import Referral
from steptwo.treatment.models import SessionNote


def ids101_referral_rows(referrals):
    """IDS101Referral: one row per referral, with its discharge date and end code once discharged."""
    rows = (
        Referral.objects.filter(pk__in=_pks(referrals))
        .order_by("pk")
        .values(
            "pk", "patient_id", "patient__service__ods_code", "received_date", "source",
            "discharge__discharge_date", "discharge__end_code",
        )
    )  # fmt: skip
    return [
        {
            "ServiceRequestId": service_request_id(row["patient__service__ods_code"], row["pk"]),
            "LocalPatientId": f"{row['patient__service__ods_code']}-P{row['patient_id']}",
            "ReferralRequestReceivedDate": _date(row["received_date"]),
            "SourceOfReferralIAPT": row["source"],  # §4.6
            "ServDischDate": _date(row["discharge__discharge_date"]),
            "EndCode": row["discharge__end_code"] or "",  # §4.4
        }
        for row in rows
    ]


def ids201_care_contact_rows(referrals):
    """IDS201CareContact: one row per appointment (care contact), follow-ups after discharge included."""
    rows = (
        Appointment.objects.filter(referral__in=_pks(referrals))
        .order_by("starts_at", "pk")
        .values(
            "pk", "referral_id", "referral__patient__service__ods_code", "starts_at", "duration_minutes",
            "app_type", "attendance", "mechanism", "planned",
        )
    )  # fmt: skip
    return [_care_contact(row) for row in rows]


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


def ids202_care_activity_rows(referrals):
    """IDS202CareActivity: the SNOMED CT therapy type (§4.5) of each intervention the contact's session
    note records (SessionNote.interventions → PlannedIntervention.therapy_type); one row per distinct
    therapy type per contact. Contacts without a note have no care activity."""
    links = (
        SessionNote.interventions.through.objects.filter(sessionnote__appointment__referral__in=_pks(referrals))
        .values_list(
            "sessionnote__appointment_id", "sessionnote__appointment__referral__patient__service__ods_code",
            "plannedintervention__therapy_type",
        )
        .distinct()
        .order_by("sessionnote__appointment__starts_at", "sessionnote__appointment_id", "plannedintervention__therapy_type")
    )  # fmt: skip
    return [
        {
            "CareActId": f"{care_contact_id(ods, appointment_pk)}-{therapy_type}",
            "CareContactId": care_contact_id(ods, appointment_pk),
            "CodeProcAndProcStatus": therapy_type,
        }
        for appointment_pk, ods, therapy_type in links
    ]


def service_request_id(ods_code, referral_pk):
    return f"{ods_code}-{referral_pk}"


def care_contact_id(ods_code, appointment_pk):
    return f"{ods_code}-C{appointment_pk}"


def _pks(referrals):
    """The referrals' primary keys as a subquery, whatever ordering or annotations the queryset has."""
    return referrals.order_by().values("pk")


def _date(value):
    return value.isoformat() if value else ""
