"""Pages of one neighbourhood. Mounted under /b/<nb>/ (urls.py) and at / on own domains."""

from django.urls import include, path

from buurtplein.core import views as core_views

nb_patterns = [
    path("", core_views.neighbourhood_home, name="home"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("search/", core_views.search, name="search"),
    path("privacy/contact/", core_views.privacy_contact_edit, name="privacy_contact"),
    path("", include("buurtplein.accounts.nb_urls")),
]

urlpatterns = [
    path("", include((nb_patterns, "nb"))),
    path("posts/", include("buurtplein.square.urls")),
    path("messages/", include("buurtplein.messaging.urls")),
    path("reports/", include("buurtplein.moderation.urls")),
    path("exchange/", include("buurtplein.exchange.urls")),
    path("help/", include("buurtplein.buurthulp.urls")),
    path("agenda/", include("buurtplein.agenda.urls")),
    path("clubs/", include("buurtplein.clubs.urls")),
    path("info/", include("buurtplein.infopages.urls")),
    path("volunteer/", include("buurtplein.volunteering.urls")),
    path("services/", include("buurtplein.socialmap.urls")),
    path("referrals/", include("buurtplein.referrals.urls")),
    path("online-help/", include("buurtplein.onlinehulp.urls")),
]
