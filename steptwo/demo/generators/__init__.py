"""One generator per domain, called in order by steptwo.demo.build.build_demo.

organisations and staff take the shared Demo context, write their (few) rows, and leave on it what
later generators need: the service, one Locality per team with its admins, supervisor and
caseload holders. patients and referrals return unsaved rows that build_demo writes in chunks of
patients, so memory stays flat at any size. New per-referral domains (appointments, measures,
outcomes) add a module here whose function takes a written referrals.Episode and returns rows, and
one call in build._write.
"""
