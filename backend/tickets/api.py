"""HTTP views of the ticket API: validate, call one service or selector, serialize."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import is_agent
from core.schema import error_responses
from core.throttling import ClassifyRateThrottle, TicketCreateRateThrottle
from triage.services import suggestion_for

from .models import Category, Priority, Status
from .search import SEARCH_MAX_LENGTH
from .selectors import ticket_get, ticket_list, ticket_stats
from .serializers import (
    ClassifyQuerySerializer,
    ClassifyRequestSerializer,
    ClassifyResponseSerializer,
    StatsSerializer,
    TicketCreateSerializer,
    TicketSerializer,
    TicketUpdateSerializer,
)
from .services import ticket_create, ticket_update


def _enum_filter(name: str, values: list[str]) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        enum=["", *values],
        description=f"Only tickets with this {name}; empty or absent for all.",
    )


LIST_PARAMETERS = [
    _enum_filter("category", Category.values),
    _enum_filter("priority", Priority.values),
    _enum_filter("status", Status.values),
    OpenApiParameter(
        "search",
        {"type": "string", "maxLength": SEARCH_MAX_LENGTH},
        description=(
            "Words that must all appear in the title or description, each matched as a "
            "prefix of a word as typed or by its English stem; empty or absent for all."
        ),
    ),
]


class TicketListCreateApi(generics.GenericAPIView):
    serializer_class = TicketSerializer
    filter_backends = []

    def get_throttles(self):
        # Only submissions are limited; reading the list never is.
        return [TicketCreateRateThrottle()] if self.request.method == "POST" else []

    def get_permissions(self):
        # Customers submit without an account (the seed's open form); only agents read.
        return [AllowAny()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(
        operation_id="tickets_list",
        parameters=LIST_PARAMETERS,
        responses={200: TicketSerializer(many=True), **error_responses(400, 401, 404)},
        summary="List tickets, newest first, filtered and searched",
    )
    def get(self, request):
        tickets = ticket_list(filters=request.query_params)
        page = self.paginate_queryset(tickets)
        return self.get_paginated_response(TicketSerializer(page, many=True).data)

    @extend_schema(
        operation_id="tickets_create",
        request=TicketCreateSerializer,
        responses={201: TicketSerializer, **error_responses(400, 401, 413, 415, 429)},
        summary="Submit a ticket; category and priority default to the AI's suggestion",
    )
    def post(self, request):
        serializer = TicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_create(**serializer.validated_data)
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class TicketDetailApi(APIView):
    @extend_schema(
        operation_id="tickets_retrieve",
        responses={200: TicketSerializer, **error_responses(401, 404)},
        summary="One ticket",
    )
    def get(self, request, ticket_id: int):
        return Response(TicketSerializer(ticket_get(ticket_id=ticket_id)).data)

    @extend_schema(
        operation_id="tickets_partial_update",
        request=TicketUpdateSerializer,
        responses={200: TicketSerializer, **error_responses(400, 401, 403, 404, 413, 415)},
        summary="Change a ticket's title, description, category, priority or status",
    )
    def patch(self, request, ticket_id: int):
        ticket = ticket_get(ticket_id=ticket_id)
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_update(ticket=ticket, data=serializer.validated_data)
        return Response(TicketSerializer(ticket).data)


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
    def post(self, request):
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
        responses={200: StatsSerializer, **error_responses(401)},
        summary="Counts and breakdowns of all tickets",
    )
    def get(self, request):
        return Response(ticket_stats())
