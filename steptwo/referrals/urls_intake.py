"""Incoming referrals: the triage queue, staff entry of a professional's referral, and triage."""

from django.urls import path

from steptwo.referrals.views import intake_views

app_name = "intake"
urlpatterns = [
    path("", intake_views.queue, name="queue"),
    path("new/", intake_views.enter_referral, name="new"),
    path("<int:pk>/", intake_views.triage, name="triage"),
    path("<int:pk>/accept-new-patient/", intake_views.accept_new, name="accept_new"),
    path("<int:pk>/accept-existing-patient/", intake_views.accept_existing, name="accept_existing"),
    path("<int:pk>/reject/", intake_views.reject, name="reject"),
]
