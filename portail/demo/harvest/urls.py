from django.urls import path

from . import views

app_name = "demo"
urlpatterns = [
    path("", views.index, name="index"),
    path("oai/", views.oai, name="oai"),
    path("aides/api/connexion/", views.aides_connexion, name="aides_connexion"),
    path("aides/api/aids/", views.aides_aids, name="aides_aids"),
    path("<path:name>", views.document, name="document"),
]
