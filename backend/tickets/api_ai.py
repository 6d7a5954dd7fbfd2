"""`GET /api/triage/quality/`: how good the AI's suggestions are here (CONTRACT §12)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.schema import error_responses

from .ai_quality import ai_quality


class QualityQuerySerializer(serializers.Serializer):
    days = serializers.IntegerField(
        required=False,
        default=30,
        min_value=1,
        max_value=366,
        help_text="Tickets created in this many last days (default 30).",
    )


class _LabelQualitySerializer(serializers.Serializer):
    suggested = serializers.IntegerField()
    kept = serializers.IntegerField(help_text="Suggested and still the ticket's label.")
    precision = serializers.FloatField(allow_null=True)
    recall = serializers.FloatField(allow_null=True)


class _WeekSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday the week starts on (UTC).")
    suggested = serializers.IntegerField()
    category_kept = serializers.FloatField(
        allow_null=True, help_text="Share no agent changed away from the suggestion."
    )
    priority_kept = serializers.FloatField(allow_null=True)


class _ModelSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        allow_null=True, help_text="The active retrained version; null: the shipped model."
    )
    trained_at = serializers.DateTimeField(allow_null=True)
    examples = serializers.IntegerField(allow_null=True)
    corrections = serializers.IntegerField()


class QualitySerializer(serializers.Serializer):
    suggested = serializers.IntegerField(help_text="Tickets of the period with a suggestion.")
    category_accuracy = serializers.FloatField(allow_null=True)
    priority_accuracy = serializers.FloatField(allow_null=True)
    priority_within_one = serializers.FloatField(allow_null=True)
    by_category = serializers.DictField(child=_LabelQualitySerializer())
    confusion = serializers.DictField(
        child=serializers.DictField(child=serializers.DictField(child=serializers.IntegerField())),
        help_text="confusion[field][final label][suggested label] = tickets.",
    )
    weekly = _WeekSerializer(many=True)
    model = _ModelSerializer()


class TriageQualityApi(APIView):
    @extend_schema(
        operation_id="triage_quality",
        parameters=[QualityQuerySerializer],
        responses={200: QualitySerializer, **error_responses(400, 401)},
        summary="Accuracy of the AI's suggestions against the tickets' final labels",
    )
    def get(self, request: Request) -> Response:
        query = QualityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(ai_quality(days=query.validated_data["days"]))
