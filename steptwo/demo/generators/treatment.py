"""Treatment plans, session notes with sign-off, step-ups and signposting, as treatment.services records them.

A referral taken on at step 2 has one or two planned low-intensity interventions from its decision
on, recorded as their default data-set therapy type (treatment.codes.DEFAULT_THERAPY_TYPE) or, for
some book-based ones, the computer-based type; now and then the first is ended and another added.
Every attended treatment contact has a session note. A PWP's or high-intensity therapist's note is
final when written; a trainee's waits for their supervisor to sign it off (a NOTE_SIGN_OFF task),
which they do within the week, so the newest few still wait. A step-up keeps the latest scores as
they were that day. Signposting names an organisation in the service's directory (directory.py).
"""

import datetime

from steptwo.accounts.models import Role
from steptwo.assessments.codes import Decision
from steptwo.core.formatting import format_datetime
from steptwo.demo import directory, session_text
from steptwo.demo.db import Table, explicit_timestamps, insert
from steptwo.demo.randomness import Weighted, chance
from steptwo.tasks.models import TaskKind
from steptwo.tasks.services import next_working_day
from steptwo.treatment import notes
from steptwo.treatment.codes import DEFAULT_THERAPY_TYPE, NoteStatus, TherapyType
from steptwo.treatment.models import PlannedIntervention, SessionNote, Signposting, SignpostingOrganisation, StepUp

PLAN_FIELDS = ("id", "referral", "intervention", "therapy_type", "added_at", "added_by", "ended_at", "ended_by")
NOTE_FIELDS = (
    "id", "appointment", "session_number", "work_done", "homework_reviewed", "homework_set", "note", "status",
    "written_by", "created_at", "updated_at", "finalised_at", "signed_off_at", "signed_off_by", "version",
)  # fmt: skip
STEP_UP_FIELDS = ("referral", "reason", "scores", "stepped_up_at", "stepped_up_by")
SIGNPOSTING_FIELDS = ("referral", "organisation", "note", "signposted_at", "signposted_by")

SECOND_INTERVENTION = 0.25
BY_COMPUTER = 0.15  # of guided self-help planned as a book: delivered online instead
SWITCHED, SWITCH_AT_SESSION = 0.1, 3
SIGN_OFF_DAYS = Weighted({1: 20, 2: 20, 3: 20, 4: 15, 5: 15, 6: 10})  # at the next weekly supervision
AWAITING_SIGN_OFF_AT_LEAST = 3  # trainee notes from the last three weeks still waiting at the anchor date
SIGNPOSTED_AT_DISCHARGE = 0.06  # of step 2 completers, for support alongside (it does not end a referral)
FIRST_INTERVENTIONS = {family: Weighted(options) for family, options in session_text.FIRST_INTERVENTIONS.items()}
SECOND_INTERVENTIONS = Weighted(session_text.SECOND_INTERVENTIONS)
SIGNPOSTING_NOTES = ["Gave details; patient will self-refer", "Gave phone number and website",
                     "Referred with the patient's consent"]  # fmt: skip


def create_directory(demo, manager):
    """The service's signposting directory, set up by the service manager when the service opened."""
    opened = demo.moment(demo.first_day - datetime.timedelta(days=60), 10, 0)
    rows = [
        SignpostingOrganisation(
            service=demo.service,
            name=entry.name,
            offers=entry.offers,
            phone=entry.phone,
            website=entry.website,
            email=f"hello@{entry.website.split('//')[1]}",
            area=entry.area,
            updated_at=opened,
            updated_by=manager,
        )
        for entry in directory.ORGANISATIONS
    ]
    with explicit_timestamps(SignpostingOrganisation):
        insert(SignpostingOrganisation, rows)
    demo.signposting = {entry.key: row.pk for entry, row in zip(directory.ORGANISATIONS, rows, strict=True)}


