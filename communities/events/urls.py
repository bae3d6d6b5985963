"""The "agenda" community tool: views are called as ``view(request, community, **kwargs)``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.community_agenda, name="index"),
    path("mois/", views.community_month, name="month_current"),
    path("mois/<int:year>-<int:month>/", views.community_month, name="month"),
    path("ical/", views.community_feed, name="feed"),
    path("ical/nouvelle-adresse/", views.reset_personal_feed, name="feed_reset"),
]
