"""Data-set code lists for care contacts (NHS Talking Therapies data set, IDS201CareContact)."""

from django.db import models


class AppType(models.TextChoices):
    # AppType, domain reference §4.2 ([NHSE-SQL] `2.16 IET_SubICB...`; [NHSE-META-M] M099, M1011).
    # The labels of 01 and 05 are unsourced there; the codes are what count.
    ASSESSMENT = "01", "Assessment"
    TREATMENT = "02", "Treatment"
    ASSESSMENT_AND_TREATMENT = "03", "Assessment and treatment"
    REVIEW_AND_TREATMENT = "05", "Review and treatment"
    FOLLOW_UP = "06", "Follow-up (after discharge)"
    EMPLOYMENT_SUPPORT = "10", "Employment support"


# Appointment types that count as treatment ([NHSE-SQL]: "treatment based appt" 02, 03, 05).
# Follow-ups (06) never count as treatment.
TREATMENT_APP_TYPES = (AppType.TREATMENT, AppType.ASSESSMENT_AND_TREATMENT, AppType.REVIEW_AND_TREATMENT)
ASSESSMENT_APP_TYPES = (AppType.ASSESSMENT, AppType.ASSESSMENT_AND_TREATMENT)


class ConsMechanism(models.TextChoices):
    # ConsMechanism (v2.1), domain reference §4.3 ([NHSE-META-A] variables file). The v2.0-only
    # codes 03, 06 and 08 are left out: new contacts are recorded in v2.1.
    FACE_TO_FACE = "01", "Face to face"
    TELEPHONE = "02", "Telephone"
    TALK_TYPE = "04", "Talk type for a person unable to speak"
    EMAIL = "05", "Email"
    TEXT_MESSAGE = "09", "Text message (asynchronous)"
    INSTANT_MESSAGING = "10", "Instant messaging (synchronous)"
    VIDEO = "11", "Video consultation"
    MESSAGE_BOARD = "12", "Message board (asynchronous)"
    CHAT_ROOM = "13", "Chat room (synchronous)"
    OTHER = "98", "Other"


class AttendOrDNACode(models.TextChoices):
    # AttendOrDNACode, domain reference §3.1 ([NHSE-SQL] LTC dashboard labels; [NHSE-META-M] M083-M088).
    ATTENDED = "5", "Attended"
    ATTENDED_LATE = "6", "Arrived late but was seen"
    DID_NOT_ATTEND = "3", "Did not attend (no advance warning)"
    CANCELLED_BY_PATIENT = "2", "Cancelled by the patient"
    CANCELLED_BY_SERVICE = "4", "Cancelled or postponed by the service"
    LATE_NOT_SEEN = "7", "Arrived late and could not be seen"


# "Attended" in the national measures = 5 or 6 (or an unplanned contact), domain reference §3.1.
ATTENDED_CODES = (AttendOrDNACode.ATTENDED, AttendOrDNACode.ATTENDED_LATE)
