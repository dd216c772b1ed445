app_name = "tipp"

urlpatterns: list = []
