from django.urls import path

from . import alert_views

app_name = "search_alerts"
urlpatterns = [
    path("", alert_views.alert_list, name="list"),
    path("creer/", alert_views.create_alert, name="create"),
    path("<int:pk>/supprimer/", alert_views.delete_alert, name="delete"),
]
