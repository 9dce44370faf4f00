"""Questionnaire responses at assessment and every treatment session, as session-by-session monitoring.

Each set is PHQ-9 and GAD-7, plus the anxiety disorder specific measure (ADSM) the primary problem
descriptor maps to, if that instrument is registered (domain reference §1.2). Every assessed referral
has a set at its assessment appointment, and one at each attended step 2 treatment session (not at
high-intensity ones, which are outside step 2, except for a referral stepped up at its assessment, whose
only treatment is at high intensity: without them it could have no paired scores): each response points
at the appointment and is dated in it, or the evening before when the patient completed it through a link.

Scores follow a course chosen per referral (COURSES): most improve and end below caseness, some
improve without recovering, some stay flat, a few deteriorate, and a few start below caseness, so
that about half of finished courses at caseness recover, as nationally (domain reference §1.4). How
the referral ended weights the choice: a completed course recovers more often than one that was
stepped up. The courses live on one latent severity scale, 0 to 1 with caseness at CASENESS_LATENT,
mapped onto each instrument's range through its caseness cut-off (measures.Threshold). Answers are
spread over the items to make the intended total, then scored by Instrument.score, the only place a
total is computed. A few referrals answer PHQ-9 question 9 above "Not at all": each such response
raises a risk-review task, as measures.services.record_response does, done by the practitioner
unless the response is the newest on a referral still in treatment.

Most sets are completed with the clinician in session; some by the patient through a remote link
(a CompletionRequest; data-only instruments cannot be sent, so those are then done in the session);
a few by staff on the patient's behalf. A handful of staff-entered responses were marked as entered
in error and corrected by a superseding response, as measures.services.correct_response does.

Responses and item answers are the biggest tables by far, so they are written as plain rows with
ids handed out in advance (db.Ids, db.insert_rows); a chunk is generated, written and forgotten.
"""

import datetime
import hashlib
from itertools import accumulate, repeat

from django.utils import timezone

from steptwo.core.formatting import format_score
from steptwo.demo import reasons
from steptwo.demo.db import Ids, explicit_timestamps, insert, insert_rows, to_db
from steptwo.demo.generators.presenting_complaints import is_depression
from steptwo.demo.randomness import Shares, Weighted, chance
from steptwo.measures import instruments, remote
from steptwo.measures.models import CompletedBy, CompletionRequest, ItemAnswer, QuestionnaireResponse, Threshold
from steptwo.measures.models import ResponseStatus as RS
from steptwo.patients.codes import GenderIdentity
from steptwo.referrals.codes import ReferralStatus as Status
from steptwo.tasks.models import Task, TaskKind

CASENESS_LATENT = 0.4  # caseness cut-off on the latent scale; 0 is the instrument's minimum, 1 its maximum
FALLBACK_CASENESS = 0.37  # where an instrument has no known cut-off: as PHQ-9 (10 of 27)

# How a course of treatment goes. (start, end) ranges on the latent scale for the referral's main
# problem (depression or anxiety); the other side starts a little lower (SECONDARY_SIDE_DROP).
RECOVER, IMPROVE, FLAT, DETERIORATE, BELOW_CASENESS = "recover", "improve", "flat", "deteriorate", "below_caseness"
# Kept to (randomness.Shares), separately for the referrals that finish a course (two treatment contacts or
# more) and the rest, so that even the small demo's few finished courses come out in these shares; tuned so
# that a year's finished courses land near the national 2024-25 figures (domain reference §1.4).
COURSES = {
    "completed": {RECOVER: 62, IMPROVE: 18, FLAT: 12, DETERIORATE: 4, BELOW_CASENESS: 4},
    "dropped_out": {RECOVER: 26, IMPROVE: 24, FLAT: 38, DETERIORATE: 6, BELOW_CASENESS: 6},
    "stepped_up": {RECOVER: 5, IMPROVE: 25, FLAT: 45, DETERIORATE: 20, BELOW_CASENESS: 5},
    "in_treatment": {RECOVER: 50, IMPROVE: 20, FLAT: 16, DETERIORATE: 6, BELOW_CASENESS: 8},
    "assessed": {RECOVER: 50, IMPROVE: 20, FLAT: 20, DETERIORATE: 5, BELOW_CASENESS: 5},  # no treatment (yet)
    "stepped_up_at_assessment": {RECOVER: 45, IMPROVE: 20, FLAT: 25, DETERIORATE: 5, BELOW_CASENESS: 5},
}
HIGH_INTENSITY_PLANNED = 12  # sessions, for the course of a referral still in high-intensity treatment
SECONDARY_SIDE_DROP = 0.15
SESSION_NOISE = 0.035

