"""`POST /api/triage/retrain/` (admins): retrain the offline model in the background."""

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from core.schema import error_responses
from jobs.defer import defer

from .tasks import retrain


class RetrainQueuedSerializer(serializers.Serializer):
    detail = serializers.CharField()


class TriageRetrainApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="triage_retrain",
        request=None,
        responses={
            202: OpenApiResponse(
                RetrainQueuedSerializer,
                description="A retraining job is queued (or one already was); the new model "
                "is activated only if it does better on held-back corrections.",
            ),
            **error_responses(401, 403),
        },
        summary="Retrain the offline classifier on this deployment's corrections",
    )
    def post(self, request: Request) -> Response:
        try:
            with transaction.atomic():
                defer(retrain)
            detail = "Retraining is queued."
        except IntegrityError:  # the queueing lock: one is already waiting
            detail = "Retraining was already queued."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)
