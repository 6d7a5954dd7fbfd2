"""HTTP views of webhooks, for admins (CONTRACT §11)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import signed_in_user
from accounts.permissions import IsAdmin
from core.schema import error_responses

from .selectors import delivery_list, endpoint_list
from .serializers import (
    DeliverySerializer,
    NewWebhookSerializer,
    WebhookCreateSerializer,
    WebhookSerializer,
)
from .services import endpoint_create, endpoint_delete, ping_send


class WebhookListCreateApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="webhooks_list",
        responses={200: WebhookSerializer(many=True), **error_responses(401, 403)},
        summary="The webhooks (never their secrets)",
    )
    def get(self, request: Request) -> Response:
        return Response(WebhookSerializer(endpoint_list(), many=True).data)

    @extend_schema(
        operation_id="webhooks_create",
        request=WebhookCreateSerializer,
        responses={201: NewWebhookSerializer, **error_responses(400, 401, 403, 413, 415)},
        summary="Add a webhook; the answer shows its signing secret, once",
    )
    def post(self, request: Request) -> Response:
        serializer = WebhookCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = endpoint_create(**serializer.validated_data, created_by=signed_in_user(request))
        return Response(NewWebhookSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class WebhookDetailApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="webhooks_delete",
        responses={
            204: OpenApiResponse(description="Deleted, with its deliveries."),
            **error_responses(401, 403, 404),
        },
        summary="Delete a webhook; deliveries not yet made are dropped",
    )
    def delete(self, request: Request, webhook_id: int) -> Response:
        endpoint_delete(endpoint_id=webhook_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookTestApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="webhooks_test",
        request=None,
        responses={202: DeliverySerializer, **error_responses(401, 403, 404)},
        summary="Send a `ping` event to the webhook (queued; see its deliveries)",
    )
    def post(self, request: Request, webhook_id: int) -> Response:
        delivery = ping_send(endpoint_id=webhook_id)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class WebhookDeliveryListApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="webhooks_deliveries",
        responses={200: DeliverySerializer(many=True), **error_responses(401, 403, 404)},
        summary="The webhook's last 100 deliveries, newest first",
    )
    def get(self, request: Request, webhook_id: int) -> Response:
        deliveries = delivery_list(endpoint_id=webhook_id)
        return Response(DeliverySerializer(deliveries, many=True).data)
