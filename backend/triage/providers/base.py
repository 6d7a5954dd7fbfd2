"""The contract every classification provider follows."""

from ..suggestion import Suggestion


class ClassificationError(Exception):
    """The provider gave no usable answer (timeout, HTTP error, bad JSON, invented label...)."""


class Provider:
    """Classifies a ticket's text into one category and one priority.

    `classify` returns a Suggestion whose labels are in triage.labels and whose
    confidences are in [0, 1], with `provider` set to `name`. It raises
    ClassificationError for every failure, and must give up by `timeout` seconds.
    """

    name: str = ""

    def classify(self, *, title: str, description: str, timeout: float) -> Suggestion:
        raise NotImplementedError
