"""What a page transfers, as Chromium's DevTools protocol reports it: every request but
``data:`` URLs, with its response headers and its encoded size on the wire (headers
included), redirects counted as requests of their own."""

from dataclasses import dataclass, field


@dataclass
class Exchange:
    url: str
    status: int = 0
    mime_type: str = ""
    headers: dict = field(default_factory=dict)
    encoded_bytes: int = 0
    from_cache: bool = False
    failed: str = ""

    def header(self, name):
        return self.headers.get(name.lower(), "")


class NetworkLog:
    """Listens on one page's CDP session; ``take()`` returns the exchanges seen since the
    previous call."""

    def __init__(self, cdp):
        self._exchanges = {}
        self._hops = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.send("Network.enable")

    def take(self):
        exchanges = list(self._exchanges.values())
        self._exchanges = {}
        return exchanges

    def _sent(self, event):
        request_id = event["requestId"]
        redirect = event.get("redirectResponse")
        if redirect and request_id in self._exchanges:
            # The earlier hop of a redirect chain keeps its own entry.
            self._hops += 1
            hop = self._exchanges.pop(request_id)
            self._apply_response(hop, redirect)
            hop.encoded_bytes = int(redirect.get("encodedDataLength", 0))
            self._exchanges[f"{request_id}#{self._hops}"] = hop
        url = event["request"]["url"]
        if not url.startswith("data:"):
            self._exchanges[request_id] = Exchange(url=url)

    @staticmethod
    def _apply_response(exchange, response):
        exchange.status = response.get("status", 0)
        exchange.mime_type = response.get("mimeType", "")
        exchange.headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
        exchange.from_cache = exchange.from_cache or response.get("fromDiskCache", False)

    def _received(self, event):
        exchange = self._exchanges.get(event["requestId"])
        if exchange:
            self._apply_response(exchange, event["response"])

    def _from_cache(self, event):
        exchange = self._exchanges.get(event["requestId"])
        if exchange:
            exchange.from_cache = True

    def _finished(self, event):
        exchange = self._exchanges.get(event["requestId"])
        if exchange:
            exchange.encoded_bytes = int(event.get("encodedDataLength", 0))

    def _failed(self, event):
        exchange = self._exchanges.get(event["requestId"])
        if exchange:
            exchange.failed = event.get("errorText", "failed")
