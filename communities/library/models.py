"""A community's documents are Wagtail documents in its own collection (a child
of its portal's collection), so that editors manage them in the admin too.

Every upload of a document is a ``DocumentVersion``; the newest is the
document's current file, the others its earlier versions."""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class CommunityLibrary(models.Model):
    community = models.OneToOneField(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="document_library"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="community_library"
    )

    class Meta:
        verbose_name = _("documents d'une communauté")

    def __str__(self):
        return str(self.collection)


class DocumentVersion(models.Model):
    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="documents", max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="community_documents_version_number")
        ]
        verbose_name = _("version de document")

    def __str__(self):
        return f"{self.document} (v{self.number})"

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]


@receiver(post_delete, sender=DocumentVersion)
def _delete_version_file(sender, instance, **kwargs):
    """Earlier versions' files go with their document (Wagtail removes the current one)."""
    transaction.on_commit(lambda: instance.file.delete(save=False))
