from django.urls import path

from buurtplein.agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.week, name="week"),
    path("month/", views.month, name="month"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("new/", views.activity_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("mine/calendar-link/", views.feed_link, name="feed_link"),
    path("<int:pk>/", views.activity_detail, name="activity"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/cancel/", views.activity_cancel, name="cancel"),
    path("<int:pk>/remove/", views.activity_remove, name="remove"),
    path("<int:pk>/report/", views.activity_report, name="report"),
    path("<int:pk>/calendar.ics", views.activity_ics, name="ics"),
    path("dates/<int:pk>/sign-up/", views.rsvp, name="rsvp"),
    path("dates/<int:pk>/sign-off/", views.rsvp_cancel, name="rsvp_cancel"),
    path("dates/<int:pk>/cancel/", views.occurrence_cancel, name="occurrence_cancel"),
    path("dates/<int:pk>/restore/", views.occurrence_restore, name="occurrence_restore"),
    path("dates/<int:pk>/move/", views.occurrence_move, name="occurrence_move"),
    path("dates/<int:pk>/people/", views.attendees, name="attendees"),
    path("dates/<int:pk>/people.csv", views.attendees_csv, name="attendees_csv"),
    path("dates/<int:pk>/print/", views.attendees_print, name="attendees_print"),
    path("calendar.ics", views.feed, name="feed"),
    path(
        "organisations/<slug:slug>/calendar.ics", views.feed_organisation, name="feed_organisation"
    ),
    path("my/<str:token>/calendar.ics", views.feed_mine, name="feed_mine"),
]