COMPLETED_BY = Weighted({
    CompletedBy.CLINICIAN_IN_SESSION: 72, CompletedBy.PATIENT_REMOTELY: 22, CompletedBy.STAFF_ON_BEHALF: 6,
})  # fmt: skip
LINK_DAYS = 7  # measures.remote.DEFAULT_EXPIRY_DAYS
SKIP_OPTIONAL_ITEM = 0.1  # e.g. PHQ-9's unscored difficulty question

# Question 9 (risk rules in general): which referrals answer it above "Not at all", and how high.
RISK_IF_DETERIORATING, RISK_IF_SEVERE, RISK_OTHERWISE = 0.35, 0.12, 0.04
RISK_AT_NEWEST_IF_IN_TREATMENT = 0.3
RISK_VALUES = Weighted({1: 70, 2: 22, 3: 8})
# Courses for the review-list showcases (review_cases): the latent path of the depression and the
# anxiety side, travelled in full by the newest session. Deteriorating: PHQ-9 from about 11 to 25 and
# GAD-7 from about 9 to 18, both reliable deteriorations (domain reference §2.1). Flat and high: PHQ-9
# about 19 throughout, above the expected-response boundary from the fourth session (domain reference §6).
SHOWCASE_PATHS = {
    "deteriorates": {"phq9": (0.45, 0.92, 1.0), "anxiety": (0.45, 0.85, 1.0)},
    "flat": {"phq9": (0.72, 0.71, 1.0), "anxiety": (0.66, 0.66, 1.0)},
}

CORRECTED = 0.004  # of responses entered by staff

# Items endorsed more or less often than the rest (each person varies around these).
ITEM_WEIGHTS = {
    "phq9": {"q1": 1.1, "q2": 1.2, "q3": 1.3, "q4": 1.4, "q5": 1.0, "q6": 1.1, "q7": 1.0, "q8": 0.6},
    "gad7": {"q1": 1.2, "q2": 1.2, "q3": 1.2, "q4": 1.1, "q5": 0.7, "q6": 1.0, "q7": 0.9},
}
PERSON_SPREAD = 0.4

RESPONSE_FIELDS = (
    "id", "patient", "referral", "instrument_id", "instrument_version", "total", "band", "context", "status",
    "completed_at", "completed_by", "recorded_by", "completion_request", "supersedes", "error_reason",
    "marked_in_error_at", "marked_in_error_by", "created_at", "appointment",
)  # fmt: skip
SCORE_CACHE_LIMIT = 200_000


