from django.urls import path

from buurtplein.socialmap import views

app_name = "socialmap"

urlpatterns = [
    path("", views.service_list, name="list"),
]

# Keeping the sociale kaart current (``freshness_views``).
from buurtplein.socialmap import freshness_views  # noqa: E402

urlpatterns += [
    path("check/<str:token>/", freshness_views.check, name="check"),
    path("<int:pk>/confirm/", freshness_views.confirm, name="confirm"),
    path("<int:pk>/correct/", freshness_views.correct, name="correct"),
    path("corrections/<int:pk>/handled/", freshness_views.handle, name="correction_handled"),
]
