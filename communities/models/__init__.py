from .activity import ActivityItem, Comment, Notification, PinnedResource, Post, Report
from .communities import CommunityIndexPage, CommunityPage, CommunityPageTag, Follow, Invitation, Membership, Visibility
from .profiles import Competence, Profile, ProfileCompetence

__all__ = [
    "ActivityItem",
    "Comment",
    "CommunityIndexPage",
    "CommunityPage",
    "CommunityPageTag",
    "Competence",
    "Follow",
    "Invitation",
    "Membership",
    "Notification",
    "PinnedResource",
    "Post",
    "Profile",
    "ProfileCompetence",
    "Report",
    "Visibility",
]
