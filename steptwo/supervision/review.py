"""The supervisor's review list: which open cases need discussion in case-management supervision, and why.

Case-management supervision reviews the caseload using outcome measures and looks first at risk, patients
who are not improving, and step-up and discharge decisions (domain reference §5, "Case management
supervision content"; Reach Out). "Not on track" is the outcome-feedback alert of Delgadillo et al. 2018
(domain reference §6). Every threshold is the service's own setting (SupervisionSettings), not a national
rule: no published source gives these numbers (domain reference §5 marks them unsourced).

Each rule is a small pure function `rule(facts, settings, today) -> Reason | None` over a CaseFacts.
A case's reasons are shown most urgent first, in the order of RULES:

1. risk raised, or PHQ-9 question 9 answered above 0, since the case was last discussed;
2. reliable deterioration on any measure;
3. not on track;
4. missed appointments in a row;
5. no contact for a while;
6. no reliable improvement after some treatment sessions;
7. many treatment sessions without a discharge or step-up plan;
8. assessed, no decision yet;
9. session notes awaiting sign-off;
10. not discussed in supervision for some weeks.

Cases are listed by their most urgent reason, then (among equals) the one with more reasons first, then
the referral received earliest first.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from steptwo.core.formatting import format_date, format_score
from steptwo.referrals.codes import RiskLevel

RISK = "risk"
DETERIORATION = "deterioration"
NOT_ON_TRACK = "not_on_track"
CONSECUTIVE_DNAS = "consecutive_dnas"
NO_CONTACT = "no_contact"
NO_IMPROVEMENT = "no_improvement"
SESSIONS_WITHOUT_PLAN = "sessions_without_plan"
NO_DECISION = "no_decision"
NOTES_AWAITING_SIGN_OFF = "notes_awaiting_sign_off"
NOT_DISCUSSED = "not_discussed"

URGENCY = (
    RISK, DETERIORATION, NOT_ON_TRACK, CONSECUTIVE_DNAS, NO_CONTACT, NO_IMPROVEMENT, SESSIONS_WITHOUT_PLAN,
    NO_DECISION, NOTES_AWAITING_SIGN_OFF, NOT_DISCUSSED,
)  # fmt: skip
MEASURE_ORDER = ("phq9", "gad7")  # then the anxiety-disorder-specific measure (domain reference §1.2)


@dataclass(frozen=True)
class Reason:
    code: str
    text: str  # a sentence a supervisor reads
    rank: int  # 1 is the most urgent

    def as_dict(self):
        """For CaseDiscussion.reasons: the reasons as shown when the case was brought to supervision."""
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class ReviewCase:
    facts: object  # CaseFacts
    reasons: tuple  # Reason, most urgent first

    @property
    def referral(self):
        return self.facts.referral


def _reason(code, text):
    return Reason(code=code, text=text, rank=URGENCY.index(code) + 1)


def _plural(count, word, plural=None):
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _measures(facts):
    """The case's measures, PHQ-9 then GAD-7 then the anxiety-disorder-specific measure."""

    def key(measure):
        known = measure.instrument_id in MEASURE_ORDER
        return (MEASURE_ORDER.index(measure.instrument_id) if known else len(MEASURE_ORDER), measure.instrument_id)

    return sorted(facts.measures.values(), key=key)


def _scores(measure):
    if measure.count < 2:
        return f"{format_score(measure.first)}, one score only"
    return f"first {format_score(measure.first)}, latest {format_score(measure.latest)}"


def _since_discussed(facts):
    if facts.last_discussed_on:
        return f"since it was last discussed in supervision on {format_date(facts.last_discussed_on)}"
    return "and it has not been discussed in supervision yet"


def risk_raised(facts, settings, today):
    """Risk raised, or PHQ-9 question 9 above 0, since the last discussion (domain reference §2.5, §5).

    Item 9 is not a risk assessment: it asks for a clinician's review, so it is listed, not scored.
    """
    parts = []
    if facts.risk_raised_since_discussed:
        level = facts.referral.risk_level
        now = f" (now {RiskLevel(level).label.lower()})" if level in RiskLevel.values else ""
        parts.append(f"Risk level raised{now}")
    if facts.item9_since_discussed:
        parts.append("PHQ-9 question 9 (thoughts of being better off dead or of self-harm) answered above 0")
    if not parts:
        return None
    return _reason(RISK, f"{' and '.join(parts)} {_since_discussed(facts)}")


def reliable_deterioration(facts, settings, today):
    """A rise of at least the reliable change index on any measure (domain reference §1.1, §2.1)."""
    worse = [measure for measure in _measures(facts) if measure.reliable == "deterioration"]
    if not worse:
        return None
    details = " and ".join(f"{measure.short_name} ({_scores(measure)})" for measure in worse)
    return _reason(DETERIORATION, f"Reliable deterioration on {details}")


def not_on_track(facts, settings, today):
    """Latest score above the expected-response boundary for its band and session (domain reference §6)."""
    if not facts.not_on_track:
        return None
    details = "; ".join(_off_track(alert) for alert in facts.not_on_track)
    return _reason(NOT_ON_TRACK, f"Not on track: {details}")


def _off_track(alert):
    name = {"phq9": "PHQ-9", "gad7": "GAD-7"}.get(alert.instrument_id, alert.instrument_id)
    text = (
        f"{name} {format_score(alert.score)} at treatment session {alert.session_number}, above the expected "
        f"boundary of {format_score(alert.boundary)}"
    )
    return text + (" (curves built from synthetic data)" if alert.synthetic_curves else "")


