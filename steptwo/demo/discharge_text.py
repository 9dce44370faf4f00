"""Short phrases for discharges, step-ups and the staying-well plan, as practitioners write them."""

OUTCOME_SUMMARIES = {
    "46": [
        "Completed guided self-help; goals met and scores below caseness",
        "Completed a course of behavioural activation; relapse prevention plan shared",
        "Completed treatment: good progress, patient feels able to carry on independently",
        "Completed course; some improvement, agreed to carry on using the techniques",
    ],
    "47": [
        "Stopped attending after several sessions; no reply to calls or letter",
        "Ended treatment early by choice: feeling better and does not want further sessions",
    ],
    "48": [
        "Treatment ended early: patient moved out of area; details of local service given",
        "Ended early: now under secondary care, treatment here stopped",
    ],
}
# Why the referral ended before assessment (end code 50), by how it ended in the journey.
NOT_SEEN_SUMMARIES = {
    "opt_in": "No reply to opt-in letter and two calls",
    "dna_twice": "Did not attend assessment twice",
    "resolved": "Problems resolved before assessment: patient asked to be discharged",
    "other_service": "Chose a different service",
}
TREATMENT_DROPPED_BEFORE_START = "Did not attend treatment after assessment; no reply to calls or letter"

WARNING_SIGNS = [
    "Sleeping badly, staying in bed, cancelling plans",
    "Worrying most of the day again",
    "Avoiding going out, checking symptoms",
    "Snapping at family, not enjoying things",
]
WHAT_HELPS = [
    "Keeping up a routine and planned activities",
    "Worry time and problem solving",
    "Challenging thoughts with a thought record",
    "Staying active and seeing friends",
    "Gradually facing things rather than avoiding them",
]
SUPPORT_CONTACTS = [
    "Partner, sister; GP surgery",
    "Friend from work; GP; NHS 111 option 2 in a crisis",
    "Mum and best friend; GP",
    "Support group; GP",
]
SETBACK_PLANS = [
    "Look back at the workbook, restart the activity diary, re-refer if it lasts over two weeks",
    "Use the plan, talk to partner, contact the service to self-refer again",
    "Go back to the techniques that helped; see GP if low for more than two weeks",
]

STEP_UP_REASONS = [
    "Not improving after an adequate course of low-intensity treatment: agreed in supervision",
    "Scores rising and risk increased: stepped up to high-intensity CBT after supervision",
    "PTSD identified: trauma-focused CBT is high intensity",
    "Complexity above step 2: patient agreed to step up",
]
