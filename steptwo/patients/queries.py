"""Read-side queries for patient pages. Every function starts from the user's scoped queryset."""

from steptwo.patients.forms.search_form import interpret
from steptwo.patients.models import Patient
from steptwo.referrals.codes import OPEN_STATUSES

SCOPES = {"mine": "My patients", "team": "My teams' patients", "all": "Everyone in the service"}


def patients_for_list(user, *, scope, team_id=None, query=""):
    patients = Patient.objects.for_user(user)
    if scope == "mine":
        patients = patients.filter(referrals__practitioner=user, referrals__status__in=OPEN_STATUSES)
    elif scope == "team":
        teams = user.teams.all()
        if team_id:
            teams = teams.filter(pk=team_id)
        patients = patients.filter(referrals__team__in=teams, referrals__status__in=OPEN_STATUSES)
    if query:
        patients = _search(patients, query)
    return patients.distinct().order_by("family_name", "given_name", "pk")


def _search(patients, query):
    kind, value = interpret(query)
    if kind == "nhs_number":
        return patients.filter(nhs_number=value)
    if kind == "date_of_birth":
        return patients.filter(date_of_birth=value)
    for word in value.split():
        patients = (
            patients.filter(given_name__icontains=word)
            | patients.filter(family_name__icontains=word)
            | patients.filter(preferred_name__icontains=word)
        )
    return patients
