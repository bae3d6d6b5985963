"""The only way harvest code reaches the network.

Every hop, redirects included, is resolved and refused when it lands on a
loopback, private, link-local or otherwise non-public address, unless the
operator lists the network in HARVEST_ALLOWED_PRIVATE_NETWORKS. The connected
peer is checked again before the body is read, so DNS tricks between the check
and the connection gain nothing. Bodies are streamed and cut off at the size
limit; robots.txt is honoured and each host is paced.
"""

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.utils.translation import gettext as _
from protego import Protego

from .conf import setting
from .errors import BlockedAddress, FetchError, FetchTimeout, ResponseTooLarge, RobotsDisallowed

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_CRAWL_DELAY = 10.0

_host_lock = threading.Lock()
_host_next_slot = {}


@dataclass
class FetchResult:
    url: str
    status: int
    content: bytes
    headers: httpx.Headers

    @property
    def not_modified(self):
        return self.status == 304

    @property
    def etag(self):
        return self.headers.get("etag", "")

    @property
    def last_modified(self):
        return self.headers.get("last-modified", "")

    @property
    def charset(self):
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            key, _sep, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None

    def text(self):
        for encoding in (self.charset, "utf-8", "cp1252"):
            if not encoding:
                continue
            try:
                return self.content.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.content.decode("utf-8", errors="replace")


def allowed_networks():
    networks = []
    for value in setting("HARVEST_ALLOWED_PRIVATE_NETWORKS"):
        networks.append(ipaddress.ip_network(value.strip(), strict=False))
    return networks


def is_public_or_allowed(address, networks):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in networks):
        return True
    return ip.is_global and not ip.is_multicast


def check_host(host, port, networks):
    """Resolve ``host`` and refuse it if any address is not public (nor allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            _("Le nom d'hôte « %(host)s » est introuvable (%(error)s).") % {"host": host, "error": error}
        ) from error
    for info in infos:
        address = info[4][0]
        if not is_public_or_allowed(address, networks):
            raise BlockedAddress(
                _("Adresse refusée : %(host)s pointe vers %(address)s, un réseau privé, local ou de bouclage.")
                % {"host": host, "address": address}
            )


def _pace(host, interval):
    """Wait until ``host`` may be requested again, then book the next slot."""
    if interval <= 0:
        return
    with _host_lock:
        now = time.monotonic()
        slot = max(now, _host_next_slot.get(host, 0.0))
        _host_next_slot[host] = slot + interval
    if slot > now:
        time.sleep(slot - now)


class SafeClient:
    """A guarded HTTP client. Use it as a context manager."""

    def __init__(self, *, max_bytes=None, read_timeout=None, respect_robots=None):
        self.networks = allowed_networks()
        self.max_bytes = max_bytes or setting("HARVEST_MAX_BYTES")
        self.max_redirects = setting("HARVEST_MAX_REDIRECTS")
        self.total_timeout = setting("HARVEST_TOTAL_TIMEOUT")
        self.min_interval = setting("HARVEST_HOST_MIN_INTERVAL")
        self.respect_robots = setting("HARVEST_RESPECT_ROBOTS") if respect_robots is None else respect_robots
        self.user_agent = setting("HARVEST_USER_AGENT")
        self.read_timeout = read_timeout or setting("HARVEST_READ_TIMEOUT")
        timeout = httpx.Timeout(
            connect=setting("HARVEST_CONNECT_TIMEOUT"), read=self.read_timeout, write=10.0, pool=10.0
        )
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False, headers={"User-Agent": self.user_agent}
        )
        self._robots = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self._client.close()

    def get(self, url, *, params=None, headers=None, etag="", last_modified=""):
        headers = dict(headers or {})
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if params:
            url = str(httpx.URL(url, params=params))
        return self._request("GET", url, headers=headers)

    def post(self, url, *, json=None, headers=None):
        return self._request("POST", url, headers=dict(headers or {}), json=json)

    def _request(self, method, url, *, headers, json=None, robots=True):
        for _hop in range(self.max_redirects + 1):
            parts = self._check_url(url)
            if robots and self.respect_robots:
                self._check_robots(url, parts)
            delay = self._robots_delay(parts) if robots and self.respect_robots else 0
            _pace(parts.netloc, max(self.min_interval, delay))
            response = self._send(method, url, headers=headers, json=json)
            location = response.headers.get("location")
            if response.status in REDIRECT_STATUSES and location:
                url = urljoin(url, location)
                if response.status == 303 or (method == "POST" and response.status in {301, 302}):
                    method, json = "GET", None
                continue
            if response.status >= 400:
                raise FetchError(
                    _("Le serveur a répondu %(status)s pour %(url)s.") % {"status": response.status, "url": url}
                )
            return response
        raise FetchError(
            _("Trop de redirections (plus de %(max)s) depuis %(url)s.") % {"max": self.max_redirects, "url": url}
        )

    def _check_url(self, url):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(_("Adresse non prise en charge : %(url)s (seuls http et https le sont).") % {"url": url})
        port = parts.port or (443 if parts.scheme == "https" else 80)
        check_host(parts.hostname, port, self.networks)
        return parts

    def _send(self, method, url, *, headers, json):
        deadline = time.monotonic() + self.total_timeout
        try:
            with self._client.stream(method, url, headers=headers, json=json) as response:
                self._check_peer(response, url)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_large(url)
                    if time.monotonic() > deadline:
                        raise FetchTimeout(
                            _("Le téléchargement de %(url)s a dépassé %(seconds)s s.")
                            % {"url": url, "seconds": self.total_timeout}
                        )
                    chunks.append(chunk)
                return FetchResult(
                    url=url, status=response.status_code, content=b"".join(chunks), headers=response.headers
                )
        except httpx.TimeoutException as error:
            raise FetchTimeout(
                _("Le serveur n'a pas répondu à temps pour %(url)s (délai de %(seconds)s s).")
                % {"url": url, "seconds": self.read_timeout}
            ) from error
        except httpx.HTTPError as error:
            raise FetchError(
                _("Échec de la requête vers %(url)s : %(error)s.") % {"url": url, "error": error}
            ) from error

    def _too_large(self, url):
        return ResponseTooLarge(
            _("La réponse de %(url)s dépasse la taille maximale de %(size)s octets : lecture interrompue.")
            % {"url": url, "size": self.max_bytes}
        )

    def _check_peer(self, response, url):
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not is_public_or_allowed(peer[0], self.networks):
            raise BlockedAddress(
                _("Adresse refusée : %(url)s est servie depuis %(address)s, un réseau privé ou local.")
                % {"url": url, "address": peer[0]}
            )

    def _parser_for(self, parts):
        key = (parts.scheme, parts.netloc)
        if key not in self._robots:
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                result = self._request("GET", robots_url, headers={}, robots=False)
                self._robots[key] = Protego.parse(result.text())
            except FetchError:
                self._robots[key] = None  # no readable robots.txt: everything is allowed
        return self._robots[key]

    def _check_robots(self, url, parts):
        parser = self._parser_for(parts)
        if parser is not None and not parser.can_fetch(url, self.user_agent):
            raise RobotsDisallowed(_("Le fichier robots.txt du site interdit la collecte de %(url)s.") % {"url": url})

    def _robots_delay(self, parts):
        parser = self._parser_for(parts)
        delay = parser.crawl_delay(self.user_agent) if parser is not None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0
