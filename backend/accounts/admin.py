"""People in the Django admin: readable by admins, changed only on the Team page.

The Team page (and `PATCH /api/users/<id>/`) goes through accounts.services, which keeps
the last admin, revokes tokens and unassigns work; the admin would bypass all of that, so
here users can be looked at, not edited, added or deleted.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from knox.models import AuthToken as KnoxAuthToken

from .models import ApiToken, SignInAttempt

User = get_user_model()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


if admin.site.is_registered(User):
    admin.site.unregister(User)
if admin.site.is_registered(KnoxAuthToken):  # swapped for ApiToken; nothing is stored there
    admin.site.unregister(KnoxAuthToken)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(User)
class PersonAdmin(ReadOnlyAdmin, UserAdmin):
    list_display = ["username", "first_name", "email", "is_superuser", "is_active", "last_login"]
    list_filter = ["is_superuser", "is_active"]
    search_fields = ["username", "first_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "first_name", "email"]}),
        ("Access", {"fields": ["is_active", "is_superuser", "last_login", "date_joined"]}),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "created", "expiry"]
    list_select_related = ["user"]
    fields = ["name", "user", "created", "expiry"]


@admin.register(SignInAttempt)
class SignInAttemptAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "client", "succeeded"]
    list_filter = ["succeeded"]
    search_fields = ["username", "client"]
