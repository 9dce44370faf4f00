"""Staff in every role. One persona per role has a fixed username; the rest are numbered.

Every account has the same demo password, hashed once (hashing is deliberately slow) with a salt
from the seed, so that the same seed gives the same database byte for byte.

Capacity details (supervision.capacity): some PWPs work part time (0.8 or 0.6 whole-time equivalent),
a few have a caseload capacity a service manager set for them, and each trainee began their training
year in a different month before the anchor date (and joined the service then). Referrals are shared
out by these (context.Locality.allocate): a PWP by their FTE, a trainee by how far into the year they are.
"""

import datetime
import string
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from steptwo.accounts.models import Role, User
from steptwo.demo import names
from steptwo.demo.db import explicit_timestamps, insert
from steptwo.demo.generators.patients import ETHNICITIES
from steptwo.demo.randomness import Weighted

PASSWORD = "steptwo-demo"
EMAIL_DOMAIN = "kestrelvale.example"
SALT_CHARACTERS = string.ascii_letters + string.digits


@dataclass(frozen=True)
class Persona:
    username: str
    role: Role
    first_name: str
    last_name: str


# The sign-ins to demonstrate with: the first member of staff in each role.
PERSONAS = [
    Persona("pwp", Role.PWP, "Jess", "Morgan"),
    Persona("trainee", Role.TRAINEE_PWP, "Tom", "Okoye"),
    Persona("supervisor", Role.PWP_SUPERVISOR, "Aisha", "Rahman"),
    Persona("hi-therapist", Role.HIGH_INTENSITY, "Daniel", "Kowalczyk"),
    Persona("admin", Role.ADMIN_STAFF, "Chloe", "Evans"),
    Persona("manager", Role.SERVICE_MANAGER, "Marcus", "Bennett"),
    Persona("sysadmin", Role.SYSTEM_ADMIN, "Wei", "Chen"),
]
PERSONA_BY_ROLE = {persona.role: persona for persona in PERSONAS}
# Who holds a caseload of Step 2 referrals (their share of referrals: see context.Locality.allocate).
CASELOAD_ROLES = (Role.PWP, Role.TRAINEE_PWP)
# PWPs after the persona, in turn: whole-time equivalents, and every OVERRIDE_EVERY-th (from the second)
# with a caseload capacity set by a service manager (a phased return, a special-interest role, ...).
PWP_FTE = tuple(Decimal(fte) for fte in ("1", "0.8", "0.6", "1", "1", "0.8", "1", "0.6", "1"))
OVERRIDE_EVERY, OVERRIDES = 7, (30, 38, 50)
SUPERVISOR_FTE = (Decimal(1), Decimal("0.8"))
# Months into their training year at the anchor date: the persona 11 (a fuller caseload to show), the
# others spread over the year, each a different month where there are enough of them.
PERSONA_TRAINING_MONTHS = 11

_STAFF_SEX = Weighted({"female": 78, "male": 22})


def create(demo):
    joined = demo.moment(demo.first_day - datetime.timedelta(days=60), 9, 0)
    planned = _plan(demo)
    password = make_password(PASSWORD, salt="".join(demo.rng.choices(SALT_CHARACTERS, k=22)))  # salted by the seed too
    users = [_user(demo, username, role, joined, password, full_name) for username, role, _, full_name in planned]
    _capacity_details(demo, users)
    with explicit_timestamps(User):
        insert(User, users)
    Membership = User.teams.through
    insert(Membership, [
        Membership(user_id=user.pk, team_id=locality.team.pk)
        for user, (_, _, localities, _) in zip(users, planned)
        for locality in localities
    ])  # fmt: skip
    for user, (_, _, localities, _) in zip(users, planned):
        for locality in localities:
            _give_job(locality, user)
    _assign_supervisors(demo)
    demo.staff = users
    demo.roles = {user.pk: user.role for user in users}


