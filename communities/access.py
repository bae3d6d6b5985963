"""Who may do what in a community: the single place that answers it.

``can(user, community, action)`` combines the user's roles in the community
(from their membership, their portal's editors group and superuser status) with
the community's visibility through the ``POLICY`` table. Listings, feeds, search,
sitemaps and digests use the query helpers below, built on the same rules.
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from wagtail.models import GroupPagePermission

from .models import CommunityPage, Membership, Visibility


class Action(StrEnum):
    SEE = "see"  # appear in listings, open the presentation
    READ = "read"  # read the feed, posts, comments and members
    JOIN = "join"  # join (public), request (on request) or accept an invitation
    POST = "post"  # publish posts and comments, report content
    MANAGE = "manage"  # decide on requests, invite, remove, change roles, moderate, pin


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    VISITOR = "visitor"  # logged in, not a member
    PENDING = "pending"
    INVITED = "invited"
    MEMBER = "member"
    EXPERT = "expert"
    ANIMATEUR = "animateur"
    EDITOR = "editor"  # editor of the portal that owns the community
    SUPERUSER = "superuser"


A = Action
_MEMBER = {A.SEE, A.READ, A.POST}
_EVERYTHING = set(Action)

POLICY = {
    Visibility.PUBLIC: {
        Role.ANONYMOUS: {A.SEE, A.READ},
        Role.VISITOR: {A.SEE, A.READ, A.JOIN},
        Role.PENDING: {A.SEE, A.READ},
        Role.INVITED: {A.SEE, A.READ, A.JOIN},
        Role.MEMBER: _MEMBER,
        Role.EXPERT: _MEMBER,
        Role.ANIMATEUR: _MEMBER | {A.MANAGE},
        Role.EDITOR: {A.SEE, A.READ, A.JOIN, A.MANAGE},
        Role.SUPERUSER: _EVERYTHING,
    },
    Visibility.ON_REQUEST: {
        Role.ANONYMOUS: {A.SEE},
        Role.VISITOR: {A.SEE, A.JOIN},
        Role.PENDING: {A.SEE},
        Role.INVITED: {A.SEE, A.JOIN},
        Role.MEMBER: _MEMBER,
        Role.EXPERT: _MEMBER,
        Role.ANIMATEUR: _MEMBER | {A.MANAGE},
        Role.EDITOR: {A.SEE, A.READ, A.JOIN, A.MANAGE},
        Role.SUPERUSER: _EVERYTHING,
    },
    Visibility.SECRET: {
        Role.ANONYMOUS: set(),
        Role.VISITOR: set(),
        Role.PENDING: set(),
        Role.INVITED: {A.SEE, A.JOIN},
        Role.MEMBER: _MEMBER,
        Role.EXPERT: _MEMBER,
        Role.ANIMATEUR: _MEMBER | {A.MANAGE},
        Role.EDITOR: {A.SEE, A.READ, A.MANAGE},
        Role.SUPERUSER: _EVERYTHING - {A.JOIN},  # invitation only, even for them
    },
}

_STATUS_ROLES = {Membership.Status.PENDING: Role.PENDING, Membership.Status.INVITED: Role.INVITED}
EDITOR_PERMISSIONS = ("change_page", "publish_page")


def _request_cache(user, name):
    """A dict kept on the user object, which lives as long as the request."""
    cache = getattr(user, name, None)
    if cache is None:
        cache = {}
        setattr(user, name, cache)
    return cache


def membership_of(user, community):
    """The user's membership of ``community`` or None, cached on the user object
    for the rest of the request."""
    if not user.is_authenticated:
        return None
    cache = _request_cache(user, "_community_memberships")
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(community_id=community.pk, user=user).first()
    return cache[community.pk]


def forget(user):
    """Drop what the request cached about ``user`` after their memberships changed."""
    for name in ("_community_memberships", "_community_editor_paths"):
        if getattr(user, name, None) is not None:
            setattr(user, name, None)


def editor_paths(user):
    """Tree paths under which ``user`` edits pages through their groups."""
    if not user.is_authenticated:
        return []
    cache = _request_cache(user, "_community_editor_paths")
    if "paths" not in cache:
        permissions = GroupPagePermission.objects.filter(group__user=user, permission__codename__in=EDITOR_PERMISSIONS)
        cache["paths"] = sorted(set(permissions.values_list("page__path", flat=True)))
    return cache["paths"]


def is_portal_editor(user, community):
    return any(community.path.startswith(path) for path in editor_paths(user))


def roles_of(user, community):
    if not user.is_authenticated:
        return {Role.ANONYMOUS}
    roles = set()
    if user.is_superuser:
        roles.add(Role.SUPERUSER)
    if is_portal_editor(user, community):
        roles.add(Role.EDITOR)
    membership = membership_of(user, community)
    if membership is not None and membership.status == Membership.Status.ACTIVE:
        roles.add(Role(membership.role))
    elif membership is not None and membership.status in _STATUS_ROLES:
        roles.add(_STATUS_ROLES[membership.status])
    return roles or {Role.VISITOR}


def allowed_actions(user, community):
    table = POLICY[community.visibility]
    actions = set().union(*(table[role] for role in roles_of(user, community)))
    membership = membership_of(user, community)
    if membership is not None and membership.status in (Membership.Status.ACTIVE, Membership.Status.PENDING):
        actions.discard(Action.JOIN)
    return actions


def can(user, community, action):
    return Action(action) in allowed_actions(user, community)


# Query helpers: the same rules, over many communities at once.


def _editor_q(user):
    query = Q(pk__in=[])
    for path in editor_paths(user):
        query |= Q(path__startswith=path)
    return query


def _member_ids(user, statuses=(Membership.Status.ACTIVE,)):
    return Membership.objects.filter(user=user, status__in=statuses).values("community_id")


def visible_communities(user, queryset=None):
    """Communities ``user`` may see in listings (``Action.SEE``)."""
    queryset = CommunityPage.objects.live() if queryset is None else queryset
    if user.is_authenticated and user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.exclude(visibility=Visibility.SECRET)
    seen_members = _member_ids(user, (Membership.Status.ACTIVE, Membership.Status.INVITED))
    return queryset.filter(~Q(visibility=Visibility.SECRET) | Q(pk__in=seen_members) | _editor_q(user))


def readable_communities(user, queryset=None):
    """Communities whose content ``user`` may read (``Action.READ``)."""
    queryset = CommunityPage.objects.live() if queryset is None else queryset
    if user.is_authenticated and user.is_superuser:
        return queryset
    public = Q(visibility=Visibility.PUBLIC)
    if not user.is_authenticated:
        return queryset.filter(public)
    return queryset.filter(public | Q(pk__in=_member_ids(user)) | _editor_q(user))


def hide_from_anonymous(pages):
    """``pages`` without what an anonymous reader may not open: the communities
    they may not see, and every page inside a community whose content they may
    not read (its tools' pages: events, questionnaires…). Sitemaps use it."""
    anonymous, every = AnonymousUser(), CommunityPage.objects.all()
    unseen = every.exclude(pk__in=visible_communities(anonymous, every).values("pk"))
    unread = every.exclude(pk__in=readable_communities(anonymous, every).values("pk"))
    enclosing = unread.filter(
        depth__lt=OuterRef("depth"), path=Substr(OuterRef("path"), 1, F("depth") * CommunityPage.steplen)
    )
    return pages.exclude(pk__in=unseen.values("pk")).exclude(Exists(enclosing))


def visible_community_ids(user):
    """Ids of the communities ``user`` may see (for other apps, e.g. search)."""
    return set(visible_communities(user).values_list("pk", flat=True))


def audience_key(community_id):
    """The search audience of content restricted to a community's readers."""
    return f"community:{community_id}"


def search_audiences(user):
    """Search audience keys ``user`` may read: one per restricted community they
    read. Public content has the empty audience and is always included."""
    if not user.is_authenticated:
        return []
    restricted = readable_communities(user).exclude(visibility=Visibility.PUBLIC)
    return [audience_key(pk) for pk in restricted.values_list("pk", flat=True)]
