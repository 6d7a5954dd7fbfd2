from django.contrib.admin.apps import AdminConfig


class SupportAdminConfig(AdminConfig):
    """The Django admin with sign-in limits on its login page (accounts/admin_site.py)."""

    default_site = "accounts.admin_site.SupportAdminSite"
