"""The Django admin, for admins only, with the sign-in limits on its login page."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from core.exceptions import InvalidInput, RateLimited

from .roles import is_admin
from .signin import sign_in


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, checked by accounts.signin like every other sign-in."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password and self.request is not None:
            try:
                user = sign_in(request=self.request, username=username, password=password)
            except RateLimited as refusal:
                self.retry_after = refusal.retry_after
                raise ValidationError(refusal.detail, code="throttled") from None
            except InvalidInput:
                raise self.get_invalid_login_error() from None
            self.user_cache = user
            self.confirm_login_allowed(user)
        return self.cleaned_data


class SupportAdminSite(admin.AdminSite):
    site_header = "Support Tickets administration"
    site_title = "Support Tickets admin"
    login_form = ThrottledAdminAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().login(request, extra_context)
        form = getattr(response, "context_data", {}).get("form") if response else None
        retry_after = getattr(form, "retry_after", None)
        if retry_after:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return response
