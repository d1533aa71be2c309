from .advisers import DashboardHomeView, NationalView, RegionView
from .council import CouncilDashboardView, TrendsView
from .meetings import MeetingCreateView, MeetingDetailView

__all__ = [
    "CouncilDashboardView",
    "DashboardHomeView",
    "MeetingCreateView",
    "MeetingDetailView",
    "NationalView",
    "RegionView",
    "TrendsView",
]
