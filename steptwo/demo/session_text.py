"""Short phrases for session notes, appointment outcomes and task outcomes, as practitioners write them."""

from steptwo.treatment.codes import Intervention as I

# Which intervention a PWP plans first, by family of presenting problem (assessment_text.FAMILY_OF_CODE);
# the technique list is domain reference §5.1.
FIRST_INTERVENTIONS = {
    "low_mood": {I.BEHAVIOURAL_ACTIVATION: 70, I.COGNITIVE_RESTRUCTURING: 20, I.COMPUTERISED_CBT: 10},
    "worry": {I.WORRY_MANAGEMENT: 60, I.PROBLEM_SOLVING: 20, I.COMPUTERISED_CBT: 10, I.PSYCHOEDUCATION_GROUP: 10},
    "panic": {I.PANIC_MANAGEMENT: 70, I.EXPOSURE: 30},
    "social": {I.EXPOSURE: 60, I.COGNITIVE_RESTRUCTURING: 40},
    "ocd": {I.EXPOSURE_RESPONSE_PREVENTION: 100},
    "health": {I.COGNITIVE_RESTRUCTURING: 60, I.EXPOSURE: 40},
    "phobia": {I.EXPOSURE: 100},
    "trauma": {I.COGNITIVE_RESTRUCTURING: 50, I.SLEEP_HYGIENE: 50},
}
SECOND_INTERVENTIONS = {
    I.SLEEP_HYGIENE: 45,
    I.PROBLEM_SOLVING: 25,
    I.MEDICATION_SUPPORT: 15,
    I.COGNITIVE_RESTRUCTURING: 15,
}

WORK_DONE = {
    I.BEHAVIOURAL_ACTIVATION: [
        "Reviewed activity diary; scheduled routine, pleasurable and necessary activities",
        "Built a hierarchy of avoided activities; planned two for this week",
    ],
    I.COGNITIVE_RESTRUCTURING: [
        "Identified unhelpful thoughts with a thought record; looked at the evidence",
        "Practised finding balanced alternative thoughts",
    ],
    I.WORRY_MANAGEMENT: [
        "Sorted worries into practical and hypothetical; introduced worry time",
        "Reviewed worry time; practised postponing worries",
    ],
    I.PROBLEM_SOLVING: [
        "Worked through problem solving steps for a money problem",
        "Reviewed the solution tried; planned next step",
    ],
    I.SLEEP_HYGIENE: ["Sleep diary reviewed; agreed a regular wake time and wind-down routine"],
    I.EXPOSURE: [
        "Built an exposure hierarchy; planned first step",
        "Reviewed exposure practice; moved up the hierarchy",
    ],
    I.EXPOSURE_RESPONSE_PREVENTION: [
        "Agreed ERP hierarchy; practised leaving after one check",
        "Reviewed ERP practice; anxiety fell faster this week",
    ],
    I.PANIC_MANAGEMENT: [
        "Psychoeducation on the panic cycle; behavioural experiment planned",
        "Reviewed experiment: symptoms passed without fainting",
    ],
    I.MEDICATION_SUPPORT: ["Discussed medication routine and side effects; encouraged to speak to GP"],
    I.COMPUTERISED_CBT: ["Reviewed progress on the online programme modules; set next module"],
    I.PSYCHOEDUCATION_GROUP: ["Checked in after group session; discussed what was useful"],
    I.SIGNPOSTING: ["Gave details of local support and how to contact them"],
}
HOMEWORK_REVIEWED = [
    "Completed diary most days",
    "Partly completed: busy week",
    "Not completed: discussed barriers",
    "Completed and found it helpful",
]
HOMEWORK_SET = [
    "Continue diary and two planned activities",
    "Worry time daily at 7pm",
    "Thought record twice",
    "Next step on the hierarchy three times",
    "Read the next workbook chapter",
    "Next online module",
]
NOTES = [
    "Engaged well; mood a little brighter",
    "Finding it hard this week but kept going",
    "Good progress; scores improving",
    "Tired and low; reviewed risk, no change",
    "Pleased with progress",
    "Some setbacks after a stressful week; plan adjusted",
]
HIGH_INTENSITY_NOTES = [
    "High-intensity CBT session: formulation reviewed and agreed",
    "High-intensity CBT: worked on core beliefs; homework set",
    "Trauma-focused CBT: reliving work, tolerated well",
    "High-intensity CBT: relapse prevention started",
]

CANCELLED_BY_PATIENT = [
    "Unwell",
    "Childcare problem",
    "Clashes with a work shift",
    "Hospital appointment",
    "Family emergency",
    "Forgot another commitment",
]
CANCELLED_BY_SERVICE = ["Practitioner unwell", "Practitioner on training", "Clinic room unavailable"]
DNA_FOLLOW_UPS = [
    "Phoned: patient forgot, rebooked",
    ("Phoned, no answer: left voicemail, then patient called back and rebooked"),
    "Texted and phoned: patient unwell on the day, rebooked",
    "Spoke to patient: work shift changed, rebooked at a better time",
]
DNA_NO_REPLY = [
    "No answer to two calls; letter sent asking patient to get in touch within two weeks",
    "Voicemail and letter: no reply; will discharge if no contact",
]
