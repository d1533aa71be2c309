from .people import RoleAssignment, User
from .places import Council, CouncilType, Region

__all__ = ["Council", "CouncilType", "Region", "RoleAssignment", "User"]
