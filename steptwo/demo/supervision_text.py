"""Phrases for supervision records: session notes, what was said about each case, and the actions agreed.

Case-management supervision reviews the caseload with the outcome measures and looks first at risk,
patients not improving, and step-up and discharge decisions; clinical-skills supervision works on how
the interventions are delivered (domain reference §5). Written as a supervisor would write them.
"""

CASE_MANAGEMENT_NOTES = [
    "Caseload reviewed with the latest PHQ-9 and GAD-7 scores; risk cases first.",
    "Reviewed the cases on the list and new assessments. Caseload manageable.",
    "Went through risk, cases not improving and those near the end of treatment.",
    "Caseload review. Discussed pacing of sessions and keeping on top of letters.",
    "Reviewed outcome measures for all open cases; agreed priorities for the week.",
    "Short session: priority cases only, the rest next week.",
]
CLINICAL_SKILLS_TOPICS = [
    "Clinical skills: role-played activity scheduling for behavioural activation, working with low motivation.",
    "Clinical skills: worry time and the worry decision tree; reviewed a recording of a session.",
    "Clinical skills: setting up graded exposure hierarchies; keeping within the step 2 remit.",
    "Clinical skills: thought records in cognitive restructuring, and socratic questions.",
    "Clinical skills: problem solving, breaking problems down with patients who feel stuck.",
    "Clinical skills: sleep diaries and stimulus control for insomnia.",
    "Clinical skills: engagement on the telephone and keeping sessions to 30 minutes.",
    "Clinical skills: explaining the PHQ-9 and GAD-7 to patients and using scores in session.",
    "Clinical skills: panic cycle formulation and behavioural experiments.",
    "Clinical skills: endings and relapse prevention blueprints.",
]

DISCUSSION_NOTES = {
    "step_up": [
        "Not improving after an adequate dose of guided self-help; agreed to offer high-intensity CBT.",
        "Presentation more complex than at assessment. Agreed step up to high intensity.",
        "Patient prefers face-to-face therapy and scores not moving. Step up agreed.",
    ],
    "discharge_completed": [
        "Scores below caseness for two sessions and goals met. Plan to discharge with a relapse prevention plan.",
        "Good progress; agreed final session and discharge.",
        "Ready to end treatment. Discharge at the next session, blueprint to be completed together.",
    ],
    "discharge_dropped": [
        "Patient has stopped engaging. Send opt-in letter and discharge if no reply.",
        "Missed sessions and no reply to calls. Agreed discharge with a letter to the GP.",
    ],
    "discharge_not_treated": [
        "Step 2 not the right fit; agreed to signpost and discharge.",
        "Patient declined treatment after reflecting on the options. Discharge and write to the GP.",
        "Needs are outside the service's remit. Agreed onward signposting and discharge.",
    ],
    "start": [
        "New assessment. Agreed guided self-help at step 2.",
        "Assessment reviewed; suitable for step 2. Start treatment.",
        "Discussed assessment and risk plan; agreed step 2 treatment.",
    ],
    "risk": [
        "Risk raised since last discussed. Reviewed the risk assessment and safety plan.",
        "PHQ-9 question 9 endorsed. PWP to review risk with the patient; safety plan in place.",
        "Risk discussed. No plans or intent; protective factors strong. Keep under weekly review.",
    ],
    "change_intervention": [
        "Current intervention not a good fit. Agreed to change the intervention.",
        "Little progress with the current approach; switching intervention.",
    ],
    "missed": [
        "Two missed appointments in a row. Opt-in letter to be sent.",
        "Missed sessions; try to re-engage by phone and letter.",
    ],
    "not_improving": [
        "Scores not moving. Review formulation; consider step up if no change in two sessions.",
        "No reliable improvement yet. Check homework is being done; review at the next supervision.",
        "Scores worse. Explored what is maintaining it; continue and review next week.",
    ],
    "long_course": [
        "Long course. Agreed to plan the ending over the next sessions.",
    ],
    "no_contact": [
        "No contact for several weeks. PWP to phone the patient and rebook.",
    ],
    "awaiting_decision": [
        "Assessment discussed; the patient is thinking over the options. PWP to call back for a decision.",
        "Waiting for the patient to choose between guided self-help and a group. Follow up this week.",
    ],
    "continue": [
        "Progressing as expected. Continue as planned.",
        "Engaged and doing the homework. Continue.",
        "Early days; scores stable. Continue and review.",
        "Improving on PHQ-9 and GAD-7. Continue with the current plan.",
    ],
}

ACTIONS = {
    "step_up": "Discuss stepping up with the patient and make the high-intensity referral",
    "check_hi_wait": "Check the high-intensity waiting time and let the PWP know",
    "discharge_completed": "Agree the ending with the patient, complete the relapse prevention plan and discharge",
    "discharge_dropped": "Send an opt-in letter; discharge if no reply within two weeks",
    "discharge_not_treated": "Give signposting information, discharge and write to the GP",
    "start": "Book the first treatment session",
    "risk": "Phone the patient to review risk and update the risk assessment",
    "risk_plan": "Share the updated safety plan with the patient",
    "change_intervention": "Agree the new intervention with the patient at the next session",
    "missed": "Send an opt-in letter after two missed appointments",
    "not_improving": "Send PHQ-9 and GAD-7 before the next session and review the formulation",
    "no_contact": "Phone the patient to re-engage and rebook",
    "awaiting_decision": "Phone the patient to agree the treatment decision",
}

ACTION_OUTCOMES = [
    "Done.",
    "Done; noted in the record.",
    "Completed with the patient.",
    "Done. Patient agreed.",
]
CLOSED_WITH_CASE = "Case closed before this was needed."
