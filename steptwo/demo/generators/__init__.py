"""One generator per domain, called in order by steptwo.demo.build.build_demo.

organisations and staff take the shared Demo context, write their (few) rows, and leave on it what
later generators need: the service, one Locality per team with its admins, supervisor and
caseload holders. patients and referrals return unsaved rows that build_demo writes in chunks of
patients, so memory stays flat at any size. Per-referral domains take each written
referrals.Episode and collect rows for the chunk, written by one call in build._write_clinical:
presenting_complaints (problem descriptors at assessment) and measures (questionnaire responses,
risk-review tasks, remote links). Each draws from its own random stream (Demo.stream), so adding
or changing a domain leaves what a seed gives for the others alone. New domains (appointments,
outcomes) follow the same pattern.
"""
