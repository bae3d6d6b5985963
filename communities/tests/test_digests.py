"""Digests and immediate e-mails contain exactly what each member may read."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from communities import membership, notifications, posting
from communities.factories import add_member, member_user
from communities.models import ActivityItem, Profile, Visibility
from communities.tasks import send_daily_digests, send_weekly_digests
from portail.celery import app


def set_digest(user, frequency):
    Profile.objects.filter(user=user).update(digest=frequency)
    user.profile.refresh_from_db()


@pytest.fixture
def activity(world, fresh_people):
    """A post in each community, one hidden post, one own post, all followed by
    a member of the public and secret communities and by an outsider."""
    animateur = fresh_people["animateur"]
    reader = member_user("lectrice")
    outsider = member_user("curieux")
    communities = world.communities
    add_member(communities[Visibility.PUBLIC], reader)
    add_member(communities[Visibility.SECRET], reader)
    for user in (reader, outsider):
        for community in communities.values():
            membership.follow(user, community)
    mail.outbox.clear()
    posts = {
        visibility: posting.publish_post(community, animateur, f"Nouvelles {visibility}", "<p>Texte.</p>")
        for visibility, community in communities.items()
    }
    hidden = posting.publish_post(communities[Visibility.PUBLIC], animateur, "Message retiré", "<p>Spam.</p>")
    posting.set_hidden(hidden, True, animateur)
    posting.publish_post(communities[Visibility.PUBLIC], reader, "Mon propre message", "<p>Moi.</p>")
    return {"reader": reader, "outsider": outsider, "posts": posts}


def titles_in(message):
    return {
        title
        for title in (
            "Nouvelles public",
            "Nouvelles on_request",
            "Nouvelles secret",
            "Message retiré",
            "Mon propre message",
        )
        if title in message.body
    }


@pytest.mark.parametrize(
    "frequency,task", [(Profile.Digest.DAILY, send_daily_digests), (Profile.Digest.WEEKLY, send_weekly_digests)]
)
def test_periodic_digest_contains_exactly_what_the_member_may_read(activity, frequency, task):
    reader, outsider = activity["reader"], activity["outsider"]
    Profile.objects.update(digest=Profile.Digest.NEVER)
    set_digest(reader, frequency)
    set_digest(outsider, frequency)
    mail.outbox.clear()

    assert task.delay().get() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert titles_in(by_recipient[reader.email]) == {"Nouvelles public", "Nouvelles secret"}
    assert titles_in(by_recipient[outsider.email]) == {"Nouvelles public", "Mon propre message"}
    html, mimetype = by_recipient[reader.email].alternatives[0]
    assert mimetype == "text/html"
    assert "Nouvelles secret" in html and "Nouvelles on_request" not in html and "Message retiré" not in html


def test_second_digest_only_has_what_is_new(activity):
    reader = activity["reader"]
    set_digest(reader, Profile.Digest.DAILY)
    assert notifications.send_digest(reader, Profile.Digest.DAILY) == 2
    reader.profile.refresh_from_db()
    assert notifications.send_digest(reader, Profile.Digest.DAILY) == 0


def test_digest_period_starts_a_day_or_a_week_ago(activity):
    reader = activity["reader"]
    ActivityItem.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    assert notifications.send_digest(reader, Profile.Digest.DAILY) == 0
    Profile.objects.filter(user=reader).update(last_digest_at=None)
    reader.profile.refresh_from_db()
    assert notifications.send_digest(reader, Profile.Digest.WEEKLY) == 2


def test_immediate_mails_go_to_readers_only(world, fresh_people):
    reader, outsider = member_user("immediate-lectrice"), member_user("immediate-curieux")
    secret = world.communities[Visibility.SECRET]
    add_member(secret, reader)
    for user in (reader, outsider):
        membership.follow(user, secret)
        set_digest(user, Profile.Digest.IMMEDIATE)
    mail.outbox.clear()
    posting.publish_post(secret, fresh_people["animateur"], "Alerte du jour", "<p>Vite.</p>")
    item = ActivityItem.objects.get(post__title="Alerte du jour")
    assert notifications.send_immediate(item.pk) == 1
    assert [message.to for message in mail.outbox] == [[reader.email]]
    assert "Alerte du jour" in mail.outbox[0].body


def test_beat_schedule_sends_daily_and_weekly_digests():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"communities.send_daily_digests", "communities.send_weekly_digests"} <= tasks


def test_mails_link_to_the_portal_with_the_configured_scheme(world, fresh_people, settings):
    """Behind TLS (``PORTAL_URL_SCHEME``), links in mails are https whatever port the site was given."""
    settings.PORTAL_URL_SCHEME = "https"
    reader = member_user("https-lectrice")
    public = world.communities[Visibility.PUBLIC]
    add_member(public, reader)
    membership.follow(reader, public)
    set_digest(reader, Profile.Digest.IMMEDIATE)
    mail.outbox.clear()
    posting.publish_post(public, fresh_people["animateur"], "Lien sécurisé", "<p>Par TLS.</p>")
    assert notifications.send_immediate(ActivityItem.objects.get(post__title="Lien sécurisé").pk) == 1
    body = mail.outbox[0].body
    assert "https://alpha.localhost/" in body and "http://alpha.localhost" not in body
