from django.urls import path

import core.converters  # noqa: F401 - registers the id18 converter

from . import api, api_conversation

urlpatterns = [
    path("", api.TicketListCreateApi.as_view(), name="ticket-list"),
    path("classify/", api.TicketClassifyApi.as_view(), name="ticket-classify"),
    path("stats/", api.TicketStatsApi.as_view(), name="ticket-stats"),
    path("export.csv", api.TicketExportApi.as_view(), name="ticket-export"),
    path("<id18:ticket_id>/", api.TicketDetailApi.as_view(), name="ticket-detail"),
    path(
        "<id18:ticket_id>/comments/",
        api_conversation.CommentListCreateApi.as_view(),
        name="ticket-comments",
    ),
    path("<id18:ticket_id>/events/", api_conversation.EventListApi.as_view(), name="ticket-events"),
    path(
        "<id18:ticket_id>/portal-link/",
        api_conversation.PortalLinkApi.as_view(),
        name="ticket-portal-link",
    ),
]

portal_urlpatterns = [
    path("<str:key>/", api_conversation.PortalApi.as_view(), name="portal"),
    path("<str:key>/replies/", api_conversation.PortalReplyApi.as_view(), name="portal-replies"),
]
