"""The structured assessment, its goals, and risk assessments (domain reference §5.2).

Every referral with an attended assessment appointment has an Assessment of that appointment, filled
from small phrase banks for its family of problem (assessment_text), with the decision once made
(a draft while the decision is pending), one to three goals, and a risk assessment. Most risk is low,
some moderate, a few high, more so when PHQ-9 question 9 was endorsed at assessment or the decision
was to step up. When question 9 is endorsed in a later session the practitioner assesses risk again
there, and often records it as lower at the next session, so some levels change over time.
Referral.risk_level and risk_level_changed_at cache the newest level, as assessments.services keeps them.
"""

import datetime

from steptwo.assessments.codes import Decision, EmploymentStatus, PsychotropicMedication, YesNo
from steptwo.assessments.models import Assessment, Goal, RiskAssessment
from steptwo.demo import assessment_text as text
from steptwo.demo.db import Table
from steptwo.demo.randomness import Weighted, chance
from steptwo.referrals.codes import RiskLevel

FIELDS = (
    "id", "referral", "appointment", "problem_in_own_words", "problem_statement", "what", "where", "with_whom",
    "when", "why_now", "thoughts", "behaviours", "physical_symptoms", "emotions", "onset", "triggers",
    "maintaining_factors", "impact_on_work", "impact_on_home", "impact_on_social_life", "medication",
    "medication_details", "employment_status", "long_term_conditions", "decision", "decision_reason",
    "completed_at", "completed_by", "created_at", "created_by", "version",
)  # fmt: skip
GOAL_FIELDS = ("assessment", "description", "rating", "position")
RISK_FIELDS = (
    "referral", "assessment", "suicidal_thoughts", "suicidal_thoughts_details", "intent", "plans", "past_actions",
    "past_actions_details", "hopelessness", "protective_factors", "self_neglect", "self_neglect_details",
    "risk_to_others", "risk_to_others_details", "risk_from_others", "risk_from_others_details", "level",
    "management_plan", "recorded_at", "recorded_by",
)  # fmt: skip

EMPLOYMENT = Weighted({
    EmploymentStatus.EMPLOYED: 55, EmploymentStatus.UNEMPLOYED_SEEKING_WORK: 10, EmploymentStatus.STUDENT: 7,
    EmploymentStatus.LONG_TERM_SICK_OR_DISABLED: 9, EmploymentStatus.HOMEMAKER: 5,
    EmploymentStatus.NOT_WORKING_OR_SEEKING: 3, EmploymentStatus.UNPAID_VOLUNTARY_WORK: 1,
})  # fmt: skip
RETIRED_FROM_AGE = 66
MEDICATION = Weighted({PsychotropicMedication.NOT_PRESCRIBED: 55, PsychotropicMedication.PRESCRIBED_TAKING: 35,
                       PsychotropicMedication.PRESCRIBED_NOT_TAKING: 10})  # fmt: skip
LONG_TERM_CONDITION = 0.25
GOALS = Weighted({1: 25, 2: 50, 3: 25})
LOW, MODERATE, HIGH = RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH
RISK_AT_ASSESSMENT = {
    "usual": Weighted({LOW: 78, MODERATE: 19, HIGH: 3}),
    "question_9": Weighted({LOW: 30, MODERATE: 55, HIGH: 15}),
    Decision.STEP_UP: Weighted({LOW: 45, MODERATE: 35, HIGH: 20}),
    Decision.NOT_SUITABLE: Weighted({LOW: 50, MODERATE: 30, HIGH: 20}),
}
RISK_IN_SESSION = Weighted({MODERATE: 65, LOW: 25, HIGH: 10})  # assessed again after question 9 in a session
LOWER_AT_NEXT_SESSION = 0.6
ROUTINE_REVIEW = 0.08  # of treated referrals: a planned mid-course review at the same level


