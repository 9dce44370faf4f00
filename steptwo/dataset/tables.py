"""The NHS Talking Therapies data set (v2.1) tables that Step Two exports and imports, and their columns.

One CSV file per table, named "<table>.csv", with a header row of these data-set element names, in this
order (domain reference §4; issue 7 lists the minimum set). Export writes exactly these columns; import
requires them (extra columns are refused, so a typo in a header is caught rather than ignored).

Values are strings as the data set carries them: dates ISO 8601 (YYYY-MM-DD), times HH:MM:SS in the
service's local time (Europe/London), timestamps ISO 8601 with their UTC offset, codes as in §4, scores
by their SNOMED CT total codes (§8.5), "" for an element with no value. Local identifiers are made as
in steptwo.outcomes.dataset (ServiceRequestId "<ODS>-<pk>", LocalPatientId "<ODS>-P<pk>", ...).
"""

IDS001_MPI = "IDS001MPI"
IDS101_REFERRAL = "IDS101Referral"
IDS201_CARE_CONTACT = "IDS201CareContact"
IDS202_CARE_ACTIVITY = "IDS202CareActivity"
IDS603_PRESENTING_COMPLAINTS = "IDS603PresentingComplaints"
IDS606_CODED_SCORE_REFERRAL = "IDS606CodedScoreAssessmentRefer"
IDS607_CODED_SCORE_CONTACT = "IDS607CodedScoreAssessmentAct"

COLUMNS = {
    IDS001_MPI: ("LocalPatientId", "NHSNumber", "PersonBirthDate", "Gender", "EthnicCategory"),
    IDS101_REFERRAL: (
        "ServiceRequestId", "LocalPatientId", "ReferralRequestReceivedDate", "SourceOfReferralIAPT",
        "ServDischDate", "EndCode",
    ),
    IDS201_CARE_CONTACT: (
        "CareContactId", "ServiceRequestId", "CareContDate", "CareContTime", "AppType", "AttendOrDNACode",
        "ConsMechanism", "PlannedCareContIndicator", "ClinContDurOfCareCont",
    ),
    IDS202_CARE_ACTIVITY: ("CareActId", "CareContactId", "CodeProcAndProcStatus"),
    IDS603_PRESENTING_COMPLAINTS: ("ServiceRequestId", "PresComp", "PresCompCodSig", "PresCompDate"),
    IDS606_CODED_SCORE_REFERRAL: ("ServiceRequestId", "CodedAssToolType", "PersScore", "AssToolCompTimestamp"),
    IDS607_CODED_SCORE_CONTACT: ("CareContactId", "CodedAssToolType", "PersScore", "AssToolCompTimestamp"),
}  # fmt: skip

# Parents before children: the order to import (and to report errors) in.
TABLES = tuple(COLUMNS)


def file_name(table):
    return f"{table}.csv"
