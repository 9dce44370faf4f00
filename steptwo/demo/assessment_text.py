"""Short phrases for the structured step 2 assessment (domain reference §5.2), as a PWP writes them.

Invented, and kept small: one bank per family of presenting problem, chosen from the primary
problem descriptor (FAMILY_OF_CODE), plus banks shared by every family.
"""

FAMILY_OF_CODE = {
    "F32": "low_mood", "F33": "low_mood", "F41.2": "low_mood", "F41.1": "worry", "F41.0": "panic",
    "F40.0": "panic", "F40.1": "social", "F42": "ocd", "F45.2": "health", "F40.2": "phobia",
    "F43.1": "trauma", "83482000": "social", "723916001": "health",
}  # fmt: skip

BY_FAMILY = {
    "low_mood": {
        "own_words": [
            "I just feel flat all the time and can't be bothered with anything",
            "Everything feels like too much effort and I've stopped enjoying things",
            "I feel low most days and I'm letting everyone down",
        ],
        "statement": [
            (
                "Low mood and loss of interest most days, leading to withdrawal from activities and "
                "friends, which keeps the mood low"
            ),
            (
                "Tiredness and low motivation, stopped routine and pleasurable activities, feels worse "
                "about self as a result"
            ),
        ],
        "what": [
            "Stays in bed late, skips meals, has stopped going to the gym",
            "Cancels plans, spends evenings alone",
        ],
        "thoughts": [
            "'What's the point', 'I'm useless', 'Things won't get better'",
            "'I'm a burden', 'I should be coping better'",
        ],
        "behaviours": [
            "Withdrawing from friends, staying in bed, putting off chores",
            "Avoids phone calls, stopped hobbies",
        ],
        "physical": ["Tired, poor sleep with early waking, low appetite", "Sleeping too much, no energy"],
        "emotions": ["Sad, empty, guilty", "Low, irritable, numb"],
        "maintaining": [
            "Less activity means fewer rewarding experiences; rumination in the evenings",
            "Avoidance of people removes support and confirms 'nobody cares'",
        ],
        "goals": [
            "Go for a walk three times a week",
            "Meet a friend for coffee once a week",
            "Get up by 8am on weekdays",
            "Cook an evening meal most days",
            "Return to the gym",
        ],
    },
    "worry": {
        "own_words": [
            "I can't switch my mind off, I worry about everything",
            "I'm constantly on edge thinking something bad will happen",
        ],
        "statement": [
            (
                "Excessive worry about family, money and work most days, with tension and poor sleep, "
                "kept going by reassurance seeking and overplanning"
            ),
            "Uncontrollable worry about 'what ifs', avoids uncertainty, feels exhausted",
        ],
        "what": ["Worries for hours about family safety and bills", "Checks on children by text many times a day"],
        "thoughts": [
            "'What if something happens to them', 'I won't cope'",
            "'If I stop worrying something bad will happen'",
        ],
        "behaviours": [
            "Seeks reassurance from partner, makes lists, avoids the news",
            "Over-prepares at work, stays late to double-check",
        ],
        "physical": ["Muscle tension, headaches, difficulty falling asleep", "Restless, stomach churning"],
        "emotions": ["Anxious, irritable, overwhelmed", "Tense, on edge"],
        "maintaining": [
            "Believes worry is useful; reassurance brings short relief",
            "Avoiding uncertainty stops learning that things turn out all right",
        ],
        "goals": [
            "Worry less in the evenings",
            "Fall asleep within half an hour",
            "Let the children walk to school alone",
            "Stop checking my bank balance several times a day",
        ],
    },
    "panic": {
        "own_words": [
            "I get attacks where I think I'm having a heart attack",
            "I'm scared to go out in case I panic and can't get away",
        ],
        "statement": [
            (
                "Panic attacks several times a week with fear of collapsing, avoiding buses and "
                "supermarkets, which keeps the fear going"
            ),
            "Sudden surges of fear with racing heart, escapes situations and now avoids going out alone",
        ],
        "what": ["Racing heart and dizziness in queues, leaves the shop", "Attacks on the bus to work"],
        "thoughts": [
            "'I'm going to faint', 'I'm having a heart attack'",
            "'I'll lose control and make a fool of myself'",
        ],
        "behaviours": [
            "Avoids buses, sits near exits, carries water and tablets",
            "Only goes out with partner, online shopping",
        ],
        "physical": ["Palpitations, breathlessness, dizziness, tingling", "Chest tightness, sweating, shaking"],
        "emotions": ["Terrified, anxious, embarrassed", "Frightened, frustrated"],
        "maintaining": [
            "Safety behaviours and escape stop the catastrophic belief being tested",
            "Watching body for symptoms makes them more noticeable",
        ],
        "goals": ["Take the bus to town on my own", "Do the weekly food shop", "Stay in a meeting without leaving"],
    },
    "social": {
        "own_words": ["I'm terrified people will judge me", "I go red and shake when people look at me"],
        "statement": [
            (
                "Fear of negative evaluation in social situations, avoids speaking up and eating in front "
                "of others, which limits work and friendships"
            )
        ],
        "what": ["Avoids meetings and work socials, rehearses what to say", "Won't eat in the canteen"],
        "thoughts": ["'They'll think I'm stupid', 'Everyone can see I'm anxious'"],
        "behaviours": ["Avoids eye contact, rehearses sentences, leaves early", "Stays quiet in groups"],
        "physical": ["Blushing, shaking, mind going blank", "Sweating, dry mouth"],
        "emotions": ["Anxious, ashamed, lonely"],
        "maintaining": ["Self-focused attention and safety behaviours; post-event rumination"],
        "goals": ["Speak once in the team meeting", "Eat lunch with colleagues", "Go to a friend's party"],
    },
    "ocd": {
        "own_words": [
            "I can't leave the house until I've checked everything over and over",
            "I get horrible thoughts that I might hurt someone",
        ],
        "statement": [
            (
                "Intrusive doubts about safety lead to checking for up to two hours a day, making "
                "the patient late and distressed"
            )
        ],
        "what": ["Checks locks, taps and the cooker before leaving", "Washes hands after touching door handles"],
        "thoughts": ["'If I don't check, the house will burn down and it will be my fault'"],
        "behaviours": ["Checking, counting, asking partner for reassurance", "Avoids using the cooker"],
        "physical": ["Tension, tiredness from late nights checking"],
        "emotions": ["Anxious, guilty, frustrated"],
        "maintaining": ["Checking reduces anxiety briefly and strengthens the doubt; inflated responsibility"],
        "goals": ["Leave the house after checking once", "Cut checking to ten minutes a day", "Cook a meal alone"],
    },
    "health": {
        "own_words": [
            "I'm convinced something is seriously wrong with me",
            "I keep checking my body and googling symptoms",
        ],
        "statement": [
            (
                "Preoccupation with having a serious illness, checking and reassurance seeking from GP "
                "and internet, which keeps the worry going"
            )
        ],
        "what": ["Checks for lumps daily, reads about symptoms online", "Frequent GP appointments for reassurance"],
        "thoughts": ["'The doctors have missed something', 'This headache is a tumour'"],
        "behaviours": ["Body checking, internet searches, avoids health programmes"],
        "physical": ["Noticing aches and tingling, tension, poor sleep"],
        "emotions": ["Anxious, frightened, low at times"],
        "maintaining": ["Checking and reassurance give short relief and keep attention on the body"],
        "goals": ["Stop searching symptoms online", "Check my body once a week at most", "Watch a hospital drama"],
    },
    "phobia": {
        "own_words": ["I can't go near needles, I faint", "I'm so scared of flying that I've missed family events"],
        "statement": ["Intense fear of a specific situation, avoided at a cost to health or family life"],
        "what": ["Avoids blood tests and the dentist", "Has not flown for ten years"],
        "thoughts": ["'I'll faint and make a scene', 'It will be unbearable'"],
        "behaviours": ["Avoidance, cancels appointments"],
        "physical": ["Light-headed, nausea, shaking"],
        "emotions": ["Terrified, embarrassed"],
        "maintaining": ["Avoidance means the fear is never tested"],
        "goals": ["Have a blood test", "Book a short flight", "Go to the dentist for a check-up"],
    },
    "trauma": {
        "own_words": ["I keep reliving the accident", "I can't stop the flashbacks"],
        "statement": [
            (
                "Intrusive memories and nightmares since a traumatic event, with avoidance of reminders "
                "and feeling on guard"
            )
        ],
        "what": ["Flashbacks when driving, avoids the road where it happened", "Nightmares most nights"],
        "thoughts": ["'It could happen again at any moment', 'I should have done something'"],
        "behaviours": ["Avoids driving and reminders, on guard in public"],
        "physical": ["Startles easily, poor sleep, racing heart"],
        "emotions": ["Fear, guilt, anger"],
        "maintaining": ["Avoidance of memories and reminders stops the memory being processed"],
        "goals": ["Drive to work", "Sleep through the night most nights"],
    },
}

