from django.urls import path

from . import views

app_name = "harvest"
urlpatterns = [
    path("moissonnage/<int:pk>/", views.item_detail, name="item"),
]