class Treatment:
    def __init__(self, demo, tasks):
        self.demo, self.rng, self.tasks = demo, demo.stream("treatment"), tasks
        self.plans = Table(PlannedIntervention, PLAN_FIELDS)
        self.notes = Table(SessionNote, NOTE_FIELDS)
        self.note_interventions = Table(SessionNote.interventions.through, ("sessionnote", "plannedintervention"))
        self.step_ups = Table(StepUp, STEP_UP_FIELDS)
        self.signpostings = Table(Signposting, SIGNPOSTING_FIELDS)
        self.names = {user.pk: user.get_full_name() for user in demo.staff}
        self.kept_awaiting = 0

    def add(self, patient_id, episode, family, scores):
        """Write the referral's treatment rows; when its first intervention was switched for another, or None."""
        journey, referral = episode.journey, episode.referral
        self.switched_at = None
        plan = self._plan(journey, referral.pk, family) if journey.decision == Decision.TREAT else []
        contacts = journey.treatment_contacts()
        for contact in contacts:
            waits = journey.awaiting_note and contact is contacts[-1]  # on the persona's review list
            self._note(patient_id, referral.pk, contact, plan, waits)
        if journey.step_up_at:
            last = scores.first_and_last(until=journey.step_up_at) if scores else {}
            self.step_ups.add(referral.pk, journey.step_up_reason, {key: entry["last"] for key, entry in last.items()},
                              journey.step_up_at, journey.step_up_by_id)  # fmt: skip
        if journey.decision == Decision.SIGNPOST:
            self._signpost(episode, journey.decision_at)
        elif journey.end_code == "46" and not journey.step_up_at and chance(self.rng, SIGNPOSTED_AT_DISCHARGE):
            self._signpost(episode, journey.discharged_at - datetime.timedelta(minutes=self.rng.randint(2, 20)))
        return self.switched_at

    def write(self, counts):
        counts["planned_interventions"] += self.plans.write()
        counts["session_notes"] += self.notes.write()
        self.note_interventions.write()
        counts["step_ups"] += self.step_ups.write()
        counts["signpostings"] += self.signpostings.write()

    def _plan(self, journey, referral_id, family):
        """The planned interventions, written as rows: [(id, intervention, added at, ended at)]."""
        rng, at, by = self.rng, journey.decision_at, journey.practitioner_id
        chosen = [FIRST_INTERVENTIONS[family].pick(rng)]
        if chance(rng, SECOND_INTERVENTION):
            second = SECOND_INTERVENTIONS.pick(rng)
            if second != chosen[0]:
                chosen.append(second)
        entries = [[intervention, at, None] for intervention in chosen]
        sessions = [contact for contact in journey.contacts if contact.session_number and contact.kind == "session"]
        others = [option for option in session_text.FIRST_INTERVENTIONS[family] if option not in chosen]
        if others and len(sessions) > SWITCH_AT_SESSION and chance(rng, SWITCHED):
            switched_at = sessions[SWITCH_AT_SESSION - 1].ends_at + datetime.timedelta(minutes=2)
            entries[0][2] = self.switched_at = switched_at
            entries.append([rng.choice(others), switched_at, None])
        for entry in entries:
            entry[2] = entry[2] or journey.step_up_at  # the step 2 plan ends when high intensity takes over
        plan = []
        for intervention, added_at, ended_at in entries:
            therapy_type = DEFAULT_THERAPY_TYPE[intervention]
            if therapy_type == TherapyType.GUIDED_SELF_HELP_BOOK and chance(rng, BY_COMPUTER):
                therapy_type = TherapyType.GUIDED_SELF_HELP_COMPUTER
            planned_id = self.plans.next_id()
            self.plans.add(planned_id, referral_id, intervention, therapy_type, added_at, by, ended_at,
                           by if ended_at else None)  # fmt: skip
            plan.append((planned_id, intervention, added_at, ended_at))
        return plan

    def _note(self, patient_id, referral_id, contact, plan, waits=False):
        rng = self.rng
        note_id = self.notes.next_id()
        active = [
            (planned_id, intervention)
            for planned_id, intervention, added_at, ended_at in plan
            if contact.kind == "session"
            and added_at <= contact.starts_at
            and (ended_at is None or ended_at > contact.starts_at)
        ]
        for planned_id, _ in active:
            self.note_interventions.add(note_id, planned_id)
        if contact.kind == "session" and active:
            work_done = rng.choice(session_text.WORK_DONE[active[0][1]])
            reviewed = rng.choice(session_text.HOMEWORK_REVIEWED) if contact.session_number > 1 else ""
            homework, note = rng.choice(session_text.HOMEWORK_SET), rng.choice(session_text.NOTES)
        else:
            work_done, reviewed, homework, note = rng.choice(session_text.HIGH_INTENSITY_NOTES), "", "", ""
        written_at, writer = contact.note_at, contact.practitioner_id
        if self.demo.roles[writer] != Role.TRAINEE_PWP:
            self.notes.add(note_id, contact.pk, contact.session_number, work_done, reviewed, homework, note,
                           NoteStatus.FINAL, writer, written_at, written_at, written_at, None, None, 2)  # fmt: skip
            return
        signed_off_at, supervisor = self._sign_off(written_at), self.demo.supervisor_of[writer]
        signed_off_at = None if waits else signed_off_at
        self.notes.add(
            note_id, contact.pk, contact.session_number, work_done, reviewed, homework, note,
            NoteStatus.FINAL if signed_off_at else NoteStatus.AWAITING_SIGN_OFF, writer, written_at,
            signed_off_at or written_at, signed_off_at, signed_off_at, supervisor if signed_off_at else None,
            3 if signed_off_at else 2,
        )  # fmt: skip
        self.tasks.add(  # as treatment.notes raises it when the trainee finalises the note
            patient_id, referral_id, supervisor, TaskKind.NOTE_SIGN_OFF,
            f"Sign off session {contact.session_number} note by {self.names[writer]}",
            f"Session on {format_datetime(contact.starts_at)}.", next_working_day(next_working_day(written_at.date())),
            None, contact.pk, written_at, signed_off_at, supervisor if signed_off_at else None,
            notes.SIGNED_OFF if signed_off_at else "",
        )  # fmt: skip

    def _sign_off(self, written_at):
        """When the supervisor signs the note off, or None if they have not yet."""
        demo = self.demo
        at = demo.working_time_after(written_at, SIGN_OFF_DAYS.pick(self.rng), rng=self.rng)
        recent = demo.anchor - written_at.date() <= datetime.timedelta(days=21)
        if at >= demo.cutoff or (recent and self.kept_awaiting < AWAITING_SIGN_OFF_AT_LEAST):
            self.kept_awaiting += at < demo.cutoff
            return None
        return at

    def _signpost(self, episode, at):
        rng, reason = self.rng, episode.reason.lower()
        keys = [key for word, key in directory.SIGNPOST_FOR.items() if word in reason] or directory.FALLBACK
        organisation = self.demo.signposting[rng.choice(keys)]
        self.signpostings.add(episode.referral.pk, organisation, rng.choice(SIGNPOSTING_NOTES), at,
                              episode.journey.practitioner_id)  # fmt: skip
