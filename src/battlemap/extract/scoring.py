"""How sure the extractor is of a proposal (0-1), for the reviewer to sort by: specific cues near the
figure score high, generic ones (项目) lower, the bare default for an uncued count lowest."""

from __future__ import annotations

from battlemap.extract.cues import OTHER, MetricChoice


def confidence(choice: MetricChoice) -> float:
    if choice.metric_id == OTHER:
        return 0.3
    if not choice.cue:
        return 0.35
    if choice.priority >= 2:
        return 0.9 if choice.distance <= 4 else 0.75
    return 0.6 if choice.distance <= 2 else 0.5
