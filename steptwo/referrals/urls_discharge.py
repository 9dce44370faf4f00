app_name = "discharge"
urlpatterns = []
