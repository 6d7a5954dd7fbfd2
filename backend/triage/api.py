"""`POST /api/triage/retrain/` (admins): retrain the offline model in the background."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdmin
from core.errors import error_body
from core.schema import error_responses


class TriageRetrainApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="triage_retrain",
        request=None,
        responses={
            202: OpenApiResponse(description="A retraining job was queued."),
            503: OpenApiResponse(description="No job engine: run manage.py retrain_classifier."),
            **error_responses(401, 403),
        },
        summary="Retrain the offline classifier on this deployment's corrections",
    )
    def post(self, request: Request) -> Response:
        body = error_body(
            "Background jobs are not available here; run `manage.py retrain_classifier`."
        )
        response = Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        response["Retry-After"] = "3600"
        return response
