app_name = "lokakarya"

urlpatterns: list = []
