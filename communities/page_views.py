"""The views behind a community page's routes (see ``CommunityPage``), and the
communities index.

Each view checks ``access.can`` first: a community the user may not see is a
404, content they may not read sends anonymous readers to log in and others to a
403 page explaining why."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, Func, IntegerField, Subquery, Value, When
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from sites import rendering

from . import access, content, feeds, forms, membership, posting, tools
from .access import Action
from .listing import community_listing_context
from .models import Comment, CommunityPage, Invitation, Membership, PinnedResource, Post, Report
from .tasks import send_invitation

MEMBERS_PREVIEW = 12
MEMBERS_PAGE_SIZE = 48
PINS_SHOWN = 8
ROLE_ORDER = Case(
    When(role=Membership.Role.ANIMATEUR, then=Value(0)),
    When(role=Membership.Role.EXPERT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def community_index(request, page):
    """The portal's communities, those it lists from other portals included."""
    return rendering.render_page(request, page, community_listing_context(request, page))


def render(request, page, name, context, status=200):
    """``communities/<name>`` in the portal's theme, with the page's context and the community's."""
    base = page.get_context(request)
    base.update(_common(request, page))
    base.update(context)
    return rendering.render(request, f"communities/{name}", base, status=status)


def _url(request, page, route, **kwargs):
    return page.get_url(request) + page.reverse_subpage(route, kwargs=kwargs or None)


def _common(request, page):
    actions = access.allowed_actions(request.user, page)
    return {
        "community": page,
        "can": {action.value: action in actions for action in Action},
        "membership": access.membership_of(request.user, page),
        "manage_url": _url(request, page, "manage"),
        "members_url": _url(request, page, "members"),
        "tool_tabs": tools.tabs(page, request) if tools.registered() else [],
    }


def require(request, page, action):
    """Return None when allowed, else the response to send (or raise)."""
    if access.can(request.user, page, action):
        return None
    if not access.can(request.user, page, Action.SEE):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("Cette action est réservée aux membres de la communauté."))


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _active_members(page):
    """Animateurs first, then experts, then members, oldest first."""
    return (
        Membership.objects.filter(community=page, status=Membership.Status.ACTIVE)
        .select_related("user__profile")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "pk")
    )


def _with_people(page, chosen):
    """The active memberships ``chosen`` (a queryset of some), in
    ``_active_members`` order, with their user and profile. Members are picked
    from the memberships alone first, so that only those shown are joined to
    their user and profile, not every member of a large community."""
    return list(_active_members(page).filter(pk__in=Subquery(chosen.values("pk"))))


def _members_preview(page):
    return _with_people(page, _active_members(page).select_related(None)[:MEMBERS_PREVIEW])


def _members_page(request, page):
    members = feeds.paginate(request, _active_members(page).select_related(None), MEMBERS_PAGE_SIZE)
    members.object_list = _with_people(page, members.object_list)
    return members


def _pins(page):
    return list(PinnedResource.objects.filter(community=page).select_related("page", "harvested_item")[:PINS_SHOWN])


def _count(queryset):
    """``queryset.count()`` as an expression, to read with other figures."""
    counted = queryset.order_by().annotate(number=Func("pk", function="COUNT")).values("number")
    return Subquery(counted, output_field=IntegerField())


def _home_figures(page, user, read, manage):
    """The figures the community home shows, read in one query: members, feed
    lines (for its pagination), whether ``user`` follows, pending requests."""
    figures = {}
    if read:
        figures["member_count"] = _count(Membership.objects.filter(community=page, status=Membership.Status.ACTIVE))
        figures["feed_count"] = _count(feeds.community_items(page))
        figures["following"] = Exists(page.follows.filter(user=user)) if user.is_authenticated else Value(False)
    if manage:
        figures["pending_count"] = _count(Membership.objects.filter(community=page, status=Membership.Status.PENDING))
    if not figures:
        return {}
    return CommunityPage.objects.filter(pk=page.pk).values(**figures).get()


def community_home(request, page, post_form=None, join_form=None, status=200):
    context = {"join_form": join_form or forms.JoinForm()}
    user = request.user
    read, manage = access.can(user, page, Action.READ), access.can(user, page, Action.MANAGE)
    figures = _home_figures(page, user, read, manage)
    if read:
        context.update(
            feed=feeds.community_page(request, page, count=figures["feed_count"]),
            pins=_pins(page),
            members_preview=_members_preview(page),
            member_count=figures["member_count"],
            following=figures["following"],
        )
    if access.can(user, page, Action.POST):
        context["post_form"] = post_form or forms.PostForm()
    if manage:
        context["pending_count"] = figures["pending_count"]
    return render(request, page, "community_page.html", context, status=status)


