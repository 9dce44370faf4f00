from django.urls import path

from steptwo.dataset import views

app_name = "dataset"
urlpatterns = [
    path("quality/", views.quality, name="quality"),
    path("quality/<slug:key>/", views.quality_check, name="quality_check"),
    path("download/", views.download, name="download"),
    path("download/files/", views.download_zip, name="download_zip"),
]
