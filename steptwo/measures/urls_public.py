"""Pages for patients completing questionnaires from a link: no sign-in."""

app_name = "questionnaires"
urlpatterns = []
