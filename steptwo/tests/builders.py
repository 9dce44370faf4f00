"""Test data built through the service layer, so tests only see states real code can produce.

service ── team ── pwp (PWP), trainee, supervisor, admin, manager, sysadmin (one per role)
   └── patient (NHS 943 476 5919) ── referral (GP, waiting, allocated to pwp)
other_service ── other_team ── other_pwp
   └── other_patient ── other referral
"""

import datetime
import itertools

from steptwo.accounts import services as accounts
from steptwo.accounts.models import Role
from steptwo.organisations import services as organisations
from steptwo.patients import services as patients
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import SourceOfReferral

PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def make_service(name="Northshire Talking Therapies", ods_code=None):
    return organisations.create_service(by=None, name=name, ods_code=ods_code or f"T{next(_counter):04d}")


def make_team(service, name="North team", code=None):
    return organisations.create_team(by=None, service=service, name=name, code=code or f"TM{next(_counter)}")


def make_staff(service, role=Role.PWP, teams=(), username=None, first_name="Jo", last_name="Practitioner"):
    return accounts.create_staff(
        by=None, service=service, username=username or f"{role}-{next(_counter)}", password=PASSWORD,
        first_name=first_name, last_name=last_name, role=role, teams=teams,
    )  # fmt: skip


def make_patient(service, by, **fields):
    values = {
        "nhs_number": "9434765919", "given_name": "Alex", "family_name": "Example",
        "date_of_birth": datetime.date(1985, 6, 15), "postcode": "NE1 4XX",
    } | fields  # fmt: skip
    return patients.create_patient(by=by, service=service, **values)


def make_referral(patient, team, by, **fields):
    values = {
        "received_date": datetime.date(2026, 10, 1), "source": SourceOfReferral.GP,
        "reason": "Low mood and worry since losing job", "practitioner": by,
    } | fields  # fmt: skip
    return referrals.create_referral(by=by, patient=patient, team=team, **values)
