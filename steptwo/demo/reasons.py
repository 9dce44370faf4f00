"""Short referral reasons, status-change notes and communication needs, as staff write them."""

REFERRAL_REASONS = [
    "Low mood since losing job",
    "Low mood and poor sleep after bereavement",
    "Constant worry about family and finances",
    "Worry about health, checking body for symptoms",
    "Panic attacks on public transport",
    "Panic attacks at work, avoiding meetings",
    "Low mood and tiredness, stopped seeing friends",
    "Anxiety since diagnosis of diabetes",
    "Struggling with stress at work",
    "Low mood after relationship breakdown",
    "Anxious in social situations, avoids eating in public",
    "Feeling overwhelmed caring for a parent",
    "Low mood after birth of second child",
    "Worry and irritability, not sleeping",
    "Anxiety about returning to work after sick leave",
    "Intrusive thoughts about harm coming to children",
    "Checking locks and appliances, taking hours to leave the house",
    "Fear of driving since a car accident",
    "Low mood with chronic back pain",
    "Anxiety and low mood with long COVID",
    "Worry about debt, low mood",
    "Feeling low since retiring",
    "Stress and low mood at university",
    "Avoiding leaving the house, worried about fainting",
    "Fear of needles, needs blood tests",
    "Fear of flying, wants to visit family abroad",
    "Low mood and loss of interest for several months",
    "Anxiety after redundancy",
    "Struggling to cope after heart attack",
    "Poor sleep for over a year",
    "Worry about making mistakes, rechecking work",
    "Low self-esteem and low mood",
    "Low mood since moving to the area, feels isolated",
    "Anxiety during pregnancy",
    "Stress from housing situation, low mood",
    "Recurrent low mood, has had help before",
    "Anger and irritability affecting family life",
    "Health anxiety after friend's cancer diagnosis",
]

REJECTION_NOTES = [
    "Needs secondary care mental health team: referred on",
    "Currently under another mental health service",
    "Out of area: redirected to local service",
    "Primary need is drug and alcohol support: signposted",
]
COMMUNICATION_NEEDS = [
    "Prefers large print letters",
    "Dyslexia: prefers phone calls to letters",
    "Hearing impairment: prefers text messages",
    "Prefers video appointments after 5pm",
    "Uses a wheelchair: needs step-free access",
    "Visual impairment: send letters by e-mail",
]

# Languages for interpreted appointments, by name-pool (see names.POOLS).
LANGUAGES = {
    "european": ["Polish", "Romanian", "Lithuanian", "Portuguese", "Bulgarian"],
    "indian": ["Punjabi", "Gujarati", "Hindi"],
    "pakistani_bangladeshi": ["Urdu", "Bengali (Sylheti)", "Punjabi"],
    "black_african": ["Somali", "Tigrinya", "Arabic", "French"],
    "chinese": ["Mandarin", "Cantonese"],
    "middle_eastern": ["Arabic", "Farsi", "Kurdish (Sorani)", "Turkish", "Pashto"],
}

# What the practitioner recorded on reviewing risk after PHQ-9 question 9 was answered above "Not at all".
RISK_REVIEW_OUTCOMES = [
    "Discussed in session: passive thoughts, no plan or intent; safety plan reviewed",
    "Spoke to patient by phone: fleeting thoughts, no plan; protective factors children and partner",
    "Risk assessed in session: no intent, crisis numbers given, discussed at case management supervision",
    "Passive thoughts when low; no plan or history of self-harm; safety plan updated with patient",
    "Phoned same day: thoughts have eased, no plan or intent; GP informed with consent",
    "Assessed in session: thoughts linked to sleep and stress at work, no intent; agreed to call crisis line if worse",
    "Reviewed with supervisor: risk low, continue step 2 with weekly risk check",
]
# Why a questionnaire entered by staff was marked as entered in error and corrected. {number}: question.
CORRECTION_REASONS = [
    "Question {number} keyed wrongly from the paper form",
    "Patient's answer to question {number} entered in the wrong column",
    "Patient clarified question {number} at the next session: answer corrected",
    "Typing error on question {number}",
]
