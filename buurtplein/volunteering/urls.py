from django.urls import path

from buurtplein.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("new/", views.vacancy_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("ours/", views.ours, name="ours"),
    path("<int:pk>/", views.vacancy_detail, name="vacancy"),
    path("<int:pk>/edit/", views.vacancy_edit, name="edit"),
    path("<int:pk>/renew/", views.vacancy_renew, name="renew"),
    path("<int:pk>/status/", views.vacancy_status, name="status"),
    path("<int:pk>/remove/", views.vacancy_remove, name="remove"),
    path("<int:pk>/respond/", views.vacancy_respond, name="respond"),
    path("<int:pk>/responses/", views.vacancy_responses, name="responses"),
    path("<int:pk>/report/", views.vacancy_report, name="report"),
    path("responses/<int:pk>/accept/", views.response_accept, name="accept"),
    path("responses/<int:pk>/decline/", views.response_decline, name="decline"),
    path("responses/<int:pk>/withdraw/", views.response_withdraw, name="withdraw"),
    path("responses/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
