"""What can go wrong in a harvest, each with a message an editor can act on."""


class HarvestError(Exception):
    """Base class: ``str(error)`` is shown to editors as is."""


class FetchError(HarvestError):
    """A request could not complete (network, status, limits, policy)."""


class BlockedAddress(FetchError):
    """The address resolves to a loopback, private or link-local network."""


class ResponseTooLarge(FetchError):
    """The body passed the size limit and was cut off."""


class FetchTimeout(FetchError):
    """The server was too slow."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids the platform's user agent to fetch the URL."""


class UnsafeDocument(HarvestError):
    """XML that tries entity expansion, external entities or DTD tricks."""


class MalformedDocument(HarvestError):
    """A source document that cannot be parsed: the run keeps existing items."""


class ItemError(HarvestError):
    """One record cannot be turned into an item; the run goes on."""


class NotModified(Exception):
    """The source lists what the last complete run read (it answered 304, or
    served the same document again): nothing to do."""
