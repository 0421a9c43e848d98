from django.urls import path

from buurtplein.clubs import views

app_name = "clubs"

urlpatterns = [
    path("", views.club_list, name="list"),
    path("new/", views.club_create, name="create"),
    path("<slug:slug>/", views.club_detail, name="club"),
    path("<slug:slug>/edit/", views.club_edit, name="edit"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/info/", views.members_text, name="members_text"),
    path("<slug:slug>/members/me/", views.membership, name="membership"),
    path("<slug:slug>/announcements/", views.announcement_list, name="announcements"),
    path("<slug:slug>/announcements/new/", views.announcement_create, name="announcement_create"),
    path("<slug:slug>/announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/<int:pk>/answer/", views.answer, name="answer"),
    path("<slug:slug>/manage/<int:pk>/role/", views.member_role, name="role"),
    path("<slug:slug>/manage/<int:pk>/remove/", views.member_remove, name="remove"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/moderate/", views.moderate, name="moderate"),
]
