from django.urls import path

from buurtplein.buurthulp import views

app_name = "buurthulp"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/", views.ask, name="ask"),
    path("helper/", views.helper, name="helper"),
    path("attention/", views.attention, name="attention"),
    path("<int:pk>/", views.request_detail, name="request"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/matching/", views.matching_status, name="matching"),
    path("<int:pk>/state/", views.change_state, name="state"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/suggest/", views.suggest, name="suggest"),
    path("<int:pk>/pick-up/", views.pick_up, name="pick_up"),
    path("<int:pk>/report/", views.request_report, name="report"),
    path("<int:pk>/take-on/", views.take_on, name="take_on"),
    path("<int:pk>/hand-over/", views.hand_over, name="hand_over"),
    path(
        "<int:pk>/withdraw-consent/",
        views.withdraw_resident_consent,
        name="withdraw_consent",
    ),
    path("matches/<int:pk>/respond/", views.respond, name="respond"),
    path("matches/<int:pk>/choose/", views.choose, name="choose"),
]
