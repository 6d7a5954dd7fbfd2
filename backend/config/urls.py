from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.urls import agent_urlpatterns, auth_urlpatterns, user_urlpatterns
from core import health
from stream.views import ticket_stream
from tickets.api_ai import TriageQualityApi
from tickets.urls import portal_urlpatterns
from triage.api import TriageRetrainApi

urlpatterns = [
    path("api/tickets/", include("tickets.urls")),
    path("api/auth/", include(auth_urlpatterns)),
    path("api/portal/", include(portal_urlpatterns)),
    path("api/users/", include(user_urlpatterns)),
    path("api/agents/", include(agent_urlpatterns)),
    path("api/triage/quality/", TriageQualityApi.as_view(), name="triage-quality"),
    path("api/triage/retrain/", TriageRetrainApi.as_view(), name="triage-retrain"),
    path("api/stream/", ticket_stream, name="stream"),
    path("api/webhooks/", include("webhooks.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from a URL, not inline, so the
    # page works under a Content-Security-Policy without 'unsafe-inline' scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("web.urls")),
]

handler400 = "core.errors.handler400"
handler404 = "core.errors.handler404"
handler500 = "core.errors.handler500"
