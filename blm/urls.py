app_name = "blm"

urlpatterns: list = []
