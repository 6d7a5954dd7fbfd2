"""Every route of the web UI answers with the app (CONTRACT §8's list)."""

from django.urls import path

import core.converters  # noqa: F401 - registers the id18 converter

from . import views

urlpatterns = [
    path("", views.index, name="ui"),
    path("submit", views.index, name="ui-submit"),
    path("tickets/<id18:ticket_id>", views.index, name="ui-ticket"),
    path("dashboard", views.index, name="ui-dashboard"),
    path("team", views.index, name="ui-team"),
    path("webhooks", views.index, name="ui-webhooks"),
    path("account", views.index, name="ui-account"),
    path("portal/<str:key>", views.portal, name="ui-portal"),
]
