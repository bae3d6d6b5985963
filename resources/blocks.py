"""StreamField blocks of the resource library, grouped by family."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Text family
TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "default/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("texte"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("encadré")
        template = "default/blocks/callout.html"


# Media family
class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titre affiché"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "default/blocks/document.html"


BODY_BLOCKS = [
    ("text", blocks.RichTextBlock(label=_("texte"), features=TEXT_FEATURES)),
    ("image", ImageBlock(label=_("image"))),
    ("document", DocumentBlock()),
    ("quote", QuoteBlock(label=_("citation"))),
    ("video", EmbedBlock(label=_("vidéo"), help_text=_("Adresse d'une vidéo (PeerTube, Dailymotion, YouTube…)"))),
    ("callout", CalloutBlock()),
]
