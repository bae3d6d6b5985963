from django.urls import path

from . import views

app_name = "veille"
urlpatterns = [
    path("lettre-de-veille/abonnement/", views.subscribe, name="subscribe"),
    path("lettre-de-veille/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("lettre-de-veille/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
