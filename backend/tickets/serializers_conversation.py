"""Shapes of a ticket's conversation, history and requester portal (CONTRACT §9, §10)."""

from rest_framework import serializers

from core.serializers import RejectUnknownFieldsMixin, StrictCharField, StrictChoiceField

from .models import (
    COMMENT_MAX_LENGTH,
    ActorType,
    Comment,
    EventKind,
    Status,
    Ticket,
    TicketEvent,
    Visibility,
)
from .serializers import iso_utc


def _body(**kwargs) -> StrictCharField:
    return StrictCharField(max_length=COMMENT_MAX_LENGTH, allow_newlines=True, **kwargs)


class ActorSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ActorType.choices)
    id = serializers.IntegerField(allow_null=True, help_text="The agent's id; null otherwise.")
    name = serializers.CharField(help_text="The name at the time, kept after deactivation.")


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    author = ActorSerializer()
    created_at = serializers.DateTimeField()

    def to_representation(self, comment: Comment) -> dict:
        return {
            "id": comment.id,
            "body": comment.body,
            "visibility": comment.visibility,
            "author": {
                "type": comment.author_type,
                "id": comment.author_id,
                "name": comment.author_name,
            },
            "created_at": iso_utc(comment.created_at),
        }


class CommentCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    body = _body(help_text="1 to 10,000 characters, trimmed; newlines and tabs allowed.")
    visibility = StrictChoiceField(
        choices=Visibility.choices,
        required=False,
        default=Visibility.PUBLIC,
        help_text="public: a reply the requester sees (default); internal: a note for agents.",
    )


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="The ticket's version after this change.")
    at = serializers.DateTimeField()
    actor = ActorSerializer()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    changes = serializers.DictField(
        child=serializers.ListField(min_length=2, max_length=2),
        help_text="Each changed field: [old, new]. Assignees are {id, name} or null.",
    )
    comment_id = serializers.IntegerField(allow_null=True)

    def to_representation(self, event: TicketEvent) -> dict:
        return {
            "id": event.id,
            "version": event.version,
            "at": iso_utc(event.at),
            "actor": {"type": event.actor_type, "id": event.actor_id, "name": event.actor_name},
            "kind": event.kind,
            "changes": event.changes,
            "comment_id": event.comment_id,
        }


class EventQuerySerializer(serializers.Serializer):
    since_version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="Only events after this version: what changed since the client's copy.",
    )


class PortalLinkSerializer(serializers.Serializer):
    portal_url = serializers.CharField()


class PortalAuthorSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=[ActorType.AGENT, ActorType.REQUESTER])
    name = serializers.CharField()


class PortalReplySerializer(serializers.Serializer):
    body = serializers.CharField()
    author = PortalAuthorSerializer()
    created_at = serializers.DateTimeField()

    def to_representation(self, comment: Comment) -> dict:
        return {
            "body": comment.body,
            "author": {"type": comment.author_type, "name": comment.author_name},
            "created_at": iso_utc(comment.created_at),
        }


class PortalTicketSerializer(serializers.Serializer):
    """What the requester's page shows: no internal notes, no AI data, no e-mail address."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    replies = PortalReplySerializer(many=True)

    def __init__(self, ticket: Ticket | None = None, *, replies=(), **kwargs):
        super().__init__(ticket, **kwargs)
        self.replies = replies

    def to_representation(self, ticket: Ticket) -> dict:
        return {
            "id": ticket.id,
            "title": ticket.title,
            "description": ticket.description,
            "status": ticket.status,
            "created_at": iso_utc(ticket.created_at),
            "updated_at": iso_utc(ticket.updated_at),
            "replies": PortalReplySerializer(self.replies, many=True).data,
        }


class PortalReplyCreateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    body = _body(help_text="1 to 10,000 characters, trimmed; newlines and tabs allowed.")
