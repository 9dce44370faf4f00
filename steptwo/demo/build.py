"""build_demo: a whole synthetic provider, generated domain by domain inside one transaction."""

from collections import Counter

from django.db import reset_queries, transaction
from django.utils import timezone

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.demo.context import Demo
from steptwo.demo.db import explicit_timestamps, insert, reset_sequences
from steptwo.demo.generators import organisations, patients, presenting_complaints, referrals, staff
from steptwo.demo.generators.measures import Measures
from steptwo.demo.generators.presenting_complaints import Descriptors
from steptwo.demo.sizes import SIZES
from steptwo.measures.models import CompletionRequest, QuestionnaireResponse
from steptwo.patients.models import Patient
from steptwo.referrals.models import Referral, ReferralStatusChange

PATIENTS_PER_CHUNK = 2_000  # generated, written and forgotten together, so memory stays flat


@transaction.atomic
def build_demo(size, seed, anchor=None, progress=None):
    """Write a demo provider of `size` ("small", "medium", "large" or a Size); return row counts.

    The same size, seed and anchor date always give the same data. `progress`, if given, is
    called with the counts so far after each chunk of patients.
    """
    demo = Demo(size=SIZES.get(size, size), seed=seed, anchor=anchor or timezone.localdate())
    organisations.create(demo)
    staff.create(demo)
    counts = Counter(services=1, teams=len(demo.localities), staff=len(demo.staff))
    _patients_and_referrals(demo, counts, progress)
    reset_sequences(QuestionnaireResponse, CompletionRequest)  # their ids were handed out in advance
    audit.record(by=None, action=AuditAction.CREATE, obj=demo.service, service=demo.service, detail={
        "demo_data": True, "size": demo.size.name, "seed": seed, "anchor": demo.anchor.isoformat(), "rows": dict(counts),
    })  # fmt: skip
    return counts


def _patients_and_referrals(demo, counts, progress):
    rng, remaining = demo.rng, demo.size.referrals
    descriptors = Descriptors(demo, demo.stream("presenting_complaints"))
    measures = Measures(demo, descriptors)
    arrivals, nhs_numbers = referrals.calendar(demo), patients.nhs_numbers(demo.rng)
    while remaining > 0:
        people = []
        while remaining > 0 and len(people) < PATIENTS_PER_CHUNK:
            locality = rng.choice(demo.localities)
            episodes = referrals.episodes(demo, locality, arrivals.pick(rng), limit=remaining)
            first_contact = episodes[0].referral.created_at
            people.append((patients.new_patient(demo, locality, next(nhs_numbers), first_contact), episodes))
            remaining -= len(episodes)
        _write(people, counts)
        _write_clinical(people, counts, descriptors, measures)
        reset_queries()  # with DEBUG on, Django would otherwise keep thousands of big INSERTs
        if progress:
            progress(counts)


def _write(people, counts):
    """Write a chunk of (patient, episodes), parents first so children can take their ids.

    Later domains (presenting complaints, measures, appointments, outcomes) generate their rows
    from each written Episode: its referral has a pk, and its history says when treatment started
    and ended (see _write_clinical).
    """
    episodes = [episode for _, patient_episodes in people for episode in patient_episodes]
    with explicit_timestamps(Patient, Referral, ReferralStatusChange):
        insert(Patient, [patient for patient, _ in people])
        for patient, patient_episodes in people:
            for episode in patient_episodes:
                episode.referral.patient_id = patient.pk
        insert(Referral, [episode.referral for episode in episodes])
        for episode in episodes:
            for change in episode.history:
                change.referral_id = episode.referral.pk
        insert(ReferralStatusChange, [change for episode in episodes for change in episode.history])
    counts["patients"] += len(people)
    counts["referrals"] += len(episodes)
    counts["status_changes"] += sum(len(episode.history) for episode in episodes)


def _write_clinical(people, counts, descriptors, measures):
    """Problem descriptors for every assessed referral, then its questionnaire responses."""
    for patient, patient_episodes in people:
        for episode in patient_episodes:
            assessment = presenting_complaints.assessment(episode)
            if assessment is not None:
                measures.add(patient, episode, descriptors.for_episode(episode, assessment.at), assessment)
    descriptors.write(counts)
    measures.write(counts)
