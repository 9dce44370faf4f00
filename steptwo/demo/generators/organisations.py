"""The provider: one Service, one Team per locality, and the GP practices in each patch."""

import datetime

from steptwo.demo import places
from steptwo.demo.context import Locality
from steptwo.demo.db import explicit_timestamps
from steptwo.organisations.models import Service, Team

PRACTICES_PER_TOWN = 3


def create(demo):
    opened = demo.moment(demo.first_day - datetime.timedelta(days=90), 9, 0)
    with explicit_timestamps(Service, Team):
        demo.service = Service.objects.create(
            name=places.SERVICE_NAME, ods_code=places.SERVICE_ODS_CODE, created_at=opened
        )
        for index, (name, code, towns) in enumerate(places.LOCALITIES[: demo.size.teams]):
            team = Team.objects.create(service=demo.service, name=name, code=code, created_at=opened)
            demo.localities.append(_locality(demo.rng, index, team, towns))


def _locality(rng, index, team, towns):
    practices = []
    for town in towns:
        for _ in range(PRACTICES_PER_TOWN):
            pattern = rng.choice(places.PRACTICE_PATTERNS)
            name = pattern.format(town=town, street=rng.choice(places.STREET_NAMES))
            if name not in (practice_name for practice_name, _ in practices):
                practices.append((name, f"X{index + 1}{len(practices) + 1:04d}"))
    return Locality(team=team, towns=towns, postcode_district=(index + 1) * 10, practices=practices)
