from .advisers import DashboardHomeView, NationalView, RegionView
from .council import CouncilDashboardView, TrendsView
from .exceptions import CouncilExceptionsView
from .home import HomeView
from .meetings import MeetingCreateView, MeetingDetailView
from .published import NationalInspectionsView, RegionInspectionsView

__all__ = [
    "CouncilDashboardView",
    "CouncilExceptionsView",
    "DashboardHomeView",
    "HomeView",
    "MeetingCreateView",
    "MeetingDetailView",
    "NationalInspectionsView",
    "NationalView",
    "RegionInspectionsView",
    "RegionView",
    "TrendsView",
]
