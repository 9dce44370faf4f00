app_name = "treatment"
urlpatterns = []
