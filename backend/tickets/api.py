"""HTTP views of tickets: validate, call one service or selector, serialize."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import signed_in_user
from accounts.roles import is_agent
from core.conditional import expected_version, with_etag
from core.exceptions import InvalidInput
from core.pagination import PageNumberPagination, page_parameters
from core.schema import error_responses, paginated
from core.throttling import ClassifyRateThrottle, TicketCreateRateThrottle
from triage.services import suggestion_for

from .actors import Actor
from .export import csv_pieces
from .selectors import ticket_get, ticket_list
from .serializers import (
    ClassifyQuerySerializer,
    ClassifyRequestSerializer,
    ClassifyResponseSerializer,
    PublicTicketSerializer,
    StatsQuerySerializer,
    StatsSerializer,
    TicketCreateSerializer,
    TicketListQuerySerializer,
    TicketSerializer,
    TicketUpdateSerializer,
)
from .services import ticket_create, ticket_update
from .stats import ticket_stats, time_zone

ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=True,
    description='The ticket\'s version in quotes, e.g. "3": send it back in If-Match.',
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description='Change the ticket only if it is still at this version: "3", W/"3" or *.',
)


def _day_parameter(name: str, meaning: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]},
        description=f"Created {meaning} this day (YYYY-MM-DD, a day in `tz`, default UTC); "
        "empty or absent for any.",
    )


LIST_PARAMETERS = [
    TicketListQuerySerializer,
    _day_parameter("created_from", "on or after"),
    _day_parameter("created_to", "on or before"),
    *page_parameters(),
]


def actor_of(request: Request) -> Actor:
    return Actor.agent(signed_in_user(request))


class TicketListCreateApi(APIView):
    def get_throttles(self):
        # Only submissions are limited; reading the list never is.
        return [TicketCreateRateThrottle()] if self.request.method == "POST" else []

    def get_permissions(self):
        # Customers submit without an account (the seed's open form); only agents read.
        return [AllowAny()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(
        operation_id="tickets_list",
        parameters=LIST_PARAMETERS,
        responses={200: paginated(TicketSerializer), **error_responses(400, 401, 404)},
        summary="List tickets, filtered, searched and sorted (newest first by default)",
    )
    def get(self, request: Request) -> Response:
        query = TicketListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        selection = ticket_list(query=query.query(), viewer=signed_in_user(request))
        paginator = PageNumberPagination()
        page = paginator.paginate(
            selection.rows, request, count=selection.count, first=selection.first
        )
        return paginator.get_paginated_response(TicketSerializer(page, many=True).data)

    @extend_schema(
        operation_id="tickets_create",
        request=TicketCreateSerializer,
        responses={
            201: OpenApiResponse(
                TicketSerializer,
                description="The ticket as agents see it; anonymous submitters get the "
                "public fields only (id, title, description, category, priority, status, "
                "created_at, updated_at, ai_suggestion, requester, portal_url).",
            ),
            **error_responses(400, 401, 413, 415, 429),
        },
        summary="Submit a ticket; category and priority default to the AI's suggestion",
    )
    def post(self, request: Request) -> Response:
        agent = is_agent(request.user)
        data = request.data
        if not agent and isinstance(data, dict) and "assignee" in data:
            # Assigning is for agents: from anyone else it is an unknown field.
            raise InvalidInput("", {"assignee": ["Unknown field."]})
        serializer = TicketCreateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        actor = (
            actor_of(request)
            if agent
            else Actor.requester(serializer.validated_data.get("requester_name"))
        )
        ticket = ticket_create(**serializer.validated_data, actor=actor)
        shape = TicketSerializer if agent else PublicTicketSerializer
        response = Response(shape(ticket).data, status=status.HTTP_201_CREATED)
        return with_etag(response, ticket.version) if agent else response


class TicketDetailApi(APIView):
    @extend_schema(
        operation_id="tickets_retrieve",
        parameters=[ETAG],
        responses={200: TicketSerializer, **error_responses(401, 404)},
        summary="One ticket (its ETag is its version)",
    )
    def get(self, request: Request, ticket_id: int) -> Response:
        ticket = ticket_get(ticket_id=ticket_id)
        return with_etag(Response(TicketSerializer(ticket).data), ticket.version)

    @extend_schema(
        operation_id="tickets_partial_update",
        parameters=[IF_MATCH, ETAG],
        request=TicketUpdateSerializer,
        responses={
            200: TicketSerializer,
            **error_responses(400, 401, 403, 404, 412, 413, 415),
        },
        summary="Change a ticket's labels, status, assignee, title or description",
    )
    def patch(self, request: Request, ticket_id: int) -> Response:
        version = expected_version(request)
        ticket_get(ticket_id=ticket_id)  # an unknown ticket is a 404 before a 400
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_update(
            ticket_id=ticket_id,
            data=serializer.validated_data,
            actor=actor_of(request),
            expected_version=version,
        )
        return with_etag(Response(TicketSerializer(ticket).data), ticket.version)


class TicketClassifyApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClassifyRateThrottle]

    @extend_schema(
        operation_id="tickets_classify",
        parameters=[ClassifyQuerySerializer],
        request=ClassifyRequestSerializer,
        responses={200: ClassifyResponseSerializer, **error_responses(400, 401, 413, 415, 429)},
        summary="Suggest a category and priority for a ticket's text (the local model for "
        "anonymous callers, the configured LLM for agents)",
    )
    def post(self, request: Request) -> Response:
        query = ClassifyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        serializer = ClassifyRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suggestion = suggestion_for(
            **serializer.validated_data,
            **query.validated_data,
            local_only=not is_agent(request.user),
        )
        return Response(
            {
                "suggested_category": suggestion.category,
                "suggested_priority": suggestion.priority,
                "category_confidence": suggestion.category_confidence,
                "priority_confidence": suggestion.priority_confidence,
                "confidence_band": suggestion.confidence_band,
                "provider": suggestion.provider,
                "pending": suggestion.pending,
            }
        )


class TicketStatsApi(APIView):
    @extend_schema(
        operation_id="tickets_stats",
        parameters=[StatsQuerySerializer],
        responses={200: StatsSerializer, **error_responses(400, 401)},
        summary="Counts, breakdowns, the last 30 days and response times",
    )
    def get(self, request: Request) -> Response:
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(ticket_stats(zone=time_zone(query.validated_data.get("tz"))))


class CsvRenderer(renderers.BaseRenderer):
    """Lets `Accept: text/csv` through content negotiation; errors are rendered as JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data)


class TicketExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        operation_id="tickets_export",
        parameters=LIST_PARAMETERS[:-2],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="Every ticket of the view (page and page_size are ignored), "
                "streamed: id, title, description, category, priority, status, "
                "requester_name, requester_email, assignee_name, created_at, updated_at, "
                "first_response_at, resolved_at, ai_category, ai_priority. Cells starting "
                "with =, +, -, @, a tab or a carriage return get a leading '.",
            ),
            **error_responses(400, 401),
        },
        summary="The queue's current view as CSV (filters, search and sort as the list's)",
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        query = TicketListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        selection = ticket_list(query=query.query(), viewer=signed_in_user(request))
        response = StreamingHttpResponse(
            csv_pieces(selection), content_type="text/csv; charset=utf-8"
        )
        name = f"tickets-{timezone.now():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def handle_exception(self, exc):
        # Errors keep the API's JSON shape, whatever the client asked for.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return super().handle_exception(exc)
