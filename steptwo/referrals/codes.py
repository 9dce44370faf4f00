"""Data-set code lists for referrals (NHS Talking Therapies data set, IDS101Referral)."""

from django.db import models


class SourceOfReferral(models.TextChoices):
    # SourceOfReferralIAPT, domain reference §4.6 ([NHSE-SQL] `Step 1 - LTC (Q).sql`).
    GP = "A1", "GP practice"
    HEALTH_VISITOR = "A2", "Health visitor"
    OTHER_PRIMARY_CARE = "A3", "Other primary health care"
    MATERNITY = "A4", "Maternity service"
    SELF = "B1", "Self-referral"
    CARER = "B2", "Carer or relative"
    SOCIAL_SERVICES = "C1", "Social services"
    EDUCATION = "C2", "Education service"
    HOUSING = "C3", "Housing service"
    EMPLOYER = "D1", "Employer"
    OCCUPATIONAL_HEALTH = "D2", "Occupational health"
    POLICE = "E1", "Justice system: police"
    COURTS = "E2", "Justice system: courts"
    PROBATION = "E3", "Justice system: probation service"
    PRISON = "E4", "Justice system: prison"
    LIAISON_DIVERSION = "E5", "Justice system: court liaison and diversion service"
    YOUTH_OFFENDING = "E6", "Justice system: youth offending team"
    SCHOOL_NURSE = "F1", "Child health: school nurse"
    HOSPITAL_PAEDIATRICS = "F2", "Child health: hospital-based paediatrics"
    COMMUNITY_PAEDIATRICS = "F3", "Child health: community-based paediatrics"
    INDEPENDENT_MEDIUM_SECURE = "G1", "Independent sector: medium secure inpatients"
    INDEPENDENT_LOW_SECURE = "G2", "Independent sector: low secure inpatients"
    INDEPENDENT_OTHER = "G3", "Other independent sector mental health service"
    VOLUNTARY_SECTOR = "G4", "Voluntary sector"
    ACCIDENT_EMERGENCY = "H1", "Accident and emergency department"
    OTHER_SECONDARY_CARE = "H2", "Other secondary care specialty"
    TEMPORARY_TRANSFER = "I1", "Temporary transfer from another mental health trust"
    PERMANENT_TRANSFER = "I2", "Permanent transfer from another mental health trust"
    ASYLUM_SERVICES = "M1", "Asylum services"
    TELEPHONE_OR_ELECTRONIC = "M2", "Telephone or electronic access service"
    OUT_OF_AREA = "M3", "Out of area agency"
    DRUG_ALCOHOL = "M4", "Drug action team or drug misuse agency"
    JOBCENTRE_PLUS = "M5", "Jobcentre Plus"
    OTHER = "M6", "Other service or agency"
    SINGLE_POINT_OF_ACCESS = "M7", "Single point of access service"
    DEBT_AGENCY = "M8", "Debt agency"
    STEPPED_UP = "N1", "Stepped up from low-intensity NHS Talking Therapies"
    STEPPED_DOWN = "N2", "Stepped down from high-intensity NHS Talking Therapies"
    OTHER_TALKING_THERAPIES = "N4", "Other NHS Talking Therapies service"
    INTERNAL = "P1", "Internal referral"
    DROP_IN = "Q1", "Mental health drop-in service"


class IncomingStatus(models.TextChoices):
    NEW = "new", "Awaiting triage"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ReferralStatus(models.TextChoices):
    # A Referral exists once triage has accepted it (IncomingReferral holds it before then).
    WAITING = "waiting", "Waiting for assessment"
    ASSESSED = "assessed", "Assessed, decision pending"
    IN_TREATMENT = "in_treatment", "In step 2 treatment"
    STEPPED_UP = "stepped_up", "Stepped up to high intensity"
    DISCHARGED = "discharged", "Discharged"