class Plan:
    """How to answer one instrument (with one set of context flags) so the total comes out as meant."""

    def __init__(self, instrument, context, caseness):
        self.instrument, self.context = instrument, context
        risk_ids = {rule.item_id for rule in instrument.risk_rules}
        items = instrument.applicable_items(context)
        self.free = [item for item in items if item.scored and item.id not in risk_ids]
        self.risk = [item for item in items if item.id in risk_ids]
        self.optional = [item for item in items if not item.scored and item.id not in risk_ids]
        self.order = [item.id for item in instrument.items]
        self.values = {item.id: sorted(item.values) for item in items}
        self.free_low = sum(self.values[item.id][0] for item in self.free)
        self.caps = [len(self.values[item.id]) - 1 for item in self.free]
        scored = [self.values[item.id] for item in items if item.scored]
        self.n_scored = len(scored)
        self.mean = instrument.scoring == "mean"
        # The range these items can reach (PHQ-15 without its periods question tops out at 28, not 30).
        if self.mean:
            self.minimum, self.maximum = min(v[0] for v in scored), max(v[-1] for v in scored)
        else:
            self.minimum, self.maximum = sum(v[0] for v in scored), sum(v[-1] for v in scored)
        self.minimum = max(self.minimum, float(instrument.total_min))
        self.maximum = min(self.maximum, float(instrument.total_max))
        self.caseness = (
            caseness if caseness is not None else self.minimum + FALLBACK_CASENESS * (self.maximum - self.minimum)
        )
        base = ITEM_WEIGHTS.get(instrument.id, {})
        self.base_weights = [base.get(item.id, 1.0) for item in self.free]

    def person_weights(self, rng):
        return [weight * rng.lognormvariate(0, PERSON_SPREAD) for weight in self.base_weights]

    def total_for(self, latent):
        """The total a latent severity stands for: piecewise linear through the caseness cut-off."""
        latent = min(1.0, max(0.0, latent))
        if latent <= CASENESS_LATENT:
            return self.minimum + (self.caseness - self.minimum) * latent / CASENESS_LATENT
        return self.caseness + (self.maximum - self.caseness) * (latent - CASENESS_LATENT) / (1 - CASENESS_LATENT)

    def answers(self, rng, weights, latent, risk_index):
        """{item id: value} whose score is the total for `latent`; risk items at option `risk_index`."""
        total = self.total_for(latent)
        raw = round(total * self.n_scored) if self.mean else round(total)
        answers = {}
        for item in self.risk:
            values = self.values[item.id]
            answers[item.id] = values[min(risk_index, len(values) - 1)]
        units = raw - self.free_low - sum(answers.values())
        for item, index in zip(self.free, spread(rng, units, self.caps, weights), strict=True):
            answers[item.id] = self.values[item.id][index]
        for item in self.optional:
            if item.required or not chance(rng, SKIP_OPTIONAL_ITEM):
                values = self.values[item.id]
                index = round(latent * (len(values) - 1) + rng.gauss(0, 0.6))
                answers[item.id] = values[min(len(values) - 1, max(0, index))]
        return answers


def spread(rng, units, caps, weights):
    """Indices (0..cap per item) summing to `units`, spread over the items in proportion to `weights`."""
    values = [0] * len(caps)
    units = min(max(units, 0), sum(caps))
    positions = range(len(caps))
    cum_weights = list(accumulate(weights))
    while units:
        picks = rng.choices(positions, cum_weights=cum_weights, k=units)
        units = 0
        for position in picks:
            if values[position] < caps[position]:
                values[position] += 1
            else:
                units += 1
        if units:
            cum_weights = list(accumulate(weight if values[p] < caps[p] else 0 for p, weight in enumerate(weights)))
    return values


class Scores:
    """One referral's current responses as they were written, to keep with its step-up and discharge."""

    def __init__(self, instrument_ids, risk_sets):
        self.instrument_ids = instrument_ids
        self.risk_sets = risk_sets  # {set index: PHQ-9 question 9 value}, where it was above "Not at all"
        self.entries = []  # (completed at, response id, instrument id, total)

    def add(self, instrument_id, at, response_id, total):
        self.entries.append((at, response_id, instrument_id, total))

    def first_and_last(self, until=None):
        """What measures.first_last.first_and_last gives, counting responses completed by `until`."""
        scores = {}
        for at, _, instrument_id, total in sorted(self.entries):
            if until is not None and at > until:
                break
            day = at.astimezone(datetime.UTC).date().isoformat()  # as the database hands completed_at back
            entry = scores.setdefault(instrument_id, {"first": format_score(total), "first_date": day, "count": 0})
            entry["last"], entry["last_date"] = format_score(total), day
            entry["count"] += 1
        return {
            instrument_id: scores[instrument_id] for instrument_id in self.instrument_ids if instrument_id in scores
        }


