import time

import pytest
from django.core import mail
from werkzeug import Response

from harvest.errors import BlockedAddress, FetchTimeout, ResponseTooLarge, RobotsDisallowed
from harvest.http import SafeClient, is_public_or_allowed
from harvest.models import HarvestRun
from harvest.pipeline import harvest


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
    ],
)
def test_non_public_addresses_are_refused_by_default(address):
    assert not is_public_or_allowed(address, [])


def test_public_addresses_pass():
    assert is_public_or_allowed("93.184.216.34", [])
    assert is_public_or_allowed("2606:4700::1111", [])


def test_local_server_is_refused_when_not_allowed(httpserver, settings):
    settings.HARVEST_ALLOWED_PRIVATE_NETWORKS = []
    httpserver.expect_request("/feed.xml").respond_with_data("ok")
    with SafeClient() as client, pytest.raises(BlockedAddress, match="127.0.0.1"):
        client.get(httpserver.url_for("/feed.xml"))
    assert httpserver.log == []


@pytest.mark.parametrize(
    "target", ["http://127.0.0.2:{port}/secret", "http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/"]
)
def test_redirect_to_private_address_is_refused(httpserver, settings, target):
    settings.HARVEST_ALLOWED_PRIVATE_NETWORKS = ["127.0.0.1/32"]
    location = target.format(port=httpserver.port)
    httpserver.expect_request("/feed.xml").respond_with_data("", status=302, headers={"Location": location})
    with SafeClient() as client, pytest.raises(BlockedAddress, match="réseau privé"):
        client.get(httpserver.url_for("/feed.xml"))


def test_redirects_are_followed_within_the_limit(httpserver, settings):
    settings.HARVEST_MAX_REDIRECTS = 2
    for hop in range(3):
        httpserver.expect_request(f"/r{hop}").respond_with_data("", status=301, headers={"Location": f"/r{hop + 1}"})
    httpserver.expect_request("/r3").respond_with_data("arrivé")
    with SafeClient() as client:
        assert client.get(httpserver.url_for("/r1")).content == "arrivé".encode()
        with pytest.raises(Exception, match="Trop de redirections"):
            client.get(httpserver.url_for("/r0"))


@pytest.mark.parametrize("chunked", [False, True])
def test_oversize_response_is_cut_off(httpserver, settings, chunked):
    settings.HARVEST_MAX_BYTES = 10_000
    body = b"x" * 1_000
    if chunked:
        httpserver.expect_request("/big").respond_with_handler(lambda request: Response(iter([body] * 50)))
    else:
        httpserver.expect_request("/big").respond_with_data(body * 50)
    with SafeClient() as client, pytest.raises(ResponseTooLarge, match="taille maximale de 10000 octets"):
        client.get(httpserver.url_for("/big"))


def test_slow_server_times_out(httpserver, settings):
    settings.HARVEST_READ_TIMEOUT = 0.3

    def slow(request):
        time.sleep(1.2)
        return Response("trop tard")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with SafeClient() as client, pytest.raises(FetchTimeout, match="pas répondu à temps"):
        client.get(httpserver.url_for("/slow"))
    assert time.monotonic() - started < 1.2


def test_robots_txt_is_respected(httpserver):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /prive/\n")
    httpserver.expect_request("/prive/feed.xml").respond_with_data("secret")
    httpserver.expect_request("/public.xml").respond_with_data("public")
    with SafeClient() as client:
        assert client.get(httpserver.url_for("/public.xml")).content == b"public"
        with pytest.raises(RobotsDisallowed):
            client.get(httpserver.url_for("/prive/feed.xml"))
    paths = [request.path for request, _response in httpserver.log]
    assert "/public.xml" in paths and "/prive/feed.xml" not in paths


def test_user_agent_names_the_platform_and_conditional_headers_are_sent(httpserver):
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"abc"'}).respond_with_data("", status=304)
    with SafeClient() as client:
        result = client.get(
            httpserver.url_for("/feed.xml"), etag='"abc"', last_modified="Mon, 03 Mar 2025 09:00:00 GMT"
        )
    assert result.not_modified
    request = httpserver.log[-1][0]
    assert "Portail" in request.headers["User-Agent"]
    assert request.headers["If-Modified-Since"] == "Mon, 03 Mar 2025 09:00:00 GMT"


@pytest.mark.django_db
def test_failed_run_mails_source_contact_only_on_failure(httpserver, settings, make_source, serve):
    ok = make_source("rss", serve("/feed.xml", "rss_v1.xml"), contact_email="partenaire@example.org")
    assert harvest(ok).status == HarvestRun.Status.DONE
    assert mail.outbox == []

    settings.HARVEST_ALLOWED_PRIVATE_NETWORKS = []
    run = harvest(ok)

    assert run.status == HarvestRun.Status.FAILED
    assert "Adresse refusée" in run.errors[0]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partenaire@example.org"]
    assert "Adresse refusée" in mail.outbox[0].body
