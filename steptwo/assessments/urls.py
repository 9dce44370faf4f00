from django.urls import path

from steptwo.assessments.views import assessment_views, decision_views, risk_views

app_name = "assessments"
urlpatterns = [
    path("start/<int:referral_pk>/", assessment_views.start, name="start"),
    path("<int:pk>/", assessment_views.assessment_page, name="assessment"),
    path("<int:pk>/decision/", decision_views.decision, name="decision"),
    path("risk/<int:referral_pk>/new/", risk_views.risk_new, name="risk_new"),
    path("risk/<int:referral_pk>/", risk_views.risk_history, name="risk_history"),
]
