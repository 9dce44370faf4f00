from django.urls import include, path

urlpatterns = [
    path("", include("steptwo.core.urls")),
    path("account/", include("steptwo.accounts.urls")),
    path("patients/", include("steptwo.patients.urls")),
    path("referrals/", include("steptwo.referrals.urls")),
    path("measures/", include("steptwo.measures.urls")),
    path("q/", include("steptwo.measures.urls_public")),
    path("service/", include("steptwo.organisations.urls")),
    path("tasks/", include("steptwo.tasks.urls")),
    path("intake/", include("steptwo.referrals.urls_intake")),
    path("self-referral/", include("steptwo.referrals.urls_public")),
    path("waiting-list/", include("steptwo.referrals.urls_waiting_list")),
    path("discharge/", include("steptwo.referrals.urls_discharge")),
    path("appointments/", include("steptwo.appointments.urls")),
    path("assessments/", include("steptwo.assessments.urls")),
    path("treatment/", include("steptwo.treatment.urls")),
    path("letters/", include("steptwo.letters.urls")),
    path("supervision/", include("steptwo.supervision.urls")),
    path("outcomes/", include("steptwo.outcomes.urls")),
    path("data-set/", include("steptwo.dataset.urls")),
]

handler403 = "steptwo.core.views.errors.permission_denied"
handler404 = "steptwo.core.views.errors.page_not_found"
handler500 = "steptwo.core.views.errors.server_error"
