from django.urls import path

from steptwo.patients.views import patient_views

app_name = "patients"
urlpatterns = [
    path("", patient_views.patient_list, name="list"),
    path("new/", patient_views.patient_create, name="create"),
    path("<int:pk>/", patient_views.patient_detail, name="detail"),
    path("<int:pk>/edit/", patient_views.patient_edit, name="edit"),
]
