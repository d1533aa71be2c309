from .files import StoredFile
from .meetings import AgreedAction, BoardMeeting
from .people import RoleAssignment, User
from .places import Council, CouncilType, Region
from .uploads import ImportUpload

__all__ = [
    "AgreedAction",
    "BoardMeeting",
    "Council",
    "CouncilType",
    "ImportUpload",
    "Region",
    "RoleAssignment",
    "StoredFile",
    "User",
]
