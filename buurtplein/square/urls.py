app_name = "square"

urlpatterns: list = []
