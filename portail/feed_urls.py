"""The portal's outbound feeds, under /flux/ (see sites.feeds)."""

from communities.syndication import CommunityActivityFeed
from resources.syndication import DomainFeed, NewResourcesFeed
from sites.feeds import feed_patterns
from veille.syndication import VeilleFeed

app_name = "feeds"
urlpatterns = [
    *feed_patterns("veille/", VeilleFeed, "veille"),
    *feed_patterns("ressources/", NewResourcesFeed, "resources"),
    *feed_patterns("domaines/<slug:slug>/", DomainFeed, "domain"),
    *feed_patterns("communautes/<slug:slug>/", CommunityActivityFeed, "community"),
]
