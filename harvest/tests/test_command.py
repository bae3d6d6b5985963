import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from harvest.models import HarvestSource
from resources.models import Domain

pytestmark = pytest.mark.django_db


def call(*args):
    out = StringIO()
    call_command("harvest", *args, stdout=out)
    return out.getvalue()


def test_add_run_list_and_items(serve, portal):
    Domain.objects.create(name="Mobilités", slug="mobilites", locale=Locale.get_default())
    url = serve("/feed.xml", "rss_v1.xml")

    source_id = int(
        call(
            "add",
            "--name",
            "Réseau rural",
            "--backend",
            "rss",
            "--url",
            url,
            "--portal",
            "portail.localhost",
            "--domain",
            "mobilites",
        )
    )

    source = HarvestSource.objects.get(pk=source_id)
    assert [d.slug for d in source.default_domains.all()] == ["mobilites"]
    assert f"{source_id}\trss\tactive\tportail.localhost\tRéseau rural" in call("list")
    summary = call("run", str(source_id)).strip().splitlines()
    assert summary == [f"{source_id} Réseau rural: terminée — created 3, updated 0, unchanged 0, failed 0, archived 0"]

    lines = [json.loads(line) for line in call("items", "--source", str(source_id), "--format", "json").splitlines()]
    assert len(lines) == 3
    guide = next(line for line in lines if line["remote_id"] == "rr-002")
    assert set(guide) >= {"id", "remote_id", "title", "url", "original_url", "body_html", "status"}
    assert guide["url"] == f"http://portail.localhost/moissonnage/{guide['id']}/"
    assert guide["original_url"] == "https://reseau-rural.example.org/actualites/guide-mobilites"
    assert guide["status"] == "active" and "<script" not in guide["body_html"]


def test_add_refuses_unknown_domain_and_bad_config(portal):
    with pytest.raises(CommandError, match="Domaines inconnus"):
        call("add", "--name", "X", "--backend", "rss", "--url", "https://example.org/feed", "--domain", "nope")
    with pytest.raises(CommandError, match="api_token"):
        call(
            "add",
            "--name",
            "AT",
            "--backend",
            "aides-territoires",
            "--url",
            "https://aides-territoires.beta.gouv.fr/api/aids/",
        )