class Measures:
    """Generates the measures of each written referral, and writes them a chunk at a time."""

    def __init__(self, demo, descriptors):
        self.demo, self.descriptors = demo, descriptors
        self.rng = demo.stream("measures")
        months = demo.size.measures_months
        self.since = demo.anchor - datetime.timedelta(days=round(months * 365.25 / 12)) if months else None
        self.response_ids, self.request_ids = Ids(QuestionnaireResponse), Ids(CompletionRequest)
        self.admins = {locality.team.pk: locality.admins for locality in demo.localities}
        self.plans, self.scores = {}, {}
        self.courses = {}  # (ending, finished a course): Shares of COURSES[ending]
        # What the service may send by link, decided once by the same rule the real pages use.
        self.sendable = {i.id for i in instruments.INSTRUMENTS.values() if remote.can_send(demo.service, i)}
        self.adapt = {name: to_db(QuestionnaireResponse, name) for name in ("total", "context", "completed_at")}
        self._new_chunk()

    def _new_chunk(self):
        self.responses, self.answers, self.tasks, self.requests = [], [], [], []

    # Generating --------------------------------------------------------------------------------

    def add(self, patient, episode, complaints):
        """The responses (and tasks, links) for one assessed referral; its Scores, or None if it has none."""
        journey, referral, rng = episode.journey, episode.referral, self.rng
        contacts = journey.measured_contacts()
        if self.since and journey.discharged_at and journey.discharged_at.date() < self.since:
            return None  # ended before the months that get questionnaires (sizes.Size.measures_months)
        ending = journey.measures_ending()
        sessions = len(contacts) - 1
        planned = max(1, journey.planned_sessions if ending == "in_treatment" else sessions)
        if ending == "stepped_up_at_assessment" and not journey.discharged_at:
            planned = max(planned, HIGH_INTENSITY_PLANNED)
        primary = complaints[0]
        adsm_id = self.descriptors.adsm_id(primary, contacts[0].starts_at.date())
        instrument_ids = ["phq9", "gad7"] + ([adsm_id] if adsm_id in instruments.INSTRUMENTS else [])
        course = self._course(ending, len(journey.treatment_contacts()) >= 2)
        paths = self._paths(course, is_depression(primary) or (primary.code == "F41.2" and chance(rng, 0.5)))
        if journey.review_measures:  # on a persona's review list (review_cases)
            paths, planned = SHOWCASE_PATHS[journey.review_measures], sessions
        female = patient.gender_identity == GenderIdentity.FEMALE
        risk_sets = self._risk_sets(course, paths["phq9"][0], len(contacts), referral.status)
        if journey.recent_risk:  # a risk review waiting for whoever signs in as the persona
            risk_sets.setdefault(sessions, 1)
        weights, scores = {}, Scores(instrument_ids, risk_sets)
        previous = self._event_before(journey, contacts[0])
        open_referral = referral.status == Status.IN_TREATMENT
        for index, contact in enumerate(contacts):
            session_at = contact.starts_at + datetime.timedelta(minutes=rng.randint(3, 12))
            newest = index == len(contacts) - 1
            self._set(
                patient, referral, contact, instrument_ids, paths, weights, female, index / planned, index,
                session_at, previous, risk_sets.get(index, 0), open_referral and newest, scores,
            )  # fmt: skip
            previous = contact.ends_at
        return scores

    def _course(self, ending, finished):
        shares = self.courses.get((ending, finished))
        if shares is None:
            shares = self.courses[ending, finished] = Shares(COURSES[ending])
        return shares.pick(self.rng)

    def _paths(self, course, depression_first):
        """(start, end) on the latent scale for the depression and the anxiety side."""
        rng = self.rng
        if course == RECOVER:
            main = (rng.uniform(0.45, 0.85), rng.uniform(0.05, 0.35))
        elif course == IMPROVE:
            start = rng.uniform(0.6, 0.92)
            main = (start, max(CASENESS_LATENT + 0.02, start - rng.uniform(0.22, 0.4)))
        elif course == FLAT:
            start = rng.uniform(0.45, 0.85)
            main = (start, start + rng.uniform(-0.1, 0.06))
        elif course == DETERIORATE:
            start = rng.uniform(0.35, 0.65)
            main = (start, min(0.98, start + rng.uniform(0.2, 0.35)))
        else:
            start = rng.uniform(0.1, 0.36)
            main = (start, max(0.02, start - rng.uniform(0, 0.15)))
        drop = rng.uniform(0, SECONDARY_SIDE_DROP) if course != BELOW_CASENESS else 0
        other_start = max(0.02, main[0] - drop)
        if course == RECOVER:
            other = (other_start, min(main[1] + rng.uniform(-0.05, 0.05), 0.35))
        elif course == IMPROVE:
            other = (other_start, max(0.05, other_start - rng.uniform(0.2, 0.4)))
        elif course == DETERIORATE:
            other = (other_start, other_start + rng.uniform(-0.05, 0.15))
        else:
            other = (other_start, max(0.02, main[1] - drop))
        depression, anxiety = (main, other) if depression_first else (other, main)
        shape = 1.6 if course in (RECOVER, IMPROVE) else 1.0
        return {"phq9": (*depression, shape), "anxiety": (*anxiety, shape)}

    def _risk_sets(self, course, depression_start, set_count, status):
        """{set index: option index} for the sets where question 9 is answered above 'Not at all'."""
        rng = self.rng
        if course == DETERIORATE:
            probability = RISK_IF_DETERIORATING
        else:
            probability = RISK_IF_SEVERE if depression_start >= 0.6 else RISK_OTHERWISE
        if not chance(rng, probability):
            return {}
        last = set_count - 1
        if course == DETERIORATE:
            indices = {last, max(0, last - rng.randint(0, 1))}
        else:
            indices = {0} | {index for index in (1, 2) if index <= last and chance(rng, 0.5 / index)}
        if status == Status.IN_TREATMENT and chance(rng, RISK_AT_NEWEST_IF_IN_TREATMENT):
            indices.add(last)
        return {index: RISK_VALUES.pick(rng) for index in sorted(indices)}

    def _event_before(self, journey, contact):
        """The newest status change before the assessment: a link cannot have been sent before it."""
        before = [step.at for step in journey.steps if step.at < contact.starts_at]
        return before[-1] if before else journey.created_at

    def _set(self, patient, referral, contact, instrument_ids, paths, weights, female, progress, index,
             session_at, previous, risk_index, newest_open, scores):  # fmt: skip
        rng = self.rng
        completed_by = COMPLETED_BY.pick(rng)
        link = None
        if completed_by == CompletedBy.PATIENT_REMOTELY:
            link = self._link(referral, contact, session_at, previous, instrument_ids)
            if link is None:
                completed_by = CompletedBy.CLINICIAN_IN_SESSION
        if completed_by == CompletedBy.STAFF_ON_BEHALF:
            recorded_by = rng.choice(self.admins[referral.team_id]).pk
        else:
            recorded_by = contact.practitioner_id
        for instrument_id in instrument_ids:
            start, end, shape = paths["phq9" if instrument_id == "phq9" else "anxiety"]
            moved = 1 - (1 - min(progress, 1.0)) ** shape
            latent = start + (end - start) * moved + (rng.gauss(0, SESSION_NOISE) if index else 0)
            plan = self._plan(instrument_id, female)
            if instrument_id not in weights:
                weights[instrument_id] = plan.person_weights(rng)
            answers = plan.answers(rng, weights[instrument_id], latent, risk_index)
            if link and instrument_id in link.instrument_ids:
                by, who, at, request_id = CompletedBy.PATIENT_REMOTELY, None, link.completed_at, link.pk
            else:
                by, who, at, request_id = completed_by, recorded_by, session_at, None
                if completed_by == CompletedBy.PATIENT_REMOTELY:
                    by, who = CompletedBy.CLINICIAN_IN_SESSION, contact.practitioner_id  # data-only: in session
            response_id, total = self._response(
                patient, referral, plan, answers, by, who, at, request_id, newest_open, contact.pk
            )
            scores.add(instrument_id, at, response_id, total)

    def _link(self, referral, contact, session_at, previous, instrument_ids):
        """A remote link the patient completed the evening before (or the morning of) the session."""
        rng, demo = self.rng, self.demo
        sendable = [instrument_id for instrument_id in instrument_ids if instrument_id in self.sendable]
        day = session_at.date() - datetime.timedelta(days=rng.choice([1, 1, 1, 0]))
        completed_at = demo.moment(day, rng.randint(18, 21), rng.randrange(60)) if day < session_at.date() else (
            demo.moment(day, 7, rng.randrange(60))
        )  # fmt: skip
        sent_at = demo.working_time_after(max(previous, completed_at - datetime.timedelta(days=4)), 0, rng=rng)
        if not (previous < sent_at < completed_at < session_at):
            return None
        link = CompletionRequest(
            pk=self.request_ids.next(), patient_id=referral.patient_id, referral_id=referral.pk,
            instrument_ids=sendable, token_hash=hashlib.sha256(rng.randbytes(32)).hexdigest(),
            expires_at=_end_of_day(sent_at + datetime.timedelta(days=LINK_DAYS)), created_at=sent_at,
            created_by_id=contact.practitioner_id, completed_at=completed_at,
        )  # fmt: skip
        self.requests.append(link)
        return link

    def _plan(self, instrument_id, female):
        plan = self.plans.get((instrument_id, female))
        if plan is None:
            instrument = instruments.get(instrument_id)
            context = frozenset() if female else frozenset({"no_periods"}) & set(instrument.context_flags)
            threshold = Threshold.objects.current(instrument_id, self.demo.anchor)
            caseness = float(threshold.caseness_cutoff) if threshold and threshold.caseness_cutoff is not None else None
            plan = self.plans[instrument_id, female] = Plan(instrument, context, caseness)
        return plan

    def _score(self, plan, answers):
        key = (plan.instrument.id, plan.context, tuple(answers.get(item_id) for item_id in plan.order))
        score = self.scores.get(key)
        if score is None:
            if len(self.scores) >= SCORE_CACHE_LIMIT:
                self.scores.clear()
            score = self.scores[key] = plan.instrument.score(answers, context=plan.context)
        return score

    def _response(self, patient, referral, plan, answers, completed_by, recorded_by, at, request_id, newest_open,
                  appointment_id):  # fmt: skip
        """Write one response (and the mistaken one it corrects, if any); (its id, its total)."""
        rng, instrument = self.rng, plan.instrument
        score = self._score(plan, answers)
        supersedes = None
        if recorded_by and not score.risks and chance(rng, CORRECTED):
            corrected_at = self.demo.working_time_after(at, rng.randint(0, 2), rng=rng)
            if corrected_at < self.demo.cutoff:
                supersedes = self._entered_in_error(
                    patient, referral, plan, answers, completed_by, recorded_by, at, corrected_at, appointment_id
                )
        response_id = self.response_ids.next()
        created_at = supersedes[1] if supersedes else at
        self._row(response_id, patient, referral, plan, score, RS.COMPLETED, at, completed_by, recorded_by,
                  request_id, supersedes[0] if supersedes else None, appointment_id, created_at=created_at)  # fmt: skip
        self._answers(response_id, answers)
        for rule in score.risks:
            self._risk_review(patient, referral, instrument, rule, response_id, created_at, newest_open)
        return response_id, score.total

    def _entered_in_error(self, patient, referral, plan, answers, completed_by, recorded_by, at, corrected_at,
                          appointment_id):  # fmt: skip
        """Write the mistaken response a correction supersedes; return (its id, when it was corrected)."""
        rng = self.rng
        item = rng.choice(plan.free)
        values = plan.values[item.id]
        position = values.index(answers[item.id])
        wrong = values[position + 1] if position + 1 < len(values) and (position == 0 or chance(rng, 0.5)) else (
            values[position - 1]
        )  # fmt: skip
        mistaken = {**answers, item.id: wrong}
        response_id = self.response_ids.next()
        reason = rng.choice(reasons.CORRECTION_REASONS).format(number=item.number)
        self._row(response_id, patient, referral, plan, self._score(plan, mistaken), RS.ENTERED_IN_ERROR, at,
                  completed_by, recorded_by, None, None, appointment_id, created_at=at,
                  error=(reason, corrected_at, recorded_by))  # fmt: skip
        self._answers(response_id, mistaken)
        return response_id, corrected_at

    def _row(self, response_id, patient, referral, plan, score, status, at, completed_by, recorded_by, request_id,
             supersedes, appointment_id, created_at, error=("", None, None)):  # fmt: skip
        adapt = self.adapt["completed_at"]
        completed = adapt(at)
        self.responses.append((
            response_id, patient.pk, referral.pk, plan.instrument.id, plan.instrument.version,
            self.adapt["total"](score.total), score.band, self.adapt["context"](sorted(plan.context)), status,
            completed, completed_by, recorded_by, request_id, supersedes, error[0], adapt(error[1]), error[2],
            completed if created_at is at else adapt(created_at), appointment_id,
        ))  # fmt: skip

    def _answers(self, response_id, answers):
        self.answers.extend(zip(repeat(response_id), answers.keys(), answers.values()))

    def _risk_review(self, patient, referral, instrument, rule, response_id, raised_at, newest_open):
        """The task record_response raises; reviewed by the practitioner unless still current."""
        rng, demo = self.rng, self.demo
        done_at, done_by, outcome = None, None, ""
        if not newest_open:
            local = timezone.localtime(raised_at)
            if 9 <= local.hour < 17 and local.weekday() < 5:  # in a session: reviewed there and then
                done_at = raised_at + datetime.timedelta(minutes=rng.randint(5, 30))
            else:  # completed remotely out of hours: reviewed the next working morning or day
                done_at = demo.working_time_after(raised_at, 1 if local.hour >= 17 else 0, rng=rng)
            if done_at < demo.cutoff:
                done_by, outcome = referral.practitioner_id, rng.choice(reasons.RISK_REVIEW_OUTCOMES)
            else:
                done_at = None
        self.tasks.append(Task(
            patient_id=patient.pk, referral_id=referral.pk, owner_id=referral.practitioner_id,
            kind=TaskKind.RISK_REVIEW, title=f"Review risk: {instrument.short_name} answer", detail=rule.message,
            due_date=timezone.localtime(raised_at).date(), source_response_id=response_id, created_at=raised_at,
            completed_at=done_at, completed_by_id=done_by, outcome=outcome,
        ))  # fmt: skip

    # Writing -----------------------------------------------------------------------------------

    def write(self, counts):
        """Write the chunk's rows, parents first, and start a new chunk."""
        with explicit_timestamps(CompletionRequest, Task):
            insert(CompletionRequest, self.requests)
            insert_rows(QuestionnaireResponse, RESPONSE_FIELDS, self.responses)
            insert_rows(ItemAnswer, ("response", "item_id", "value"), self.answers)
            insert(Task, self.tasks)
        counts["questionnaire_responses"] += len(self.responses)
        counts["item_answers"] += len(self.answers)
        counts["completion_requests"] += len(self.requests)
        counts["risk_review_tasks"] += len(self.tasks)
        self._new_chunk()


def _end_of_day(moment):
    """Midnight at the end of `moment`'s local day, as measures.remote.expiry_for makes it."""
    day = timezone.localtime(moment).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
