from django.urls import path

from buurtplein.square import views

app_name = "square"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("new/", views.post_create, name="create"),
    path("saved/", views.saved, name="saved"),
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.post_detail, name="post"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/delete/", views.post_delete, name="delete"),
    path("<int:pk>/pin/", views.post_pin, name="pin"),
    path("<int:pk>/comment/", views.comment_create, name="comment"),
    path("<int:pk>/react/", views.react, name="react"),
    path("<int:pk>/save/", views.save, name="save"),
    path("<int:pk>/report/", views.post_report, name="report"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/report/", views.comment_report, name="comment_report"),
]