def members(request, page):
    denied = require(request, page, Action.READ)
    if denied:
        return denied
    return render(request, page, "members.html", {"members": _members_page(request, page)})


def _visible_post(request, page, post_id):
    post = get_object_or_404(Post.objects.select_related("author__profile"), pk=post_id, community=page)
    if post.hidden and not access.can(request.user, page, Action.MANAGE):
        raise Http404
    return post


def post_detail(request, page, post_id, comment_form=None, status=200):
    denied = require(request, page, Action.READ)
    if denied:
        return denied
    post = _visible_post(request, page, post_id)
    comments = post.comments.select_related("author__profile")
    if not access.can(request.user, page, Action.MANAGE):
        comments = comments.filter(hidden=False)
    context = {
        "post": post,
        "comments": list(comments),
        "comment_form": comment_form or forms.CommentForm(),
    }
    return render(request, page, "post_page.html", context, status=status)


def _rate_limited(request, kind, form, field=None):
    if content.hit_rate_limit(request.user, kind):
        form.add_error(field, _("Vous publiez trop vite : attendez quelques minutes avant de recommencer."))
        return True
    return False


def publish_post(request, page):
    denied = _post_only(request) or require(request, page, Action.POST)
    if denied:
        return denied
    form = forms.PostForm(request.POST)
    if not form.is_valid() or _rate_limited(request, "post", form):
        return community_home(request, page, post_form=form, status=400)
    post = posting.publish_post(page, request.user, form.cleaned_data["title"], form.cleaned_data["body"])
    messages.success(request, _("Votre publication est en ligne."))
    return redirect(post.url(request))


def add_comment(request, page, post_id):
    denied = _post_only(request) or require(request, page, Action.POST)
    if denied:
        return denied
    post = _visible_post(request, page, post_id)
    form = forms.CommentForm(request.POST)
    if not form.is_valid() or _rate_limited(request, "comment", form):
        return post_detail(request, page, post_id, comment_form=form, status=400)
    posting.add_comment(post, request.user, form.cleaned_data["body"])
    messages.success(request, _("Votre commentaire est publié."))
    return redirect(post.url(request) + "#commentaires")


