from django.urls import path

from steptwo.tasks.views import risk_review

app_name = "tasks"
urlpatterns = [path("<int:pk>/risk-review/", risk_review.record_risk_review, name="record_risk_review")]
