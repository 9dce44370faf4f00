"""Code lists for the assessment: data-set lists where the data set has one, local lists otherwise."""

from django.db import models


class EmploymentStatus(models.TextChoices):
    # EmployStatus (IDS004EmpStatus), domain reference §4.7 ([NHSE-META-A] variables file).
    EMPLOYED = "01", "Employed"
    UNEMPLOYED_SEEKING_WORK = "02", "Unemployed and seeking work"
    STUDENT = "03", "Student"
    LONG_TERM_SICK_OR_DISABLED = "04", "Long-term sick or disabled, or receiving benefits"
    HOMEMAKER = "05", "Homemaker"
    NOT_WORKING_OR_SEEKING = "06", "Not receiving benefits, not working or seeking work"
    UNPAID_VOLUNTARY_WORK = "07", "Unpaid voluntary work"
    RETIRED = "08", "Retired"


class PsychotropicMedication(models.TextChoices):
    # Psychotropic medication indicator, domain reference §4.7 ([NHSE-META-A] variables file).
    PRESCRIBED_NOT_TAKING = "01", "Prescribed but not taking"
    PRESCRIBED_TAKING = "02", "Prescribed and taking"
    NOT_PRESCRIBED = "03", "Not prescribed"


class Decision(models.TextChoices):
    # What the assessment decided (domain reference §5.2, shared decision making). Local list: the
    # data set records the consequence (therapy type, end code), not the decision itself.
    TREAT = "treat", "Treat at step 2"
    STEP_UP = "step_up", "Step up to high-intensity therapy"
    SIGNPOST = "signpost", "Signpost to another service"
    NOT_SUITABLE = "not_suitable", "Not suitable for the service"
    DECLINED = "declined", "Patient declined the treatment offered"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
