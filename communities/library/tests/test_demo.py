"""The demo documents load once; the generated PDF is well formed."""

import re

from communities.library import shelves
from communities.models import Visibility
from portail.demo import library as demo


def test_demo_documents_load_once(world):
    assert demo.load(count=3) == 3 * len(demo.DOCUMENTS)
    documents = shelves.documents_of(world.communities[Visibility.PUBLIC])
    assert sorted(documents.values_list("title", flat=True)) == sorted(title for title, *_rest in demo.DOCUMENTS)
    report = documents.get(title=demo.DOCUMENTS[0][0])
    assert [version.number for version in report.versions.all()] == [2, 1]
    assert report.file_extension == "pdf"
    assert demo.load(count=3) == 0


def test_the_generated_pdf_has_a_correct_cross_reference_table():
    pdf = demo.tiny_pdf("Compte rendu (brouillon)")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n", pdf)]
    assert [pdf[offset:].split(b" ", 1)[0] for offset in offsets] == [b"1", b"2", b"3", b"4", b"5"]
