"""Who changed a ticket: an agent, the requester, the AI or the system (CONTRACT §9)."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from accounts.roles import display_name

from .models import ActorType

DEFAULT_REQUESTER_NAME = "Customer"


@dataclass(frozen=True)
class Actor:
    type: ActorType
    name: str
    user: User | None = None

    @classmethod
    def agent(cls, user: User) -> "Actor":
        return cls(ActorType.AGENT, display_name(user), user)

    @classmethod
    def requester(cls, name: str | None) -> "Actor":
        return cls(ActorType.REQUESTER, (name or "").strip() or DEFAULT_REQUESTER_NAME)

    @classmethod
    def ai(cls) -> "Actor":
        return cls(ActorType.AI, "AI")

    @classmethod
    def system(cls) -> "Actor":
        return cls(ActorType.SYSTEM, "System")

    def as_json(self) -> dict:
        return {
            "type": self.type.value,
            "id": self.user.pk if self.user else None,
            "name": self.name,
        }
