from django.urls import path

from buurtplein.stories import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.story_detail, name="story"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/delete/", views.story_delete, name="delete"),
    path("<int:pk>/review/", views.story_review, name="review"),
    path("<int:pk>/people/", views.person_add, name="person_add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/confirm/", views.consent_confirm, name="consent_confirm"),
    path("consent/<str:token>/", views.withdraw_link, name="withdraw_link"),
    path("testimonials/new/", views.testimonial_new, name="testimonial_new"),
    path("testimonials/paper/", views.testimonial_paper, name="testimonial_paper"),
    path("testimonials/<int:pk>/approve/", views.testimonial_approve, name="testimonial_approve"),
]
