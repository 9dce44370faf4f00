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


class ReferralStatus(models.TextChoices):
    INCOMING = "incoming", "Awaiting triage"
    WAITING = "waiting", "On the waiting list"
    IN_TREATMENT = "in_treatment", "In treatment"
    DISCHARGED = "discharged", "Discharged"
    REJECTED = "rejected", "Rejected"


# Which status may follow which. The PWP pathway (assessment, treatment, discharge) builds on this.
ALLOWED_TRANSITIONS = {
    ReferralStatus.INCOMING: {ReferralStatus.WAITING, ReferralStatus.REJECTED},
    ReferralStatus.WAITING: {ReferralStatus.IN_TREATMENT, ReferralStatus.DISCHARGED},
    ReferralStatus.IN_TREATMENT: {ReferralStatus.DISCHARGED},
    ReferralStatus.DISCHARGED: set(),
    ReferralStatus.REJECTED: set(),
}
OPEN_STATUSES = (ReferralStatus.INCOMING, ReferralStatus.WAITING, ReferralStatus.IN_TREATMENT)
