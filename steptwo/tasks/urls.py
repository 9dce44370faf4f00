from django.urls import path

from steptwo.tasks.views import risk_review, task_list

app_name = "tasks"
urlpatterns = [
    path("<int:pk>/risk-review/", risk_review.record_risk_review, name="record_risk_review"),
    path("", task_list.task_list, name="list"),
    path("<int:pk>/done/", task_list.complete, name="complete"),
    path("<int:pk>/review-risk/", task_list.review_risk, name="review_risk"),
]
