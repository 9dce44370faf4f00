from django.urls import path

from steptwo.referrals.views import problem_descriptor_views, referral_detail_views, referral_views

app_name = "referrals"
urlpatterns = [
    path("<int:pk>/", referral_detail_views.referral_detail, name="detail"),
    path("new/for-patient/<int:patient_pk>/", referral_views.referral_create, name="create"),
    path("<int:pk>/problem-descriptor/", problem_descriptor_views.record_problem_descriptor, name="problem_descriptor"),
]
