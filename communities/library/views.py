"""The community's "Documents" tool: its library, filtered by tag, uploads, new
versions and the history of each document.

Readers list and download; members share documents; the person who shared a
document and the animateurs upload its new versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from taggit.models import Tag

from communities import feeds, page_views, tools
from communities.access import Action, can

from . import shelves
from .forms import UploadForm, VersionForm
from .models import DocumentVersion

PAGE_SIZE = 20


def _url(request, community, name, **kwargs):
    return tools.url(community, "documents", name, request=request, **kwargs)


def index(request, community):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    documents = (
        shelves.documents_of(community)
        .select_related("uploaded_by_user__profile")
        .prefetch_related("tags")
        .order_by("-created_at", "-pk")
    )
    tag = request.GET.get("tag", "")
    if tag:
        documents = documents.filter(tags__slug=tag)
    page = feeds.paginate(request, documents, PAGE_SIZE)
    for document in page:
        document.detail_url = _url(request, community, "detail", document_id=document.pk)
    context = {
        "documents": page,
        "tags": Tag.objects.filter(pk__in=shelves.documents_of(community).values("tags")).order_by("name"),
        "current_tag": tag,
        "index_url": _url(request, community, "index"),
        "upload_url": _url(request, community, "upload") if can(request.user, community, Action.POST) else "",
    }
    return page_views.render(request, community, "library/index.html", context)


def upload(request, community):
    denied = page_views.require(request, community, Action.POST)
    if denied:
        return denied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = shelves.share(community, request.user, data["title"], data["file"], data["tags"])
        messages.success(request, _("Le document est partagé avec la communauté."))
        return redirect(_url(request, community, "detail", document_id=document.pk))
    status = 400 if request.method == "POST" else 200
    return page_views.render(request, community, "library/upload.html", {"form": form}, status=status)


def _document(community, document_id):
    return get_object_or_404(shelves.documents_of(community).prefetch_related("tags"), pk=document_id)


def _may_replace(user, community, document):
    return can(user, community, Action.MANAGE) or (
        can(user, community, Action.POST) and document.uploaded_by_user_id == user.pk
    )


def detail(request, community, document_id, form=None, status=200):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    document = _document(community, document_id)
    versions = list(document.versions.select_related("uploaded_by__profile"))
    for version in versions[1:]:
        version.download_url = _url(request, community, "version", document_id=document.pk, number=version.number)
    may_replace = _may_replace(request.user, community, document)
    context = {
        "document": document,
        "current": versions[0] if versions else None,
        "earlier_versions": versions[1:],
        "version_form": (form or VersionForm()) if may_replace else None,
        "version_url": _url(request, community, "new_version", document_id=document.pk),
        "index_url": _url(request, community, "index"),
    }
    return page_views.render(request, community, "library/detail.html", context, status=status)


def new_version(request, community, document_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    denied = page_views.require(request, community, Action.POST)
    if denied:
        return denied
    document = _document(community, document_id)
    if not _may_replace(request.user, community, document):
        raise PermissionDenied(
            _("Seuls la personne qui a partagé ce document et les animateurs en déposent de nouvelles versions.")
        )
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return detail(request, community, document_id, form=form, status=400)
    shelves.add_version(document, request.user, form.cleaned_data["file"])
    messages.success(request, _("La nouvelle version est en ligne ; la précédente reste dans l'historique."))
    return redirect(_url(request, community, "detail", document_id=document.pk))


def download_version(request, community, document_id, number):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    version = get_object_or_404(
        DocumentVersion, document__in=shelves.documents_of(community), document_id=document_id, number=number
    )
    response = FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
