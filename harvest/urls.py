from django.urls import include, path

from . import views

app_name = "harvest"
urlpatterns = [
    path("moissonnage/<int:pk>/", views.item_detail, name="item"),
    path("demo-sources/", include("harvest.demo.urls")),  # answers in DEBUG mode only
]
