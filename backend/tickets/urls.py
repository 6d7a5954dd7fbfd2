from django.urls import path, register_converter

from . import api


class TicketIdConverter:
    """Up to 18 digits: every id PostgreSQL's bigint can hold, and no out-of-range query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(TicketIdConverter, "ticket_id")

urlpatterns = [
    path("", api.TicketListCreateApi.as_view(), name="ticket-list"),
    path("classify/", api.TicketClassifyApi.as_view(), name="ticket-classify"),
    path("stats/", api.TicketStatsApi.as_view(), name="ticket-stats"),
    path("<ticket_id:ticket_id>/", api.TicketDetailApi.as_view(), name="ticket-detail"),
]
