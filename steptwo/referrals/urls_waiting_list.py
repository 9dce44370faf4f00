app_name = "waiting_list"
urlpatterns = []
