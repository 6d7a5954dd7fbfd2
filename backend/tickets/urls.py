from django.urls import path

import core.converters  # noqa: F401 - registers the id18 converter

from . import api

urlpatterns = [
    path("", api.TicketListCreateApi.as_view(), name="ticket-list"),
    path("classify/", api.TicketClassifyApi.as_view(), name="ticket-classify"),
    path("stats/", api.TicketStatsApi.as_view(), name="ticket-stats"),
    path("<id18:ticket_id>/", api.TicketDetailApi.as_view(), name="ticket-detail"),
]