def consecutive_dnas(facts, settings, today):
    """Missed appointments in a row, newest first (DNA: attendance code 3, domain reference §3.1)."""
    if facts.consecutive_dnas < settings.consecutive_dnas:
        return None
    return _reason(CONSECUTIVE_DNAS, f"Did not attend the last {_plural(facts.consecutive_dnas, 'appointment')}")


def no_contact(facts, settings, today):
    """No attended contact for the service's number of days (counted from the received date before any)."""
    days = facts.days_since_last_contact
    if days is None or days < settings.no_contact_days:
        return None
    if facts.last_contact_on:
        since = f"last contact {format_date(facts.last_contact_on)}"
    else:
        since = f"none since the referral was received on {format_date(facts.referral.received_date)}"
    booked = facts.next_appointment
    next_text = (
        f"; next appointment {format_date(timezone.localtime(booked.starts_at).date())}"
        if booked
        else "; nothing booked"
    )
    return _reason(NO_CONTACT, f"No contact for {_plural(days, 'day')} ({since}{next_text})")


def no_reliable_improvement(facts, settings, today):
    """At caseness, and no reliable improvement on PHQ-9, GAD-7 or the ADSM after N treatment sessions.

    "Any measure": the case is listed when NONE of its measures (PHQ-9, GAD-7, the anxiety-disorder-
    specific measure) shows a fall of at least its reliable change index; a measure with one score shows
    none. Caseness as in the national definition: a first score at or above the cut-off on the depression
    or the anxiety measure (domain reference §1.1). The session count is a local setting (§5: unsourced).
    """
    sessions = settings.no_improvement_sessions
    measures = _measures(facts)
    at_caseness = any(m.caseness_cutoff is not None and m.first >= m.caseness_cutoff for m in measures)
    if facts.treatment_sessions < sessions or not at_caseness:
        return None
    if any(measure.reliable == "improvement" for measure in measures):
        return None
    names = " or ".join(measure.short_name for measure in measures)
    if len(measures) == 1:
        details = _scores(measures[0])
    else:
        details = "; ".join(f"{measure.short_name} {_scores(measure)}" for measure in measures)
    after = _plural(facts.treatment_sessions, "treatment session")
    return _reason(NO_IMPROVEMENT, f"No reliable improvement on {names} after {after} ({details})")


def sessions_without_plan(facts, settings, today):
    """A long step 2 course (typically 6-8 sessions, domain reference §5) with no step-up or discharge plan."""
    if facts.treatment_sessions < settings.sessions_without_plan or facts.has_discharge_or_step_up_plan:
        return None
    sessions = _plural(facts.treatment_sessions, "treatment session")
    return _reason(SESSIONS_WITHOUT_PLAN, f"{sessions} and no discharge or step-up plan agreed in supervision")


def assessed_without_decision(facts, settings, today):
    """Assessed, and no decision yet to treat, step up, signpost or discharge (domain reference §5.2)."""
    if not facts.assessed_without_decision:
        return None
    return _reason(NO_DECISION, "Assessed, but no decision recorded yet (treat, step up, signpost or discharge)")


def notes_awaiting_sign_off(facts, settings, today):
    """A trainee's session notes wait for the supervisor's sign-off (domain reference §5, supervision)."""
    count = facts.notes_awaiting_sign_off
    if count < 1:
        return None
    return _reason(NOTES_AWAITING_SIGN_OFF, f"{_plural(count, 'session note')} awaiting sign-off")


def not_discussed(facts, settings, today):
    """Not discussed in supervision for N weeks (whole weeks; domain reference §5: weekly supervision).

    A case never discussed counts from the referral's received date: CaseFacts has no date the practitioner
    took the case on, and counting from the earliest date lists a neglected case sooner rather than later.
    """
    since = facts.last_discussed_on or facts.referral.received_date
    weeks = (today - since).days // 7
    if weeks < settings.not_discussed_weeks:
        return None
    if facts.last_discussed_on:
        text = f"Not discussed in supervision for {_plural(weeks, 'week')} (last on {format_date(since)})"
    else:
        text = f"Never discussed in supervision (referral received {format_date(since)}, {_plural(weeks, 'week')} ago)"
    return _reason(NOT_DISCUSSED, text)


RULES = (
    risk_raised, reliable_deterioration, not_on_track, consecutive_dnas, no_contact, no_reliable_improvement,
    sessions_without_plan, assessed_without_decision, notes_awaiting_sign_off, not_discussed,
)  # fmt: skip


def reasons_for(facts, settings, *, today):
    """Every reason the case is listed, most urgent first (empty when it need not be discussed)."""
    reasons = (rule(facts, settings, today) for rule in RULES)
    return tuple(sorted((reason for reason in reasons if reason), key=lambda reason: reason.rank))


def cases_to_review(all_facts, settings, *, today: datetime.date):
    """ReviewCase for each case with at least one reason, most urgent first (see the module's docstring)."""
    cases = [
        ReviewCase(facts, reasons) for facts in all_facts if (reasons := reasons_for(facts, settings, today=today))
    ]

    def urgency(case):
        referral = case.referral
        return (case.reasons[0].rank, -len(case.reasons), referral.received_date, referral.pk)

    return sorted(cases, key=urgency)
