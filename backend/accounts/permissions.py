"""The roles of CONTRACT §7 as DRF permissions.

`IsAgent` is the default for every view (settings.REST_FRAMEWORK); a view that is open
to anyone says `permission_classes = [AllowAny]`, one for admins `[IsAdmin]`. Without
credentials DRF answers 401 (with `WWW-Authenticate: Bearer`), with credentials but
without the role 403.
"""

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .roles import is_admin, is_agent

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings
    from rest_framework.views import APIView


class IsAgent(BasePermission):
    message = "Only signed-in agents may do this."

    def has_permission(self, request: Request, view: "APIView") -> bool:
        return is_agent(request.user)


class IsAdmin(BasePermission):
    message = "Only admins may do this."

    def has_permission(self, request: Request, view: "APIView") -> bool:
        return is_admin(request.user)
