"""The member space: personal feed, notifications, profile, preferences and the
member directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sites import rendering

from . import access, feeds, forms
from .models import Follow, Membership, Profile
from .notifications import visible_notifications

DIRECTORY_PAGE_SIZE = 30


def render(request, name, context, status=200):
    return rendering.render(request, f"communities/{name}", context, status=status)


@login_required
def feed(request):
    user = request.user
    memberships = (
        Membership.objects.filter(user=user, community__live=True)
        .select_related("community")
        .order_by("community__title")
    )
    by_status = {status: [] for status in Membership.Status.values}
    for membership in memberships:
        by_status[membership.status].append(membership)
    context = {
        "feed": feeds.page_of_lines(request, feeds.items_for(user)),
        "active": by_status[Membership.Status.ACTIVE],
        "pending": by_status[Membership.Status.PENDING],
        "invited": by_status[Membership.Status.INVITED],
        # A follow outlives a removal: list only the communities the member may still see.
        "followed": Follow.objects.filter(
            user=user, community__live=True, community__in=access.visible_communities(user)
        )
        .exclude(community__in=[m.community_id for m in by_status[Membership.Status.ACTIVE]])
        .select_related("community"),
    }
    return render(request, "feed.html", context)


@login_required
def notifications(request):
    notices = visible_notifications(request.user)
    if request.method == "POST":
        notices.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("Toutes les notifications sont marquées comme lues."))
        return redirect("communities:notifications")
    return render(request, "notifications.html", {"notifications": feeds.paginate(request, notices)})


def _profile_of(user):
    return Profile.objects.get_or_create(user=user, defaults={"display_name": user.get_username()[:120]})[0]


@login_required
def edit_profile(request):
    profile = _profile_of(request.user)
    form = forms.ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("communities:edit_profile")
        return render(request, "profile_form.html", {"form": form}, status=400)
    return render(request, "profile_form.html", {"form": form})


@login_required
def preferences(request):
    profile = _profile_of(request.user)
    form = forms.PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Vos préférences sont enregistrées."))
            return redirect("communities:preferences")
        return render(request, "preferences.html", {"form": form}, status=400)
    return render(request, "preferences.html", {"form": form})


def visible_profiles(user):
    """Profiles ``user`` may find in the directory, following each member's choice;
    the platform's administrators are not members."""
    shown = [Profile.Visibility.PUBLIC]
    if user.is_authenticated:
        shown.append(Profile.Visibility.MEMBERS)
    return Profile.objects.filter(visibility__in=shown, user__is_active=True, user__is_superuser=False)


def directory(request):
    form = forms.DirectoryFilterForm(request.GET or None)
    profiles = visible_profiles(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            profiles = profiles.filter(Q(display_name__icontains=data["q"]) | Q(organisation__icontains=data["q"]))
        if data["competence"]:
            profiles = profiles.filter(competences=data["competence"])
        if data["domain"]:
            profiles = profiles.filter(domains=data["domain"])
        if data["territory"]:
            profiles = profiles.filter(territory=data["territory"])
        if data["organisation_type"]:
            profiles = profiles.filter(organisation_type=data["organisation_type"])
    profiles = (
        profiles.select_related("territory")
        .prefetch_related("competences", "domains")
        .order_by("display_name", "pk")
        .distinct()
    )
    query = request.GET.copy()
    query.pop("page", None)
    page_obj = feeds.paginate(request, profiles, DIRECTORY_PAGE_SIZE)
    return render(request, "directory.html", {"form": form, "profiles": page_obj, "filter_query": query.urlencode()})


def profile_detail(request, pk):
    profile = get_object_or_404(visible_profiles(request.user).select_related("territory", "user"), pk=pk)
    return render(
        request,
        "profile.html",
        {"profile": profile, "show_email": profile.show_email and request.user.is_authenticated},
    )