SHARED = {
    "where": ["At home and at work", "Mostly at home", "In shops and on public transport", "At work"],
    "with_whom": ["Worse when alone", "Worse with colleagues", "Better with partner", "With family"],
    "when": ["Most days, worst in the evenings", "Every morning", "Several times a week", "Most of the day"],
    "why_now": [
        "GP suggested it after a recent appointment",
        "Partner encouraged them to refer",
        "It is starting to affect work",
        "Had a difficult few weeks and decided to ask for help",
    ],
    "onset": [
        "About six months ago",
        "Gradually over the past year",
        "After a stressful period at work last year",
        "On and off for several years, worse recently",
    ],
    "triggers": [
        "Work pressure and money worries",
        "A bereavement last year",
        "Relationship ending",
        "Health problems",
        "Caring responsibilities",
    ],
    "impact_on_work": [
        "Off sick for two weeks",
        "Struggling to concentrate at work",
        "Not working",
        "Managing at work but exhausted",
        "Reduced hours",
    ],
    "impact_on_home": [
        "Housework piling up",
        "Arguing more with partner",
        "Managing at home with help",
        "Less patient with the children",
    ],
    "impact_on_social_life": [
        "Stopped seeing friends",
        "Rarely goes out",
        "Still sees close family",
        "Avoids social events",
    ],
    "medication_details": [
        "Sertraline 50mg daily",
        "Citalopram 20mg daily",
        "Mirtazapine 15mg at night",
        "Fluoxetine 20mg daily",
    ],
    "long_term_conditions": ["Type 2 diabetes", "Asthma", "Chronic back pain", "High blood pressure", "IBS"],
}

