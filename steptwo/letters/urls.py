from django.urls import path

from steptwo.letters.views import letter_views

app_name = "letters"
urlpatterns = [
    path("<int:pk>/download/", letter_views.download, name="download"),
    path("<int:pk>/new-copy/", letter_views.new_copy, name="new_copy"),
]
