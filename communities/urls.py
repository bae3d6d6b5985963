from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("mon-fil/", views.feed, name="feed"),
    path("notifications/", views.notifications, name="notifications"),
    path("profil/", views.edit_profile, name="edit_profile"),
    path("preferences/", views.preferences, name="preferences"),
]
