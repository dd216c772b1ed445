app_name = "sosialisasi"

urlpatterns: list = []
