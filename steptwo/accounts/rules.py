"""Every permission in Step Two, as named predicates over the staff member's role.

Views ask `request.user.has_perm(Permission.X)` (or use PermissionRequiredMixin); templates get the
same answers through `perms`. Scoping to the user's Service is separate: see each model's
`for_user` queryset method.
"""

import rules

from steptwo.accounts.models import Role


def _has_role(*roles):
    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}")
    def predicate(user):
        return bool(user and user.is_authenticated and user.is_active and user.service_id and user.role in roles)

    return predicate


is_pwp = _has_role(Role.PWP)
is_trainee_pwp = _has_role(Role.TRAINEE_PWP)
is_pwp_supervisor = _has_role(Role.PWP_SUPERVISOR)
is_high_intensity = _has_role(Role.HIGH_INTENSITY)
is_admin_staff = _has_role(Role.ADMIN_STAFF)
is_service_manager = _has_role(Role.SERVICE_MANAGER)
is_system_admin = _has_role(Role.SYSTEM_ADMIN)

is_clinician = is_pwp | is_trainee_pwp | is_pwp_supervisor | is_high_intensity
works_with_patients = is_clinician | is_admin_staff | is_service_manager


class Permission:
    VIEW_PATIENT = "patients.view_patient"
    ADD_PATIENT = "patients.add_patient"
    CHANGE_PATIENT = "patients.change_patient"
    VIEW_REFERRAL = "referrals.view_referral"
    ADD_REFERRAL = "referrals.add_referral"
    CHANGE_REFERRAL = "referrals.change_referral"
    VIEW_AUDIT_LOG = "core.view_auditevent"
    MANAGE_STAFF = "accounts.manage_staff"
    CHANGE_SERVICE_SETTINGS = "organisations.change_service_settings"
    RECORD_RISK_REVIEW = "tasks.record_risk_review"
    TRIAGE_REFERRAL = "referrals.triage_referral"
    BOOK_APPOINTMENT = "appointments.book_appointment"
    RECORD_CLINICAL_CARE = "assessments.record_clinical_care"
    SIGN_OFF_NOTE = "treatment.sign_off_note"
    MANAGE_SIGNPOSTING = "treatment.manage_signposting"
    HOLD_CASELOAD = "supervision.hold_caseload"
    SUPERVISE = "supervision.supervise"
    VIEW_CAPACITY = "supervision.view_capacity"
    VIEW_OUTCOMES = "outcomes.view_outcomes"
    EXPORT_DATASET = "dataset.export_dataset"


# Who may see and record patient data: clinicians, booking staff and service managers.
# System administrators manage accounts and settings, not patient records.
rules.add_perm(Permission.VIEW_PATIENT, works_with_patients)
rules.add_perm(Permission.ADD_PATIENT, is_clinician | is_admin_staff)
rules.add_perm(Permission.CHANGE_PATIENT, is_clinician | is_admin_staff)
rules.add_perm(Permission.VIEW_REFERRAL, works_with_patients)
rules.add_perm(Permission.ADD_REFERRAL, is_clinician | is_admin_staff)
rules.add_perm(Permission.CHANGE_REFERRAL, is_clinician | is_admin_staff)
rules.add_perm(Permission.VIEW_AUDIT_LOG, is_service_manager | is_system_admin)
rules.add_perm(Permission.MANAGE_STAFF, is_system_admin)
rules.add_perm(Permission.CHANGE_SERVICE_SETTINGS, is_service_manager | is_system_admin)
# A risk review is clinical work: only clinicians may record one (domain reference §2.5).
rules.add_perm(Permission.RECORD_RISK_REVIEW, is_clinician)
# Triage decides whether the service takes a referral on: a clinical decision.
rules.add_perm(Permission.TRIAGE_REFERRAL, is_clinician)
# Booking staff book appointments and record attendance as well as clinicians.
rules.add_perm(Permission.BOOK_APPOINTMENT, is_clinician | is_admin_staff)
# Assessment, risk assessment, treatment notes, step-up, signposting and discharge.
rules.add_perm(Permission.RECORD_CLINICAL_CARE, is_clinician)
# A trainee's session notes are signed off by a PWP supervisor (domain reference §5, supervision).
rules.add_perm(Permission.SIGN_OFF_NOTE, is_pwp_supervisor)
rules.add_perm(Permission.MANAGE_SIGNPOSTING, is_clinician | is_service_manager)
# Caseloads are held by PWPs, trainees and supervisors (who also see cases); supervision is recorded by
# supervisors; service managers see every caseload and capacity, and may read supervision records.
rules.add_perm(Permission.HOLD_CASELOAD, is_pwp | is_trainee_pwp | is_pwp_supervisor)
rules.add_perm(Permission.SUPERVISE, is_pwp_supervisor)
rules.add_perm(Permission.VIEW_CAPACITY, is_pwp_supervisor | is_service_manager)
# Outcomes of the whole service, any team and any PWP. A PWP or trainee sees only their own outcomes
# (HOLD_CASELOAD, checked by the outcomes views).
rules.add_perm(Permission.VIEW_OUTCOMES, is_pwp_supervisor | is_service_manager)
# The monthly data-set files and their data-quality report carry identifiable data (NHS numbers).
rules.add_perm(Permission.EXPORT_DATASET, is_service_manager)


def may_see_caseload_of(user, practitioner):
    """A caseload is seen by its holder, their supervisor, any PWP supervisor and service managers of the
    same service (supervisors cover for each other, so it is not limited to their own supervisees)."""
    if not (user.is_authenticated and user.service_id and user.service_id == practitioner.service_id):
        return False
    return user.pk == practitioner.pk or user.role in (Role.PWP_SUPERVISOR, Role.SERVICE_MANAGER)
