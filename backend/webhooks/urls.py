from django.urls import path

import core.converters  # noqa: F401 - registers the id18 converter

from . import api

urlpatterns = [
    path("", api.WebhookListCreateApi.as_view(), name="webhook-list"),
    path("<id18:webhook_id>/", api.WebhookDetailApi.as_view(), name="webhook-detail"),
    path("<id18:webhook_id>/test/", api.WebhookTestApi.as_view(), name="webhook-test"),
    path(
        "<id18:webhook_id>/deliveries/",
        api.WebhookDeliveryListApi.as_view(),
        name="webhook-deliveries",
    ),
]
