"""build_demo: a whole synthetic provider, generated domain by domain inside one transaction."""

import datetime
from collections import Counter

from django.db import reset_queries, transaction
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.models import Appointment
from steptwo.assessments.models import Assessment
from steptwo.core.db_stats import refresh_planner_statistics
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.demo import letters as discharge_letters
from steptwo.demo.context import Demo
from steptwo.demo.db import Ids, Table, insert_objects, reset_sequences
from steptwo.demo.diary import Diary
from steptwo.demo.generators import anchor_date, organisations, patients, referrals, staff
from steptwo.demo.generators.appointments import Appointments, task_table
from steptwo.demo.generators.assessments import Assessments
from steptwo.demo.generators.discharges import Discharges
from steptwo.demo.generators.intake import Intake
from steptwo.demo.generators.journey import Pathway
from steptwo.demo.generators.measures import Measures
from steptwo.demo.generators.presenting_complaints import Descriptors
from steptwo.demo.generators.supervision import Supervision
from steptwo.demo.generators.treatment import Treatment, create_directory
from steptwo.demo.sizes import SIZES
from steptwo.measures.models import CompletionRequest, QuestionnaireResponse
from steptwo.outcomes import storage as stored_outcomes
from steptwo.patients.models import Patient
from steptwo.referrals.models import Referral, ReferralStatusChange
from steptwo.supervision.models import CaseDiscussion, SupervisionSession
from steptwo.tasks.models import Task
from steptwo.treatment.models import PlannedIntervention, SessionNote

PATIENTS_PER_CHUNK = 2_000  # generated, written and forgotten together, so memory stays flat
CLINICIANS_WITH_A_DIARY = (Role.PWP, Role.TRAINEE_PWP, Role.HIGH_INTENSITY)
STATUS_CHANGE_FIELDS = ("referral", "status", "changed_at", "changed_by", "note")
# Their ids are handed out in advance, so their sequences are moved on afterwards.
PRE_NUMBERED = (Patient, Referral, Appointment, QuestionnaireResponse, CompletionRequest, Assessment,
                PlannedIntervention, SessionNote, SupervisionSession, CaseDiscussion, Task)  # fmt: skip


@transaction.atomic
def build_demo(size, seed, anchor=None, progress=None, letters=0):
    """Write a demo provider of `size` ("small", "medium", "large" or a Size); return row counts.

    The same size, seed and anchor date always give the same data. `progress`, if given, is
    called with the counts so far after each chunk of patients. `letters`: how many of the newest
    discharges get their discharge letters rendered (PDFs are slow: seed_demo asks for a few).
    """
    demo = Demo(size=SIZES.get(size, size), seed=seed, anchor=anchor or timezone.localdate())
    organisations.create(demo)
    staff.create(demo)
    create_directory(demo, next(user for user in demo.staff if user.role == Role.SERVICE_MANAGER))
    counts = Counter(services=1, teams=len(demo.localities), staff=len(demo.staff),
                     signposting_organisations=len(demo.signposting))  # fmt: skip
    Builder(demo, counts, progress).run()
    reset_sequences(*PRE_NUMBERED)
    stored_outcomes.fill()  # so the first outcomes report reads them (ADR 0012)
    refresh_planner_statistics()  # after a bulk load (ADR 0011)
    counts["letters"] += discharge_letters.recent_discharge_letters(demo, letters)
    audit.record(by=None, action=AuditAction.CREATE, obj=demo.service, service=demo.service, detail={
        "demo_data": True, "size": demo.size.name, "seed": seed, "anchor": demo.anchor.isoformat(), "rows": dict(counts),
    })  # fmt: skip
    return counts


