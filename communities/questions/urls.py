from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("poser/", views.ask, name="ask"),
    path("similaires/", views.similar, name="similar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/repondre/", views.answer, name="answer"),
    path("<int:pk>/statut/", views.change_status, name="status"),
    path("<int:pk>/moderer/", views.moderate_question, name="moderate"),
    path("reponses/<int:answer_id>/accepter/", views.accept, name="accept"),
    path("reponses/<int:answer_id>/voter/", views.vote, name="vote"),
    path("reponses/<int:answer_id>/moderer/", views.moderate_answer, name="moderate_answer"),
]
