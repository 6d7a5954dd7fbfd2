"""The offline ticket classifier: in-process, standard library only, no network.

    from triage.offline import predict
    p = predict(title, description)  # -> OfflinePrediction
    p.category, p.priority, p.category_confidence, p.priority_confidence

See README.md in this folder for the approach, the data and how to rebuild the artifact.
"""

from .model import OfflinePrediction, predict

__all__ = ["OfflinePrediction", "predict"]
