"""Demo documents in the first demo communities: small text and PDF files made
here, with tags and a second version. ``load()`` changes nothing that exists."""

from django.core.files.base import ContentFile

from communities.library import shelves
from communities.models import CommunityPage, Membership

# title, file name, tags, text
DOCUMENTS = [
    (
        "Compte rendu de la rencontre de printemps",
        "compte-rendu-printemps.pdf",
        ["rencontre", "compte rendu"],
        "Compte rendu de la rencontre de printemps",
    ),
    (
        "Modèle de cahier des charges",
        "cahier-des-charges.txt",
        ["marché public", "modèle"],
        "Objet du marché, périmètre, livrables et calendrier.",
    ),
    (
        "Liste des contacts utiles",
        "contacts.csv",
        ["annuaire"],
        "structure;contact\nCerema;contact@cerema.example\nADEME;contact@ademe.example\n",
    ),
]


def tiny_pdf(text):
    """A valid one-page PDF showing ``text`` (ASCII), made without any library."""
    safe = text.encode("ascii", "replace").decode().replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 760 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 "
        b"R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


def _file(name, text):
    return ContentFile(tiny_pdf(text) if name.endswith(".pdf") else text.encode("utf-8"), name=name)


def load(count=3):
    """Documents in the first ``count`` communities whose library is empty.
    Returns how many documents were shared."""
    shared = 0
    for community in CommunityPage.objects.live().order_by("path")[:count]:
        if shelves.documents_of(community).exists():
            continue
        members = [
            m.user
            for m in Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
            .select_related("user")
            .order_by("pk")[:3]
        ]
        if not members:
            continue
        for number, (title, name, tags, text) in enumerate(DOCUMENTS):
            document = shelves.share(community, members[number % len(members)], title, _file(name, text), tags)
            shared += 1
            if number == 0:
                shelves.add_version(document, members[0], _file(name, text + " - version corrigee"))
    return shared
