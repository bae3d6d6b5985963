from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("partager/", views.upload, name="upload"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/nouvelle-version/", views.new_version, name="new_version"),
    path("<int:document_id>/versions/<int:number>/", views.download_version, name="version"),
]
