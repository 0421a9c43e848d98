from django.urls import path

from buurtplein.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("mine/", views.mine, name="mine"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/links/", views.link_create, name="link_create"),
    path("settings/links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("settings/coordinators/", views.coordinator, name="coordinator"),
    path("link/<str:token>/", views.link_form, name="link"),
    path("<int:pk>/", views.referral_detail, name="referral"),
    path("<int:pk>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<int:pk>/answer/", views.referral_answer, name="answer"),
    path("<int:pk>/progress/", views.referral_progress, name="progress"),
]
