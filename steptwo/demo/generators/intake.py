"""Referrals as received (IncomingReferral): from the self-referral form or typed in from a professional's letter.

Triage accepted most (linked to their Referral), rejected some with a reason, and has not yet seen
the newest. The person's details are the patient's as they were given, so triage can match them to
an existing record; a few awaiting triage come from people the service has seen before, some with
a new phone number or address or without their NHS number, to show the merge.
"""

import datetime

from steptwo.demo import names, places
from steptwo.demo.db import Table
from steptwo.demo.generators import patients, referrals
from steptwo.demo.randomness import chance
from steptwo.referrals import intake
from steptwo.referrals.codes import IncomingStatus
from steptwo.referrals.codes import SourceOfReferral as S
from steptwo.referrals.models import IncomingReferral

FIELDS = (
    "service", "reference", "source", "received_date", "referrer", "given_name", "family_name", "date_of_birth",
    "nhs_number", "address_line_1", "town", "postcode", "mobile_phone", "email", "consent_to_sms",
    "consent_to_email", "ok_to_leave_voicemail", "gp_practice_name", "preferred_language", "interpreter_required",
    "communication_needs", "reason", "duration", "status", "submitted_at", "entered_by", "triaged_at",
    "triaged_by", "rejection_reason", "referral",
)  # fmt: skip
NHS_NUMBER_GIVEN = {True: 0.55, False: 0.9}  # by self-referrers, and by professionals
# Awaiting triage at the anchor date, at least: in all, self-referrals, professional ones, and ones
# from people the service already knows.
AWAITING_AT_LEAST = {"all": 6, "self": 2, "professional": 2, "known": 2}
KNOWN_WITHOUT_NHS_NUMBER, KNOWN_NEW_PHONE, KNOWN_MOVED = 0.5, 0.3, 0.2


class Intake:
    def __init__(self, demo):
        self.demo, self.rng = demo, demo.stream("intake")
        self.table = Table(IncomingReferral, FIELDS)
        self.references = set()
        self.awaiting = {"all": 0, "self": 0, "professional": 0, "known": 0}

    def add(self, patient, episode, known):
        """The IncomingReferral row of an episode that came through triage; `known`: seen before."""
        journey = episode.journey
        if not journey.incoming_status:
            return
        if journey.incoming_status == IncomingStatus.NEW:
            self._count_awaiting(journey.source, known)
        self._row(patient, journey.source, journey.received_at, episode.reason, episode.duration,
                  journey.incoming_status, journey.entered_by_id, journey.triaged_at, journey.triaged_by_id,
                  journey.rejection_reason, episode.referral.pk if episode.referral else None)  # fmt: skip

    def top_up(self, people, nhs_numbers):
        """Add referrals awaiting triage until there are a few of each kind (AWAITING_AT_LEAST)."""
        rng, demo = self.rng, self.demo
        known = [(patient, episodes) for patient, episodes in people if _discharged_patient(patient, episodes)]
        while any(self.awaiting[kind] < least for kind, least in AWAITING_AT_LEAST.items()):
            is_self = self.awaiting["self"] < AWAITING_AT_LEAST["self"] or (
                self.awaiting["professional"] >= AWAITING_AT_LEAST["professional"] and chance(rng, 0.5)
            )  # fmt: skip
            source = S.SELF if is_self else S.GP
            if self.awaiting["known"] < AWAITING_AT_LEAST["known"] and known:
                patient, episodes = known.pop(rng.randrange(len(known)))
                patient = self._as_given_again(patient)
                is_known, episode = True, rng.choice(episodes)
            else:
                locality = rng.choice(demo.localities)
                patient = patients.new_patient(demo, locality, next(nhs_numbers), demo.cutoff)
                is_known, episode = False, rng.choice(people)[1][0]
            received_at = demo.time_on(demo.anchor - datetime.timedelta(days=rng.randint(1, 3)), 7, 21, rng=rng)
            entered_by = None if is_self else rng.choice(rng.choice(demo.localities).admins).pk
            self._count_awaiting(source, is_known)
            self._row(patient, source, received_at, episode.reason, episode.duration or referrals.DURATIONS[0],
                      IncomingStatus.NEW, entered_by, None, None, "", None)  # fmt: skip

    def write(self, counts):
        counts["incoming_referrals"] += self.table.write()

    def _count_awaiting(self, source, known):
        self.awaiting["all"] += 1
        self.awaiting["self" if source == S.SELF else "professional"] += 1
        self.awaiting["known"] += bool(known)

    def _as_given_again(self, patient):
        """The patient's details as they give them on a new referral: not always the same as on record."""
        rng, demo = self.rng, self.demo
        again = type(patient)(**{f.attname: getattr(patient, f.attname) for f in patient._meta.concrete_fields})
        if chance(rng, KNOWN_WITHOUT_NHS_NUMBER):
            again.nhs_number = ""
        if chance(rng, KNOWN_NEW_PHONE):
            again.mobile_phone = places.mobile_phone(rng)
        if chance(rng, KNOWN_MOVED):
            locality = rng.choice(demo.localities)
            town_index = rng.randrange(len(locality.towns))
            again.address_line_1 = f"{rng.randint(1, 180)} {places.street(rng)}"
            again.town = locality.towns[town_index]
            again.postcode = places.postcode(rng, locality.postcode_district + town_index)
        return again

    def _row(self, patient, source, received_at, reason, duration, status, entered_by, triaged_at, triaged_by,
             rejection, referral_id):  # fmt: skip
        rng, is_self = self.rng, source == S.SELF
        nhs_number = patient.nhs_number if chance(rng, NHS_NUMBER_GIVEN[not is_self]) else ""
        self.table.add(
            self.demo.service.pk, self._reference(is_self), source, received_at.date(), "" if is_self else (
                self._referrer(source, patient)
            ), patient.given_name, patient.family_name, patient.date_of_birth, nhs_number, patient.address_line_1,
            patient.town, patient.postcode, patient.mobile_phone, patient.email, patient.consent_to_sms,
            patient.consent_to_email, patient.consent_to_voicemail,
            patient.gp_practice_name, patient.preferred_language, patient.interpreter_required,
            patient.communication_needs, reason, duration, status, received_at, entered_by, triaged_at,
            triaged_by, rejection, referral_id,
        )  # fmt: skip

    def _reference(self, is_self):
        """Like referrals.intake.new_reference, from the demo's random source."""
        prefix = intake.SELF_REFERRAL_PREFIX if is_self else intake.PROFESSIONAL_REFERRAL_PREFIX
        while True:
            reference = prefix + "".join(self.rng.choices(intake.REFERENCE_ALPHABET, k=intake.REFERENCE_LENGTH))
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def _referrer(self, source, patient):
        rng = self.rng
        name = names.person_name(rng, patients.ETHNICITIES.pick(rng), rng.choice(["female", "male"]))
        if source == S.GP:
            return f"Dr {name.given} {name.family}, {patient.gp_practice_name}"
        return f"{name.given} {name.family}, {S(source).label}"


def _discharged_patient(patient, episodes):
    last = episodes[-1]
    return patient.pk is not None and last.referral is not None and last.journey.discharged_at is not None
