from .meetings import AgreedAction, BoardMeeting
from .people import RoleAssignment, User
from .places import Council, CouncilType, Region

__all__ = [
    "AgreedAction",
    "BoardMeeting",
    "Council",
    "CouncilType",
    "Region",
    "RoleAssignment",
    "User",
]