class Assessments:
    def __init__(self, demo):
        self.demo, self.rng = demo, demo.stream("assessments")
        self.table = Table(Assessment, FIELDS)
        self.goals = Table(Goal, GOAL_FIELDS)
        self.risks = Table(RiskAssessment, RISK_FIELDS)

    def add(self, patient, episode, complaints, scores):
        """Write the referral's assessment rows and set its risk level cache; (its family of problem,
        [(risk level, recorded at)] oldest first)."""
        journey, referral = episode.journey, episode.referral
        family = self._family(complaints[0])
        assessment_id = self._assessment(patient, journey, referral, family)
        self._goals(assessment_id, journey, family)
        levels = self._risk_assessments(journey, referral, assessment_id, scores)
        referral.risk_level, referral.risk_level_changed_at = levels[-1][0], _changed_at(levels)
        return family, levels

    def write(self, counts):
        counts["assessments"] += self.table.write()
        counts["goals"] += self.goals.write()
        counts["risk_assessments"] += self.risks.write()

    def _family(self, primary):
        family = text.FAMILY_OF_CODE.get(primary.code, "low_mood")
        if primary.code == "F41.2" and chance(self.rng, 0.5):
            family = "worry"
        return family

    def _assessment(self, patient, journey, referral, family):
        rng, contact = self.rng, journey.assessment
        bank, shared = text.BY_FAMILY[family], text.SHARED
        medication = MEDICATION.pick(rng)
        age = contact.starts_at.year - patient.date_of_birth.year
        employment = EmploymentStatus.RETIRED if age >= RETIRED_FROM_AGE and chance(rng, 0.8) else EMPLOYMENT.pick(rng)
        decided = bool(journey.decision)
        assessment_id = self.table.next_id()
        self.table.add(
            assessment_id, referral.pk, contact.pk, rng.choice(bank["own_words"]), rng.choice(bank["statement"]),
            rng.choice(bank["what"]), rng.choice(shared["where"]), rng.choice(shared["with_whom"]),
            rng.choice(shared["when"]), rng.choice(shared["why_now"]), rng.choice(bank["thoughts"]),
            rng.choice(bank["behaviours"]), rng.choice(bank["physical"]), rng.choice(bank["emotions"]),
            rng.choice(shared["onset"]), rng.choice(shared["triggers"]), rng.choice(bank["maintaining"]),
            rng.choice(shared["impact_on_work"]), rng.choice(shared["impact_on_home"]),
            rng.choice(shared["impact_on_social_life"]), medication,
            "" if medication == PsychotropicMedication.NOT_PRESCRIBED else rng.choice(shared["medication_details"]),
            employment,
            rng.choice(shared["long_term_conditions"]) if chance(rng, LONG_TERM_CONDITION) else "",
            journey.decision, journey.decision_reason, journey.decision_at, journey.practitioner_id if decided else None,
            journey.assessment_started_at, journey.practitioner_id, 3 if decided else 2,
        )  # fmt: skip
        return assessment_id

    def _goals(self, assessment_id, journey, family):
        """One to three goals, rated for how far each is met now (0 to 10)."""
        rng = self.rng
        ending = journey.measures_ending()
        sessions = journey.session_count("session")
        bank = text.BY_FAMILY[family]["goals"]
        for position, description in enumerate(rng.sample(bank, min(len(bank), GOALS.pick(rng)))):
            if ending == "completed":
                rating = rng.randint(6, 9)
            elif ending == "in_treatment":
                rating = min(9, rng.randint(1, 3) + round(5 * sessions / max(journey.planned_sessions, 1)))
            else:
                rating = rng.randint(1, 4)
            self.goals.add(assessment_id, description, rating, position)

    def _risk_assessments(self, journey, referral, assessment_id, scores):
        """Risk at assessment, and again where question 9 was endorsed later; [(level, recorded at)]."""
        rng, contact = self.rng, journey.assessment
        risk_sets = scores.risk_sets if scores else {}
        weights = RISK_AT_ASSESSMENT.get(journey.decision) or RISK_AT_ASSESSMENT[
            "question_9" if risk_sets.get(0) else "usual"
        ]  # fmt: skip
        levels = [(weights.pick(rng), contact.ends_at - datetime.timedelta(minutes=rng.randint(3, 10)))]
        self._risk_row(referral, assessment_id, *levels[0], journey.practitioner_id, bool(risk_sets.get(0)))
        measured = journey.measured_contacts()
        later = sorted(index for index in risk_sets if index > 0 and index < len(measured))
        if not later and len(measured) > 3 and chance(rng, ROUTINE_REVIEW):
            at = measured[len(measured) // 2].starts_at + datetime.timedelta(minutes=20)
            levels.append((levels[-1][0], at))
            self._risk_row(referral, None, levels[-1][0], at, measured[len(measured) // 2].practitioner_id, False)
        for index in later:
            at = measured[index].starts_at + datetime.timedelta(minutes=rng.randint(15, 25))
            levels.append((RISK_IN_SESSION.pick(rng), at))
            self._risk_row(referral, None, *levels[-1], measured[index].practitioner_id, True)
        if later and later[-1] + 1 < len(measured) and levels[-1][0] != LOW and chance(rng, LOWER_AT_NEXT_SESSION):
            following = measured[later[-1] + 1]
            levels.append((LOW, following.starts_at + datetime.timedelta(minutes=rng.randint(15, 25))))
            self._risk_row(referral, None, *levels[-1], following.practitioner_id, False)
        return levels

    def _risk_row(self, referral, assessment_id, level, at, by_id, thoughts):
        rng = self.rng
        thoughts = thoughts or level != LOW or chance(rng, 0.2)
        past = chance(rng, 0.25 if level == HIGH else 0.08)
        from_others = chance(rng, 0.03)
        self.risks.add(
            referral.pk, assessment_id, _yes(thoughts),
            rng.choice(text.SUICIDAL_THOUGHTS[level]) if thoughts else "",
            _yes(level == HIGH and chance(rng, 0.4)) if thoughts else "",
            _yes(level == HIGH and chance(rng, 0.6)) if thoughts else "",
            _yes(past), rng.choice(text.PAST_ACTIONS) if past else "", _yes(level != LOW and chance(rng, 0.6)),
            rng.choice(text.PROTECTIVE_FACTORS), YesNo.NO, "", YesNo.NO, "", _yes(from_others),
            rng.choice(text.RISK_FROM_OTHERS) if from_others else "", level,
            rng.choice(text.MANAGEMENT_PLANS[level]), at, by_id,
        )  # fmt: skip


def _yes(flag):
    return YesNo.YES if flag else YesNo.NO


def _changed_at(levels):
    """When the newest level was first recorded, in the run of assessments ending with the newest."""
    newest, changed_at = levels[-1][0], levels[-1][1]
    for level, at in reversed(levels):
        if level != newest:
            break
        changed_at = at
    return changed_at
