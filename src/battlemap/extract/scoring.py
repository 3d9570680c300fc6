"""How sure the extractor is of a proposal (0-1), for the reviewer to sort by: specific cues near the
figure score high, generic ones (项目) lower, the bare default for an uncued count lowest."""

from __future__ import annotations

from battlemap.extract.cues import OTHER, MetricChoice

SPECIFIC = 2  # a cue of this priority or more names its metric alone (完成投资, 开工率); lower ones are generic (项目)
NEAR = 2  # characters between a generic cue and its figure up to which it is close enough to be sure of


def confidence(choice: MetricChoice) -> float:
    if choice.metric_id == OTHER:
        return 0.3
    if not choice.cue:
        return 0.35
    if choice.priority >= SPECIFIC:
        return 0.9 if choice.distance <= 4 else 0.75
    return 0.6 if choice.distance <= NEAR else 0.5


def cue_decided(choice: MetricChoice) -> bool:
    """Whether a cue decided the choice, whatever its metric (no figure and `other` too): a specific cue anywhere in
    its reach, or a generic one right by the figure. Only where none did may the learned second opinion overrule."""
    return bool(choice.cue) and (choice.priority >= SPECIFIC or choice.distance <= NEAR)