def report_content(request, page, kind, pk):
    denied = _post_only(request) or require(request, page, Action.POST)
    if denied:
        return denied
    if kind == "post":
        target = _visible_post(request, page, pk)
        post = target
    else:
        target = get_object_or_404(Comment.objects.select_related("post"), pk=pk, post__community=page, hidden=False)
        post = target.post
    form = forms.ReportForm(request.POST)
    if form.is_valid() and not _rate_limited(request, "report", form):
        posting.report(target, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Merci : les animateurs vont examiner ce contenu."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(post.url(request))


def membership_action(request, page):
    denied = _post_only(request)
    if denied:
        return denied
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    action = request.POST.get("action")
    if action in ("join", "accept"):
        denied = require(request, page, Action.JOIN)
        if denied:
            return denied
        form = forms.JoinForm(request.POST)
        if not form.is_valid() or _rate_limited(request, "join", form):
            return community_home(request, page, join_form=form, status=400)
        try:
            result = membership.join(request.user, page, form.cleaned_data["message"])
        except membership.MembershipError as error:
            messages.error(request, str(error))
            return redirect(page.get_url(request))
        if result.status == Membership.Status.PENDING:
            messages.success(request, _("Votre demande est envoyée aux animateurs."))
        else:
            messages.success(request, _("Bienvenue dans la communauté !"))
    elif action == "decline":
        if not access.can(request.user, page, Action.SEE):
            raise Http404
        Membership.objects.filter(community=page, user=request.user, status=Membership.Status.INVITED).delete()
        messages.success(request, _("Invitation déclinée."))
        return redirect("communities:feed")
    elif action == "leave":
        if not access.can(request.user, page, Action.SEE):
            raise Http404
        try:
            membership.leave(request.user, page)
        except membership.MembershipError as error:
            messages.error(request, str(error))
            return redirect(page.get_url(request))
        messages.success(request, _("Vous avez quitté la communauté."))
        access.forget(request.user)
        if not access.can(request.user, page, Action.SEE):
            return redirect("communities:feed")
    else:
        return HttpResponseNotAllowed(["POST"])
    return redirect(page.get_url(request))


def follow_action(request, page):
    denied = _post_only(request) or require(request, page, Action.READ)
    if denied:
        return denied
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    if request.POST.get("action") == "unfollow":
        membership.unfollow(request.user, page)
        messages.success(request, _("Vous ne suivez plus cette communauté."))
    else:
        membership.follow(request.user, page)
        messages.success(request, _("Vous suivez cette communauté : son activité entre dans votre fil."))
    return redirect(page.get_url(request))


def manage(request, page, invite_form=None, pin_form=None, status=200):
    denied = require(request, page, Action.MANAGE)
    if denied:
        return denied
    context = {
        "pending": Membership.objects.filter(community=page, status=Membership.Status.PENDING)
        .select_related("user__profile")
        .order_by("created_at"),
        "members": _members_page(request, page),
        "invited": Membership.objects.filter(community=page, status=Membership.Status.INVITED).select_related(
            "user__profile"
        ),
        "invitations": Invitation.objects.filter(community=page).order_by("email"),
        "reports": Report.objects.filter(community=page, resolved_at__isnull=True).select_related(
            "reporter__profile", "post", "comment__post"
        ),
        "pins": PinnedResource.objects.filter(community=page).select_related("page", "harvested_item"),
        "role_choices": Membership.Role.choices,
        "invite_form": invite_form or forms.InviteForm(),
        "pin_form": pin_form or forms.PinForm(),
    }
    return render(request, page, "manage.html", context, status=status)


def manage_member(request, page, membership_id):
    denied = _post_only(request) or require(request, page, Action.MANAGE)
    if denied:
        return denied
    target = get_object_or_404(Membership.objects.select_related("user__profile"), pk=membership_id, community=page)
    action = request.POST.get("action")
    try:
        if action == "approve":
            membership.approve(target, request.user)
            messages.success(request, _("Demande acceptée."))
        elif action == "refuse":
            membership.refuse(target, request.user)
            messages.success(request, _("Demande refusée."))
        elif action == "role":
            form = forms.RoleForm(request.POST)
            if not form.is_valid():
                raise membership.MembershipError(_("Rôle inconnu."))
            membership.change_role(target, form.cleaned_data["role"], request.user)
            messages.success(request, _("Rôle modifié."))
        elif action == "remove":
            membership.remove(target, request.user)
            messages.success(request, _("Membre retiré de la communauté."))
        else:
            return HttpResponseNotAllowed(["POST"])
    except membership.MembershipError as error:
        messages.error(request, str(error))
    return redirect(_url(request, page, "manage"))


def invite(request, page):

    denied = _post_only(request) or require(request, page, Action.MANAGE)
    if denied:
        return denied
    form = forms.InviteForm(request.POST)
    if not form.is_valid():
        return manage(request, page, invite_form=form, status=400)
    email = form.cleaned_data["email"]
    if membership.invite(page, email, form.cleaned_data["role"], request.user):
        send_invitation.delay(page.pk, email, membership.display_name(request.user))
        messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": email})
    else:
        messages.info(request, _("%(email)s est déjà membre.") % {"email": email})
    return redirect(_url(request, page, "manage"))


def pin_resource(request, page):
    denied = _post_only(request) or require(request, page, Action.MANAGE)
    if denied:
        return denied
    if request.POST.get("action") == "unpin":
        posting.unpin(page, request.POST.get("pin"))
        messages.success(request, _("Ressource retirée."))
        return redirect(_url(request, page, "manage"))
    form = forms.PinForm(request.POST)
    if not form.is_valid():
        return manage(request, page, pin_form=form, status=400)
    posting.pin(page, form.target, request.user)
    messages.success(request, _("Ressource épinglée."))
    return redirect(_url(request, page, "manage"))


def moderate(request, page, kind, pk):
    denied = _post_only(request) or require(request, page, Action.MANAGE)
    if denied:
        return denied
    if kind == "post":
        target = get_object_or_404(Post, pk=pk, community=page)
    else:
        target = get_object_or_404(Comment.objects.select_related("post"), pk=pk, post__community=page)
    hide = request.POST.get("action") != "show"
    posting.set_hidden(target, hide, request.user)
    messages.success(request, _("Contenu masqué.") if hide else _("Contenu de nouveau visible."))
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith(page.get_url(request)) else _url(request, page, "manage"))
