"""Celery tasks: e-mail digests and invitations. Without a broker they run eagerly."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import CommunityPage, Profile
from .notifications import digest_recipients, send_digest, send_immediate


@shared_task(name="communities.send_immediate_digests")
def send_immediate_digests(item_id):

    return send_immediate(item_id)


def _send_digests(frequency):

    sent = 0
    for user in digest_recipients(frequency).iterator(chunk_size=500):
        sent += bool(send_digest(user, frequency))
    return sent


@shared_task(name="communities.send_daily_digests")
def send_daily_digests():

    return _send_digests(Profile.Digest.DAILY)


@shared_task(name="communities.send_weekly_digests")
def send_weekly_digests():

    return _send_digests(Profile.Digest.WEEKLY)


@shared_task(name="communities.send_invitation")
def send_invitation(community_id, email, inviter_name):

    community = CommunityPage.objects.filter(pk=community_id).first()
    if community is None:
        return False
    context = {"community": community, "inviter_name": inviter_name, "url": community.full_url}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("default/communities/email/invitation_subject.txt", context).strip()
        body = render_to_string("default/communities/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    return True
