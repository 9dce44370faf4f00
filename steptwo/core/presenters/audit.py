"""Turn audit rows into text a service manager can read."""

from steptwo.accounts.models import User
from steptwo.core.formatting import format_datetime, format_nhs_number
from steptwo.patients.models import Patient

OBJECT_LABELS = {
    "patient": "Patient record",
    "referral": "Referral",
    "user": "Staff account",
    "team": "Team",
    "service": "Service",
}


class AuditEventPresenter:
    def __init__(self, event, patient=None, actor=None):
        self.event = event
        self.patient = patient
        self.actor = actor

    @classmethod
    def for_page(cls, events, user):
        events = list(events)
        patient_ids = {event.patient_id for event in events if event.patient_id}
        patients = Patient.objects.for_user(user).in_bulk(patient_ids)
        actors = User.objects.filter(service_id=user.service_id).in_bulk({event.actor_id for event in events})
        return [cls(event, patients.get(event.patient_id), actors.get(event.actor_id)) for event in events]

    @property
    def when(self):
        return format_datetime(self.event.at)

    @property
    def who(self):
        name = self.actor.get_full_name() if self.actor else ""
        username = self.event.actor_username or "unknown user"
        return f"{name} ({username})" if name else username

    @property
    def what(self):
        label = OBJECT_LABELS.get(self.event.object_type, self.event.object_type.replace("_", " ").capitalize())
        page = self.event.detail.get("page")
        target = label or (page.replace("_", " ").capitalize() if page else "")
        return f"{self.event.get_action_display()}: {target}" if target else self.event.get_action_display()

    @property
    def patient_label(self):
        if not self.patient:
            return ""
        number = format_nhs_number(self.patient.nhs_number)
        return f"{self.patient.full_name} ({number})" if number else self.patient.full_name

    @property
    def request_id(self):
        return self.event.request_id

    @property
    def ip_address(self):
        return self.event.ip_address or ""
