"""Personal calendar feeds of restricted communities (see ``calendars``)."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [path("communaute/<str:key>.ics", views.personal_feed, name="personal_feed")]