def _assign_supervisors(demo):
    """Each team's PWPs and trainees are shared among its PWP supervisors (case management and sign-off):
    the PWPs in turn, then the trainees in turn, each starting with the first supervisor, so the personas
    `pwp` and `trainee` are supervised by `supervisor`."""
    supervised = []
    for locality in demo.localities:
        for role in CASELOAD_ROLES:
            for index, user in enumerate(user for user in locality.caseload_shares if user.role == role):
                supervisor = locality.supervisors[index % len(locality.supervisors)]
                user.supervisor_id = demo.supervisor_of[user.pk] = supervisor.pk
                supervised.append(user)
    User.objects.bulk_update(supervised, ["supervisor"])


def _capacity_details(demo, users):
    """FTE, capacity overrides and training start dates, from a stream of their own."""
    rng, counts = demo.stream("staff_capacity"), {}
    for user in users:
        index = counts[user.role] = counts.get(user.role, -1) + 1
        if user.role == Role.PWP and index:
            user.fte = PWP_FTE[(index - 1) % len(PWP_FTE)]
            if index % OVERRIDE_EVERY == 1:
                user.caseload_capacity = OVERRIDES[(index // OVERRIDE_EVERY) % len(OVERRIDES)]
        elif user.role == Role.PWP_SUPERVISOR:
            user.fte = SUPERVISOR_FTE[index % len(SUPERVISOR_FTE)]
        elif user.role == Role.TRAINEE_PWP:
            months = 1 + (PERSONA_TRAINING_MONTHS - 1 + 5 * index) % 11
            started = demo.anchor - datetime.timedelta(days=round((months - 1) * 365 / 12) + rng.randint(3, 27))
            user.training_started_on = started
            user.date_joined = max(user.date_joined, demo.moment(started - datetime.timedelta(days=3), 9, 0))


def _plan(demo):
    """(username, role, localities, (first name, last name)) for every member of staff."""
    numbering = {}

    def next_username(role):
        numbering[role] = numbering.get(role, 0) + 1
        persona = PERSONA_BY_ROLE[role]
        return persona.username if numbering[role] == 1 else f"{persona.username}-{numbering[role]}"

    size, everywhere = demo.size, demo.localities
    planned = [(next_username(Role.SERVICE_MANAGER), Role.SERVICE_MANAGER, everywhere),
               (next_username(Role.SYSTEM_ADMIN), Role.SYSTEM_ADMIN, []),
               (next_username(Role.ADMIN_STAFF), Role.ADMIN_STAFF, everywhere)]  # fmt: skip
    for locality in demo.localities:
        team_roles = (
            [Role.PWP_SUPERVISOR] * size.supervisors_per_team + [Role.PWP] * size.pwps_per_team
            + [Role.TRAINEE_PWP] * size.trainees_per_team + [Role.HIGH_INTENSITY] * size.high_intensity_per_team
            + [Role.ADMIN_STAFF] * size.admins_per_team
        )  # fmt: skip
        planned += [(next_username(role), role, [locality]) for role in team_roles]
    return [(username, role, localities, _name(demo.rng, username)) for username, role, localities in planned]


def _name(rng, username):
    persona = next((persona for persona in PERSONAS if persona.username == username), None)
    if persona:
        return persona.first_name, persona.last_name
    name = names.person_name(rng, ETHNICITIES.pick(rng), _STAFF_SEX.pick(rng))
    return name.given, name.family


def _user(demo, username, role, joined, password, full_name):
    first_name, last_name = full_name
    return User(
        service=demo.service, username=username, first_name=first_name, last_name=last_name, role=role,
        email=f"{username}@{EMAIL_DOMAIN}", password=password, date_joined=joined,
    )  # fmt: skip


def _give_job(locality, user):
    if user.role == Role.ADMIN_STAFF:
        locality.admins.append(user)
    elif user.role == Role.PWP_SUPERVISOR:
        locality.supervisors.append(user)
    elif user.role in CASELOAD_ROLES:
        locality.caseload_shares[user] = float(user.fte)
    elif user.role == Role.HIGH_INTENSITY:
        locality.high_intensity.append(user)
