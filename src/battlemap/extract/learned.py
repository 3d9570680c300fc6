"""A learned second opinion on each figure's metric, over the words around it and the rules' own choice.

Hand-written rules lift the reports they are written from and leave fresh reports where they were (docs/extract.md).
This model is trained on the annotated real reports (bench/learn_metric.py) and says, for each number with a unit,
which metric it is or that it is no figure (NONE). Where it is sure (its probability at least the model's threshold)
and disagrees with the rules, its answer is taken; everything else (scope, target, qualifier) stays the rules'.

The model is a multinomial logistic regression stored as JSON beside the word lists (words/metric_model.json):
pure-Python inference, a few dictionary look-ups per figure, no numpy at run time.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path

from battlemap.extract.cues import OTHER, MetricChoice
from battlemap.extract.scoring import confidence

UNSURE = 0.5  # the rules' confidence (scoring.confidence) up to which the model may overrule them
NONE = "NONE"  # the class of a number that is no figure
MODEL_ENV = "BATTLEMAP_METRIC_MODEL"  # another model file, or "off" (the rules alone)
LEFT, RIGHT, CLAUSE, SENTENCE = 10, 8, 24, 30  # characters read on each side of the figure, of its clause before it
# and of its sentence before its clause

# When set to a list, every figure the extractor reads appends (its window, the rules' metric, its value in base unit)
# to it: how bench/learn_metric.py collects its examples, whose features it computes from the window.
recorder: list[tuple[tuple, str, float]] | None = None


def window(text: str, start: int, end: int, unit: str, base_unit: str, starts: tuple[int, int], figures_are: str) -> tuple:
    """The part of the text features() reads, with the same arguments relative to it: what a recorder keeps."""
    low = max(0, min(start - LEFT, starts[1] - SENTENCE, starts[0] - CLAUSE))
    high = end + RIGHT + 16
    return (text[low:high], start - low, end - low, unit, base_unit, (max(0, starts[0] - low), max(0, starts[1] - low)), figures_are)


def features(text: str, start: int, end: int, unit: str, base_unit: str, starts: tuple[int, int], figures_are: str) -> list[str]:
    """Names of what is around a figure: the rules' metric and cue, the unit, the characters just before and after
    it (by position) and the character pairs of its clause before it."""
    clause_start, sentence_start = starts
    left = text[max(0, start - LEFT) : start]
    right = text[end : end + RIGHT]
    clause = text[max(clause_start, start - CLAUSE) : start]
    before = text[max(sentence_start, clause_start - SENTENCE) : clause_start]  # the sentence's clauses before
    names = [
        f"kind={figures_are}",
        f"first={clause_start == sentence_start}",
        f"unit={unit}",
        f"base={base_unit}",
    ]
    for width in (1, 2, 3, 4):
        if len(left) >= width:
            names.append(f"L{width}={left[-width:]}")
    for width in (1, 2, 3):
        if len(right) >= width:
            names.append(f"R{width}={right[:width]}")
    names.extend(f"c2={clause[i : i + 2]}" for i in range(len(clause) - 1))
    names.extend(f"c3={clause[i : i + 3]}" for i in range(len(clause) - 2))
    names.extend(f"r2={right[i : i + 2]}" for i in range(len(right) - 1))
    names.extend(f"l2={left[i : i + 2]}" for i in range(len(left) - 1))
    names.extend(f"s2={before[i : i + 2]}" for i in range(len(before) - 1))
    return names


class MetricModel:
    def __init__(self, data: dict) -> None:
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        # feature -> ((class index, weight), …): only the weights that matter were written (bench/learn_metric.py)
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            name: tuple((int(index), weight) for index, weight in pairs) for name, pairs in data["weights"].items()
        }
        self.threshold: float = data["threshold"]

    def predict(self, names: list[str]) -> tuple[str, float]:
        """The most likely class and its probability."""
        scores = list(self.bias)
        weights = self.weights
        for name in set(names):
            for index, weight in weights.get(name, ()):
                scores[index] += weight
        top = max(range(len(scores)), key=scores.__getitem__)
        peak = scores[top]
        total = sum(math.exp(s - peak) for s in scores)
        return self.classes[top], 1.0 / total


@lru_cache(maxsize=4)
def _load(where: str) -> MetricModel | None:
    if where == "off":
        return None
    if where:
        path = Path(where)
        return MetricModel(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None
    packaged = resources.files("battlemap.extract").joinpath("words/metric_model.json")
    return MetricModel(json.loads(packaged.read_text(encoding="utf-8"))) if packaged.is_file() else None


def model() -> MetricModel | None:
    return _load(os.environ.get(MODEL_ENV, ""))


def revise(
    choice: MetricChoice,
    text: str,
    figure,
    base_unit: str,
    starts: tuple[int, int],
    figures_are: str,
    factor: Fraction,
    decided: bool = False,
) -> MetricChoice:
    """The rules' choice, or the model's where the rules were unsure (no rule of structure `decided`, no specific cue)
    and the model is sure and disagrees (NONE: no figure, metric_id "")."""
    ruled = choice.metric_id or NONE
    if recorder is not None:
        value = float(Fraction(repr(figure.value)) * factor)  # in the metric's base unit, as the answer keys
        recorder.append((window(text, figure.start, figure.end, figure.unit, base_unit, starts, figures_are), ruled, value))
        return choice
    if decided or (ruled != NONE and confidence(choice) > UNSURE):
        return choice  # a rule of structure or a specific cue near the figure decided: the rules stand
    current = model()
    if current is None:
        return choice
    label, probability = current.predict(features(text, figure.start, figure.end, figure.unit, base_unit, starts, figures_are))
    if probability < current.threshold or label == ruled or (ruled == OTHER and not choice.cue and label == NONE):
        return choice
    if label == NONE:
        return replace(choice, metric_id="")
    cue = choice.cue or text[max(starts[0], figure.start - 4) : figure.start]
    return replace(choice, metric_id=label, cue=cue or label)
