from django.urls import path  # noqa: F401  (helpers add their pages)

app_name = "supervision"
urlpatterns = []
