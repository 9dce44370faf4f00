"""One generator per domain, called in order by steptwo.demo.build.build_demo.

organisations and staff take the shared Demo context, write their (few) rows, and leave on it what
later generators need: the service, one Locality per team with its admins, supervisor, caseload
holders and high-intensity therapists, and who supervises whom. treatment.create_directory adds the
signposting directory.

Then people are made a chunk at a time, so memory stays flat at any size. patients makes a person;
referrals decides when their referrals arrive, and journey walks each one through the service
(triage, waiting list, assessment, decision, sessions, step-up, discharge), booking appointments in
the clinicians' diaries (demo.diary). Each journey then becomes rows, domain by domain: intake
(IncomingReferral), appointments (and DNA follow-up tasks), presenting_complaints, measures
(questionnaires, risk reviews, remote links), assessments (assessment, goals, risk), treatment (plan,
session notes with sign-off, step-up, signposting) and discharges. Each draws from its own random
stream (Demo.stream), so changing one domain leaves what a seed gives for the others alone; the
journeys and patients share the main one. Rows are written as plain tuples with ids handed out in
advance (db.Table), so children can point at parents before either is written.

review_cases steers a few of the personas' cases (in the walk, and through marks on the journey that
measures and treatment follow) so that the supervisor's review list shows every rule. supervision
collects each PWP's and trainee's cases as the chunks go by and, once all are known, writes half a
year of supervision sessions, case discussions and their actions (as tasks).
"""
