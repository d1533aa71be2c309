from .advisers import DashboardHomeView, NationalView, RegionView
from .council import CouncilDashboardView, TrendsView
from .home import HomeView
from .meetings import MeetingCreateView, MeetingDetailView

__all__ = [
    "CouncilDashboardView",
    "DashboardHomeView",
    "HomeView",
    "MeetingCreateView",
    "MeetingDetailView",
    "NationalView",
    "RegionView",
    "TrendsView",
]
