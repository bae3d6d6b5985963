"""Signed tokens in the newsletter's links: they identify a subscriber without
a login, and cannot be forged or reused for another address."""

from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "veille.subscriber.confirm"
UNSUBSCRIBE_SALT = "veille.subscriber.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.email], salt=salt)


def subscriber_for(token, salt, max_age=None):
    """The subscriber the token was made for, or None when it is forged,
    expired or names an address that changed."""

    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.select_related("site").filter(pk=pk, email=email).first()
