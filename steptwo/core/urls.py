from django.urls import path

from steptwo.core.views import audit, home

app_name = "core"
urlpatterns = [
    path("", home.home, name="home"),
    path("audit/", audit.audit_log, name="audit_log"),
]
