"""The addresses under an event page (see sites.routing)."""

from django.urls import path

from . import views

# A reader who may not read the event's community gets the community's refusal.
guard = views.require_read

urlpatterns = [
    path("", views.event_detail, name="detail"),
    path("ical/", views.event_ics, name="ics"),
    path("inscription/", views.register, name="register"),
    path("desinscription/", views.cancel, name="cancel"),
    path("inscrits/", views.registrants, name="registrants"),
]
