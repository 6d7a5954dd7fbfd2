"""How the OpenAPI description names the two ways to authenticate (drf-spectacular)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token: `Authorization: Bearer <token>`. Get one with "
            '`POST /api/auth/tokens/ {"username", "password", "name"}` or `make token`.',
        }


class SessionCookieScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.SessionAuthentication"
    name = "sessionCookie"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "The web UI's session (`POST /api/auth/login/`); unsafe requests "
            "also need the `X-CSRFToken` header with the `csrftoken` cookie's value.",
        }
