"""Importing the NHS Talking Therapies data set (v2.1) of another system: manage.py import_dataset.

The files are the ones the export writes (steptwo.dataset.tables): IDS001MPI, IDS101Referral and
IDS201CareContact are required; IDS202CareActivity, IDS603PresentingComplaints,
IDS606CodedScoreAssessmentRefer and IDS607CodedScoreAssessmentAct may be left out (no rows).

1. reading.py reads each file and checks its header.
2. validation.py checks every row (each problem with its file, row and column) and reads the values.
3. Only if nothing is wrong, writing.py writes every new row, in one transaction (services.import_dataset).

What the data set does not carry, and what is made instead:

* Patient names, addresses and contact details: none. The patient's first name is "Imported patient" and
  the last name the previous system's LocalPatientId, so lists show "Imported patient RX1-P7" until
  someone who can see the old record fills the real details in. Letters are off (consent_to_letters).
* Who did the work: the service's "Imported from previous system" account (inactive, cannot sign in,
  made on the first import) is the practitioner of every imported contact, the booker and outcome
  recorder, and the recorder of every imported score, problem descriptor and discharge, so no real
  member of staff is credited with another system's work. Open referrals are left unallocated (they
  appear for allocation); ended ones name the account as their practitioner. The person who ran the
  import is the actor of its audit event.
* Scores: a QuestionnaireResponse per score, completed, completed_by "imported" (measures.CompletedBy
  IMPORTED), its total and severity band kept, no item answers.
* Care activities (IDS202): the data set carries the therapy type, not the technique, so each referral
  gets one ended PlannedIntervention per therapy type (intervention "imported") and each contact a final
  SessionNote naming its therapy types and saying it was imported.
* Referral status: discharged with a discharge date; else in treatment after a treatment contact,
  assessed after another attended contact, waiting otherwise. Reason for referral: a sentence naming the
  ServiceRequestId.
* A contact without CareContTime starts at midnight; without ClinContDurOfCareCont it lasts 0 minutes.
* The import time where a recorded-at time is needed (booked, outcome recorded); PresCompDate (local
  midnight) as the problem descriptor's recorded time.

References must point into the same file set (a contact's ServiceRequestId into IDS101Referral.csv, ...).

Re-importing: rows are matched by their source id (dataset.models.ImportedRecord). A row imported before
and sent again unchanged is skipped, so the same files import once, and a later file set adds only its new
rows, attached to the records imported before. An import never changes what an earlier one made: a row
imported before whose values differ from what Step Two holds (a referral imported while open and re-sent
with its discharge, a contact re-sent with its outcome) is a problem naming the file, row, column and both
values (changes.py), so the whole import is refused rather than the change silently dropped; make the
change in Step Two instead, then import again.
"""
