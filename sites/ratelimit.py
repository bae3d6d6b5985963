"""One fixed-window rate limiter for everything a client could flood: the search
API and its suggestions, members' posts, the newsletter's subscription form.

Counts live in the shared Django cache (Redis in production), so every worker
process sees the same ones; with the local memory cache of development and
tests, each process counts on its own."""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The client as the limiter knows it: its address. Behind a reverse proxy,
    the proxy must set ``REMOTE_ADDR`` to the real client's (it is never read from
    a header the client could write, such as ``X-Forwarded-For``)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(scope: str, key: object, limit: int, window: int) -> bool:
    """Count one action of ``key`` (a client, a member, an address) under
    ``scope``; True when it goes over ``limit`` actions in the current window of
    ``window`` seconds: the action must then be refused."""
    slot = int(timezone.now().timestamp()) // window
    # Keys may be e-mail addresses: hashed, any character and length is a valid cache key.
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{slot}"
    if cache.add(cache_key, 1, window):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr: this action opens a new window
        cache.add(cache_key, 1, window)
        return limit < 1
