"""The contract every classification provider follows."""

from collections.abc import Sequence

from ..corrections import LabelledText
from ..suggestion import Suggestion


class ClassificationError(Exception):
    """The provider gave no usable answer (timeout, HTTP error, bad JSON, invented label...)."""


class Provider:
    """Classifies a ticket's text into one category and one priority.

    `classify` returns a Suggestion whose labels are in triage.labels and whose
    confidences are in [0, 1], with `provider` set to `name`. It raises
    ClassificationError for every failure, and must give up by `timeout` seconds.
    `examples` are tickets this deployment's agents labelled (few-shot); an LLM shows them
    to the model, an in-process classifier (which learns by retraining) ignores them.

    `remote` providers call a network service: triage.services then runs them in a
    bounded thread pool with a deadline, caches their answers (keyed by `name`,
    `model` and the prompt version) and skips them while their circuit breaker is open.
    In-process providers (`remote = False`) are called directly and never cached.
    """

    name: str = ""
    model: str = ""
    remote: bool = False

    def classify(
        self,
        *,
        title: str,
        description: str,
        timeout: float,
        examples: Sequence[LabelledText] = (),
    ) -> Suggestion:
        raise NotImplementedError
