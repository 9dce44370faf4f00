"""Low-intensity interventions (local list) and the data-set therapy types they are recorded as."""

from django.db import models


class TherapyType(models.TextChoices):
    # CodeProcAndProcStatus (IDS202CareActivity), SNOMED CT, domain reference §4.5 ([NHSE-META-A]
    # variables file; [NHSE-SQL] `2.13 Dashboard_Apps_Primary_Loop.sql`). Low-intensity codes only,
    # plus employment support: step 2 does not record high-intensity therapies.
    GUIDED_SELF_HELP_BOOK = "748051000000105", "Guided self-help (book)"
    NON_GUIDED_SELF_HELP_BOOK = "748101000000105", "Non-guided self-help (book)"
    GUIDED_SELF_HELP_COMPUTER = "748041000000107", "Guided self-help (computer)"
    NON_GUIDED_SELF_HELP_COMPUTER = "748091000000102", "Non-guided self-help (computer)"
    STRUCTURED_PHYSICAL_ACTIVITY = "748061000000108", "Structured physical activity"
    PSYCHOEDUCATIONAL_PEER_SUPPORT = "702545008", "Psychoeducational peer support (groups)"
    OTHER_LOW_INTENSITY = "1026111000000108", "Other low intensity"
    SIGNPOSTING = "975131000000104", "(Community) signposting"
    EMPLOYMENT_SUPPORT = "1098051000000103", "Employment support"


class Intervention(models.TextChoices):
    # The PWP techniques (domain reference §5.1; unsourced there: Reach Out / PWP national curriculum).
    # The data set has no code for a technique, only for how it is delivered (§4.5), so these are local.
    BEHAVIOURAL_ACTIVATION = "behavioural_activation", "Behavioural activation"
    COGNITIVE_RESTRUCTURING = "cognitive_restructuring", "Cognitive restructuring"
    WORRY_MANAGEMENT = "worry_management", "Worry management"
    PROBLEM_SOLVING = "problem_solving", "Problem solving"
    SLEEP_HYGIENE = "sleep_hygiene", "Sleep hygiene"
    EXPOSURE = "exposure", "Graded exposure"
    EXPOSURE_RESPONSE_PREVENTION = "erp", "Exposure and response prevention"
    PANIC_MANAGEMENT = "panic_management", "Panic management"
    MEDICATION_SUPPORT = "medication_support", "Medication management support"
    COMPUTERISED_CBT = "computerised_cbt", "Computerised CBT support"
    PSYCHOEDUCATION_GROUP = "psychoeducation_group", "Psychoeducation group"
    SIGNPOSTING = "signposting", "Signposting"
    # Care activities imported from another system's data set (manage.py import_dataset): the data set
    # records how treatment was delivered, not the technique. Never offered on a form (CHOSEN_INTERVENTIONS).
    IMPORTED = "imported", "Imported from the previous system (technique not recorded)"


# The techniques a clinician chooses from on a plan or a step 2 decision.
CHOSEN_INTERVENTIONS = [(value, label) for value, label in Intervention.choices if value != Intervention.IMPORTED]


# The therapy type each technique is recorded as by default. A PWP may choose another low-intensity type
# for a planned intervention (e.g. book vs computer), which is stored on the plan.
DEFAULT_THERAPY_TYPE = {
    Intervention.BEHAVIOURAL_ACTIVATION: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.COGNITIVE_RESTRUCTURING: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.WORRY_MANAGEMENT: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.PROBLEM_SOLVING: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.SLEEP_HYGIENE: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.EXPOSURE: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.EXPOSURE_RESPONSE_PREVENTION: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.PANIC_MANAGEMENT: TherapyType.GUIDED_SELF_HELP_BOOK,
    Intervention.MEDICATION_SUPPORT: TherapyType.OTHER_LOW_INTENSITY,
    Intervention.COMPUTERISED_CBT: TherapyType.GUIDED_SELF_HELP_COMPUTER,
    Intervention.PSYCHOEDUCATION_GROUP: TherapyType.PSYCHOEDUCATIONAL_PEER_SUPPORT,
    Intervention.SIGNPOSTING: TherapyType.SIGNPOSTING,
}


class NoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting supervisor sign-off"
    FINAL = "final", "Final"


# The therapy types a step 2 plan may record (domain reference §4.5, "Low" rows): a PWP may choose one
# of these instead of an intervention's default, never a high-intensity type or employment support.
LOW_INTENSITY_THERAPY_TYPES = (
    TherapyType.GUIDED_SELF_HELP_BOOK, TherapyType.NON_GUIDED_SELF_HELP_BOOK, TherapyType.GUIDED_SELF_HELP_COMPUTER,
    TherapyType.NON_GUIDED_SELF_HELP_COMPUTER, TherapyType.STRUCTURED_PHYSICAL_ACTIVITY,
    TherapyType.PSYCHOEDUCATIONAL_PEER_SUPPORT, TherapyType.OTHER_LOW_INTENSITY, TherapyType.SIGNPOSTING,
)  # fmt: skip
