"""The addresses under an agenda page (see sites.routing)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.agenda_list, name="index"),
    path("mois/", views.agenda_month, name="month_current"),
    path("mois/<int:year>-<int:month>/", views.agenda_month, name="month"),
    path("ical/", views.agenda_feed, name="feed"),
]