class Builder:
    """Generates people a chunk at a time: their referrals' journeys, then every domain's rows, then writes."""

    def __init__(self, demo, counts, progress):
        self.demo, self.counts, self.progress = demo, counts, progress
        self.patient_ids, self.referral_ids = Ids(Patient), Ids(Referral)
        self.status_changes = Table(ReferralStatusChange, STATUS_CHANGE_FIELDS)
        self.tasks = task_table()
        self.appointments = Appointments(self.tasks)
        self.pathway = Pathway(demo, Diary(demo, demo.stream("diary")), self.appointments.ids)
        self.intake = Intake(demo)
        self.descriptors = Descriptors(demo, demo.stream("presenting_complaints"))
        self.measures = Measures(demo, self.descriptors)
        self.assessments = Assessments(demo)
        self.treatment = Treatment(demo, self.tasks)
        self.discharges = Discharges(demo)
        self.supervision = Supervision(demo, self.pathway.review_cases)

    def run(self):
        demo = self.demo
        rng, remaining = demo.rng, demo.size.referrals
        arrivals, nhs_numbers = referrals.calendar(demo), patients.nhs_numbers(demo.rng)
        clinicians = [user.pk for user in demo.staff if user.role in CLINICIANS_WITH_A_DIARY]
        while remaining > 0:
            people = []
            while remaining > 0 and len(people) < PATIENTS_PER_CHUNK:
                locality = rng.choice(demo.localities)
                episodes = referrals.episodes(
                    demo, self.pathway, self.referral_ids, locality, arrivals.pick(rng), limit=remaining
                )
                patient = patients.new_patient(demo, locality, next(nhs_numbers), episodes[0].journey.received_at)
                self._admit(patient, episodes)
                people.append((patient, episodes))
                remaining -= len(episodes)
            if remaining <= 0:
                self.intake.top_up(people, nhs_numbers)
            anchor_date.fill(self.pathway, [e for _, episodes in people for e in episodes], clinicians)
            self._generate(people)
            self._write(people)
            reset_queries()  # with DEBUG on, Django would otherwise keep thousands of big INSERTs
            if self.progress:
                self.progress(self.counts)
        self.supervision.write(self.counts)  # the last half year's supervision, once every case is known

    def _admit(self, patient, episodes):
        """Give the person a patient record when triage first accepts one of their referrals."""
        accepted = [episode.referral for episode in episodes if episode.referral]
        if not accepted:
            return  # only ever an incoming referral: the details stay on it
        patient.pk = self.patient_ids.next()
        patient.created_at = patient.updated_at = accepted[0].created_at - datetime.timedelta(
            minutes=self.demo.rng.randint(1, 20)
        )
        for referral in accepted:
            referral.patient_id = patient.pk

    def _generate(self, people):
        for patient, episodes in people:
            known = False
            for episode in episodes:
                self.intake.add(patient, episode, known)
                if episode.referral:
                    self._clinical(patient, episode)
                    known = True

    def _clinical(self, patient, episode):
        """Appointments, then what the assessment and sessions recorded, then the step-up and discharge."""
        journey, scores, family, risk_levels = episode.journey, None, None, None
        self.appointments.add(patient.pk, episode)
        if journey.assessment:
            complaints = self.descriptors.for_episode(
                episode, journey.assessment.ends_at - datetime.timedelta(minutes=5)
            )
            scores = self.measures.add(patient, episode, complaints)
            family, risk_levels = self.assessments.add(patient, episode, complaints, scores)
        switched_at = self.treatment.add(patient.pk, episode, family, scores)
        self.discharges.add(episode, scores)
        self.supervision.add(episode, scores, risk_levels, switched_at)

    def _write(self, people):
        """Write the chunk, parents first."""
        counts = self.counts
        admitted = [patient for patient, _ in people if patient.pk]
        episodes = [episode for _, patient_episodes in people for episode in patient_episodes if episode.referral]
        counts["patients"] += insert_objects(Patient, admitted)
        counts["referrals"] += insert_objects(Referral, [episode.referral for episode in episodes])
        self.status_changes.rows = [
            (episode.referral.pk, step.status, step.at, step.by_id, step.note)
            for episode in episodes
            for step in episode.journey.steps
        ]
        counts["status_changes"] += self.status_changes.write()
        self.intake.write(counts)
        self.appointments.write(counts)
        self.measures.write(counts)
        self.descriptors.write(counts)
        counts["dna_and_sign_off_tasks"] += self.tasks.write()
        self.assessments.write(counts)
        self.treatment.write(counts)
        self.discharges.write(counts)
