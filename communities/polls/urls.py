from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("nouveau/", views.create, name="create"),
    path("<int:poll_id>/", views.detail, name="detail"),
    path("<int:poll_id>/voter/", views.cast_vote, name="vote"),
]
