"""Where a community's documents live and who shares them: the community's
collection, created on demand under its portal's collection, uploads and new
versions, and the community a document belongs to."""

import os
import secrets

from django.core.files import File
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from communities import activity, tools
from communities.models import ActivityItem
from search import api as search_api

from .models import CommunityLibrary, DocumentVersion


def portal_collection(community):
    """The collection ``create_portal`` made for the community's portal (named
    after it), or the root collection for a community outside any portal."""
    root = Collection.get_first_root_node()
    site = community.get_site()
    portal = root.get_children().filter(name=site.site_name).first() if site else None
    return portal or root


@transaction.atomic
def library_of(community):
    """The community's document library, created the first time it is needed."""
    library = CommunityLibrary.objects.filter(community=community).select_related("collection").first()
    if library is None:
        name = _("Communauté · %(title)s") % {"title": community.title}
        collection = portal_collection(community).add_child(name=name[:255])
        library = CommunityLibrary.objects.create(community=community, collection=collection)
    return library


def documents_of(community):
    """The documents in the community's library (none before its first upload)."""
    collections = CommunityLibrary.objects.filter(community=community).values("collection_id")
    return get_document_model().objects.filter(collection_id__in=collections)


def community_of(document):
    """The community whose library holds ``document``, or None."""
    library = CommunityLibrary.objects.filter(collection_id=document.collection_id).select_related("community").first()
    return library.community if library else None


def safe_filename(name):
    """ASCII, lower case, no path and no leading dot: "../Résumé <b>.PDF" gives
    "resume-b.pdf"."""
    stem, extension = os.path.splitext(os.path.basename((name or "").replace("\\", "/")))
    return f"{slugify(stem)[:60] or 'document'}{extension.lower()}"


def _store(document, upload):
    """Store ``upload`` under a random folder, keeping a readable name, so that
    its address in storage cannot be guessed (readers get it from /documents/)."""
    document.file = File(upload, name=f"{secrets.token_urlsafe(9)}/{safe_filename(upload.name)}")
    document._set_document_file_metadata()


@transaction.atomic
def share(community, user, title, upload, tags=()):
    """Add a document to the community's library and its activity feed."""
    document = get_document_model()(title=title, collection=library_of(community).collection, uploaded_by_user=user)
    _store(document, upload)
    document.save()
    if tags:
        document.tags.add(*tags)
    DocumentVersion.objects.create(
        document=document, number=1, file=document.file.name, file_size=document.file_size, uploaded_by=user
    )
    search_api.reindex(document)
    activity.record(
        community,
        user,
        ActivityItem.Verb.DOCUMENT,
        subject=document,
        title=title,
        url=tools.full_url(community, "documents", "detail", document_id=document.pk),
    )
    return document


@transaction.atomic
def add_version(document, user, upload):
    """Make ``upload`` the document's current file; the previous one stays
    downloadable as an earlier version."""
    latest = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    _store(document, upload)
    document.save()
    return DocumentVersion.objects.create(
        document=document, number=latest + 1, file=document.file.name, file_size=document.file_size, uploaded_by=user
    )
