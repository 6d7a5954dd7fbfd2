"""HTTP views of a ticket's conversation and history, and of the requester portal."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import BearerTokenAuthentication
from core.pagination import PageNumberPagination, capped_count, page_parameters
from core.schema import error_responses, paginated
from core.throttling import PortalRateThrottle

from .api import actor_of
from .portal import portal_url
from .selectors import comment_list, event_list, ticket_get
from .serializers_conversation import (
    CommentCreateSerializer,
    CommentSerializer,
    EventQuerySerializer,
    EventSerializer,
    PortalLinkSerializer,
    PortalReplyCreateSerializer,
    PortalReplySerializer,
    PortalTicketSerializer,
)
from .services import comment_create, portal_link_rotate, portal_reply, ticket_for_portal

CONVERSATION_PAGE_SIZE = 50


class ConversationPagination(PageNumberPagination):
    page_size = CONVERSATION_PAGE_SIZE


def _page(request: Request, rows, serializer) -> Response:
    paginator = ConversationPagination()
    page = paginator.paginate(rows, request, count=lambda: capped_count(rows))
    return paginator.get_paginated_response(serializer(page, many=True).data)


class CommentListCreateApi(APIView):
    @extend_schema(
        operation_id="tickets_comments_list",
        parameters=page_parameters(CONVERSATION_PAGE_SIZE),
        responses={200: paginated(CommentSerializer), **error_responses(400, 401, 404)},
        summary="The ticket's public replies and internal notes, oldest first (50 a page)",
    )
    def get(self, request: Request, ticket_id: int) -> Response:
        ticket = ticket_get(ticket_id=ticket_id)
        return _page(request, comment_list(ticket=ticket), CommentSerializer)

    @extend_schema(
        operation_id="tickets_comments_create",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer, **error_responses(400, 401, 403, 404, 413, 415)},
        summary="Reply to the requester (public) or write a note for agents (internal)",
    )
    def post(self, request: Request, ticket_id: int) -> Response:
        ticket_get(ticket_id=ticket_id)
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = comment_create(
            ticket_id=ticket_id, actor=actor_of(request), **serializer.validated_data
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class EventListApi(APIView):
    @extend_schema(
        operation_id="tickets_events_list",
        parameters=[EventQuerySerializer, *page_parameters(CONVERSATION_PAGE_SIZE)],
        responses={200: paginated(EventSerializer), **error_responses(400, 401, 404)},
        summary="The ticket's history: who changed what, oldest first (50 a page)",
    )
    def get(self, request: Request, ticket_id: int) -> Response:
        ticket = ticket_get(ticket_id=ticket_id)
        query = EventQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        events = event_list(ticket=ticket, **query.validated_data)
        return _page(request, events, EventSerializer)


class PortalLinkApi(APIView):
    @extend_schema(
        operation_id="tickets_portal_link_rotate",
        request=None,
        responses={201: PortalLinkSerializer, **error_responses(401, 403, 404)},
        summary="Make a new private link for the requester; the old one stops working",
    )
    def post(self, request: Request, ticket_id: int) -> Response:
        ticket = portal_link_rotate(ticket_id=ticket_id, actor=actor_of(request))
        body = {"portal_url": portal_url(ticket.pk, ticket.portal_salt)}
        return Response(body, status=status.HTTP_201_CREATED)


KEY = OpenApiParameter(
    "key", str, location=OpenApiParameter.PATH, description="The ticket's portal key."
)


class PortalApi(APIView):
    """The requester's view of their ticket. Cookies play no part (no session, no CSRF):
    the key in the URL is the only credential."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [PortalRateThrottle]

    @extend_schema(
        operation_id="portal_retrieve",
        parameters=[KEY],
        responses={200: PortalTicketSerializer, **error_responses(401, 404, 429)},
        summary="The ticket as its requester sees it: status and public replies",
    )
    def get(self, request: Request, key: str) -> Response:
        ticket = ticket_for_portal(key=key)
        replies = comment_list(ticket=ticket, public_only=True)
        return Response(PortalTicketSerializer(ticket, replies=replies).data)


class PortalReplyApi(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [PortalRateThrottle]

    @extend_schema(
        operation_id="portal_replies_create",
        parameters=[KEY],
        request=PortalReplyCreateSerializer,
        responses={
            201: PortalReplySerializer,
            **error_responses(400, 401, 404, 409, 413, 415, 429),
        },
        summary="The requester answers; a resolved ticket is reopened, a closed one refuses",
    )
    def post(self, request: Request, key: str) -> Response:
        ticket_for_portal(key=key)  # a wrong key is a 404 before anything else
        serializer = PortalReplyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = portal_reply(key=key, **serializer.validated_data)
        return Response(PortalReplySerializer(comment).data, status=status.HTTP_201_CREATED)