# The referral state machine: which status may follow which (referrals.services.change_status).
ALLOWED_TRANSITIONS = {
    ReferralStatus.WAITING: {
        ReferralStatus.ASSESSED, ReferralStatus.IN_TREATMENT, ReferralStatus.STEPPED_UP, ReferralStatus.DISCHARGED,
    },
    ReferralStatus.ASSESSED: {ReferralStatus.IN_TREATMENT, ReferralStatus.STEPPED_UP, ReferralStatus.DISCHARGED},
    ReferralStatus.IN_TREATMENT: {ReferralStatus.STEPPED_UP, ReferralStatus.DISCHARGED},
    ReferralStatus.STEPPED_UP: {ReferralStatus.DISCHARGED},
    ReferralStatus.DISCHARGED: set(),
}  # fmt: skip
OPEN_STATUSES = (
    ReferralStatus.WAITING, ReferralStatus.ASSESSED, ReferralStatus.IN_TREATMENT, ReferralStatus.STEPPED_UP,
)  # fmt: skip
# Open referrals a step 2 practitioner works on (stepped-up ones belong to high intensity).
STEP_2_STATUSES = (ReferralStatus.WAITING, ReferralStatus.ASSESSED, ReferralStatus.IN_TREATMENT)


class EndCodeGroup(models.TextChoices):
    NOT_SEEN = "not_seen", "Referred but not seen"
    SEEN_NOT_TREATED = "seen_not_treated", "Seen but not taken on for a course of treatment"
    TREATED = "treated", "Seen and taken on for a course of treatment"


class EndCode(models.TextChoices):
    # EndCode (IDS101Referral), data set v2.x, domain reference §4.4
    # ([NHSE-SQL] 20231128_Preferred_Languages_All_Tables.sql; [NHSE-META-M] M057-M072).
    NOT_ASSESSED = "50", "Not assessed"
    NOT_SUITABLE_NO_ACTION = "10", "Not suitable: no action taken or directed back to referrer"
    NOT_SUITABLE_SIGNPOSTED = "11", "Not suitable: signposted elsewhere with mutual agreement of patient"
    ADVICE_AND_SUPPORT = "12", "Discharged by mutual agreement following advice and support"
    REFERRED_TO_OTHER_THERAPY = "13", "Referred to another therapy service by mutual agreement"
    DECLINED = "14", "Suitable, but patient declined treatment that was offered"
    INCOMPLETE_ASSESSMENT = "16", "Incomplete assessment (patient dropped out)"
    DECEASED_NOT_TREATED = "17", "Deceased (seen but not taken on)"
    NOT_KNOWN_NOT_TREATED = "95", "Not known (seen but not taken on)"
    COMPLETED = "46", "Mutually agreed completion of treatment"
    ENDED_BY_PROFESSIONAL = "47", "Termination of treatment earlier than care professional planned"
    ENDED_BY_PATIENT = "48", "Termination of treatment earlier than patient requested"
    DECEASED_TREATED = "49", "Deceased (seen and taken on)"
    NOT_KNOWN_TREATED = "96", "Not known (seen and taken on)"


END_CODE_GROUPS = {
    EndCodeGroup.NOT_SEEN: (EndCode.NOT_ASSESSED,),
    EndCodeGroup.SEEN_NOT_TREATED: (
        EndCode.NOT_SUITABLE_NO_ACTION, EndCode.NOT_SUITABLE_SIGNPOSTED, EndCode.ADVICE_AND_SUPPORT,
        EndCode.REFERRED_TO_OTHER_THERAPY, EndCode.DECLINED, EndCode.INCOMPLETE_ASSESSMENT,
        EndCode.DECEASED_NOT_TREATED, EndCode.NOT_KNOWN_NOT_TREATED,
    ),
    EndCodeGroup.TREATED: (
        EndCode.COMPLETED, EndCode.ENDED_BY_PROFESSIONAL, EndCode.ENDED_BY_PATIENT, EndCode.DECEASED_TREATED,
        EndCode.NOT_KNOWN_TREATED,
    ),
}  # fmt: skip


class RiskLevel(models.TextChoices):
    # The overall level a clinician sets in a risk assessment. Local scale: the data set has no risk code.
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
