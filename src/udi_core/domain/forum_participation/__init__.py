"""International forum participation (IM 2011-013): one aggregate per meeting
participation (``KIND``) and one standing aggregate for the coordination duties that
belong to no meeting (``COORDINATION_KIND``). Rules in :mod:`.rules`."""

from udi_core.domain.forum_participation.coordination import (
    COORDINATION_KIND,
    InternationalCoordination,
    MeetingKind,
)
from udi_core.domain.forum_participation.deadlines import MINUTES_REASONABLE_DAYS, report_due
from udi_core.domain.forum_participation.forums import Forum, ForumCatalogue, ForumLevel
from udi_core.domain.forum_participation.model import Assessment, ForumParticipation, Stage
from udi_core.domain.forum_participation.participation import KIND
from udi_core.domain.forum_participation.posts import LETTER_TEMPLATE, REPORT_TEMPLATE, Expert

__all__ = [
    "COORDINATION_KIND",
    "KIND",
    "LETTER_TEMPLATE",
    "MINUTES_REASONABLE_DAYS",
    "REPORT_TEMPLATE",
    "Assessment",
    "Expert",
    "Forum",
    "ForumCatalogue",
    "ForumLevel",
    "ForumParticipation",
    "InternationalCoordination",
    "MeetingKind",
    "Stage",
    "report_due",
]
