from django.urls import path

from buurtplein.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/renew/", views.item_renew, name="renew"),
    path("<int:pk>/withdraw/", views.item_withdraw, name="withdraw"),
    path("<int:pk>/done/", views.item_done, name="done"),
    path("<int:pk>/reply/", views.item_reply, name="reply"),
    path("<int:pk>/thank/", views.item_thank, name="thank"),
    path("<int:pk>/support/", views.item_pledge, name="pledge"),
    path("<int:pk>/report/", views.item_report, name="report"),
    path("beursvloer/", views.beursvloer, name="beursvloer"),
    path("beursvloer/new/", views.org_pledge_create, name="org_pledge_create"),
    path("beursvloer/<int:pk>/", views.org_pledge_detail, name="org_pledge"),
    path("beursvloer/<int:pk>/respond/", views.org_pledge_respond, name="org_pledge_respond"),
    path("beursvloer/<int:pk>/follow-up/", views.org_pledge_follow_up, name="org_pledge_follow_up"),
]