DECISION_REASONS = {
    "treat": [
        "Mild to moderate symptoms suitable for step 2; patient chose guided self-help",
        "Suitable for low-intensity CBT; agreed a plan and goals",
        "Discussed options: patient prefers telephone guided self-help",
    ],
    "step_up": [
        "Severity and complexity above step 2: discussed in supervision, stepping up to high intensity",
        "PTSD: trauma-focused therapy is high intensity",
        "Previous step 2 treatment did not help",
    ],
    "signpost": ["Main need is practical support: signposted with agreement", "Needs are social rather than clinical"],
    "not_suitable": [
        "Needs secondary care mental health assessment: referred back to GP",
        "Presentation outside the service's remit: GP informed",
    ],
    "declined": [
        "Offered guided self-help: patient does not want it at present",
        "Patient declined treatment offered, will re-refer if needed",
    ],
}

# Risk assessment (domain reference §5.2): details by overall level, protective factors and plans.
SUICIDAL_THOUGHTS = {
    "low": ["Fleeting thoughts of not wanting to wake up, none recently", "Passive thoughts when very low, no plan"],
    "moderate": [
        "Frequent passive thoughts, occasional thoughts of how, no intent",
        "Thoughts of ending life when stressed, pushes them away",
    ],
    "high": ["Daily thoughts of ending life, has thought about a method", "Thoughts with some planning this week"],
}
PAST_ACTIONS = ["Overdose ten years ago, no attempts since", "Self-harm (cutting) as a teenager"]
PROTECTIVE_FACTORS = [
    "Children and partner",
    "Close to their mother, pets",
    "Religious faith, job they value",
    "Supportive friends, wants to get better",
    "Plans for the future, family",
]
RISK_FROM_OTHERS = [
    "Discloses controlling behaviour by ex-partner: safeguarding advice given",
    "Historic domestic abuse, now safe",
]
MANAGEMENT_PLANS = {
    "low": [
        "No current risk concerns. Crisis numbers given; risk reviewed at each session",
        "Low risk. Safety information given; review at each contact with PHQ-9 question 9",
    ],
    "moderate": [
        "Safety plan agreed; crisis line and GP details given; discuss at supervision this week",
        "Safety plan reviewed; weekly risk check at sessions; GP informed with consent",
    ],
    "high": [
        "Discussed with supervisor same day; crisis team contacted; safety plan agreed; GP informed",
        "Same-day referral to crisis team with consent; supervisor informed; follow-up call tomorrow",
    ],
}
