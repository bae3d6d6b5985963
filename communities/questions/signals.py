"""Keeping search documents and feed lines in step with questions and answers.

A question's own saves and deletes are followed by the search registry; an
answer changes its question's document, and a community whose visibility or
publication changes decides who finds its questions."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from communities import activity
from communities.models import CommunityPage
from search import api as search_api

from .models import Answer, Question
from .search import reindex_community_questions


def _answer_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    question = Question.objects.filter(pk=instance.question_id).select_related("community").first()
    if question is not None:
        search_api.reindex(question)


def _forget(sender, instance, **kwargs):
    activity.forget_subject(instance)


def _community_changed(sender, instance, **kwargs):

    reindex_community_questions(instance)


def connect():
    post_save.connect(_answer_changed, sender=Answer, dispatch_uid="questions_answer_saved")
    post_delete.connect(_answer_changed, sender=Answer, dispatch_uid="questions_answer_deleted")
    post_delete.connect(_forget, sender=Answer, dispatch_uid="questions_answer_forget")
    post_delete.connect(_forget, sender=Question, dispatch_uid="questions_question_forget")
    page_published.connect(_community_changed, sender=CommunityPage, dispatch_uid="questions_community_published")
    page_unpublished.connect(_community_changed, sender=CommunityPage, dispatch_uid="questions_community_unpublished")
