from django.urls import path

from steptwo.referrals.views import referral_views

app_name = "referrals"
urlpatterns = [
    path("new/for-patient/<int:patient_pk>/", referral_views.referral_create, name="create"),
]
