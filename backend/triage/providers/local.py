"""The in-process classifier: the offline model when it is installed, else keywords.

It needs no key and no network, answers in milliseconds, and is the first fallback
when a remote provider fails. A crash of the offline model falls back to the keyword
classifier, so `local` only fails when both do.
"""

import logging
from collections.abc import Sequence

from ..corrections import LabelledText
from ..suggestion import Suggestion
from .base import ClassificationError, Provider
from .keywords import KeywordProvider

logger = logging.getLogger(__name__)


def _offline_predict():
    try:
        # the active retrained version when there is one, else the shipped model
        from triage.active_model import predict
    except ImportError:
        logger.info("No offline model installed; the local classifier uses keywords.")
        return None
    return predict


class LocalProvider(Provider):
    name = "local"
    model = "offline"

    def __init__(self):
        self.predict = _offline_predict()
        self.keywords = KeywordProvider()
        if self.predict is None:
            self.model = "keywords"

    def classify(
        self,
        *,
        title: str,
        description: str,
        timeout: float,
        examples: Sequence[LabelledText] = (),
    ) -> Suggestion:
        if self.predict is not None:
            try:
                prediction = self.predict(title, description)
                return Suggestion(
                    category=prediction.category,
                    priority=prediction.priority,
                    category_confidence=float(prediction.category_confidence),
                    priority_confidence=float(prediction.priority_confidence),
                    provider=self.name,
                    language=prediction.language,
                )
            except Exception:
                logger.exception("The offline model failed; using the keyword classifier")
        try:
            return self.keywords.classify(title=title, description=description, timeout=timeout)
        except ClassificationError:
            raise
        except Exception as error:
            raise ClassificationError(f"The keyword classifier crashed: {error}") from error
