"""A learned second opinion on each figure's metric, over the characters around it.

Hand-written rules lift the reports they are written from and leave fresh reports where they were (docs/extract.md).
This model is trained on the annotated real reports (bench/learn_metric.py) and says, for each number with a unit,
which metric it is or that it is no figure (NONE). Where the rules were unsure (no rule of structure decided, and no
cue naming a catalogue metric or saying "no figure": scoring.cue_decided; `other` is always unsure) and the model is
sure (its probability at least the model's threshold) and disagrees, its answer is taken; everything else (scope,
target, qualifier) stays the rules'.

The model is a multinomial logistic regression stored as JSON (pure-Python inference, a few dictionary look-ups per
figure, no numpy at run time). None is shipped: on the six real sets the rules have not seen, a model trained on the
read ones changed 2 of 1,191 figures, for 7% of the throughput (docs/extract.md, "Sixth round"). To use one, train it
(bench/learn_metric.py --out FILE) and set BATTLEMAP_METRIC_MODEL=FILE; a file at words/metric_model.json would be
read by default.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from battlemap.extract.cues import OTHER, MetricChoice
from battlemap.extract.scoring import cue_decided

NONE = "NONE"  # the class of a number that is no figure
MODEL_ENV = "BATTLEMAP_METRIC_MODEL"  # another model file, or "off" (the rules alone)
PACKAGED = "words/metric_model.json"
# Characters read: on each side of the figure, of its clause before it, and of its sentence before its clause.
LEFT, RIGHT, CLAUSE, SENTENCE = 10, 8, 24, 30
MODEL_CHOICE = {"distance": 99, "priority": 1}  # a model's choice ranks as a generic cue (scoring.confidence 0.5)

# While recording (recording()), every figure the extractor reads appends (its window, the rules' metric, its value in
# base unit) here: how bench/learn_metric.py collects its examples, whose features it computes from the window.
recorder: list[tuple[tuple, str, float]] | None = None


@contextmanager
def recording() -> Iterator[list[tuple[tuple, str, float]]]:
    """Record what the extractor reads (see `recorder`) for the duration of the block, and stop even on an error."""
    global recorder
    recorder = []
    try:
        yield recorder
    finally:
        recorder = None


def window(text: str, start: int, end: int, unit: str, base_unit: str, starts: tuple[int, int], figures_are: str) -> tuple:
    """The part of the text features() reads, with the same arguments relative to it: what a recorder keeps.
    It opens where the sentence part read before the clause opens (never after the clause's start) or LEFT before the
    figure, whichever is first, and closes RIGHT after it."""
    clause_start, sentence_start = starts
    low = max(0, min(start - LEFT, max(sentence_start, clause_start - SENTENCE)))
    relative = (clause_start - low, max(0, sentence_start - low))  # a sentence opening before the window: not read
    return (text[low : end + RIGHT], start - low, end - low, unit, base_unit, relative, figures_are)


def features(text: str, start: int, end: int, unit: str, base_unit: str, starts: tuple[int, int], figures_are: str) -> list[str]:
    """Names of what is around a figure: the document's kind, the unit, the characters just before and after it (by
    position) and the character pairs of its clause, and of its sentence before the clause."""
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
    def __init__(self, data: dict, source: str = "model") -> None:
        try:
            self.classes: list[str] = list(data["classes"])
            self.bias: list[float] = [float(b) for b in data["bias"]]
            self.threshold: float = float(data["threshold"])
            # feature -> ((class index, weight), …): only the weights that matter were written (bench/learn_metric.py)
            self.weights: dict[str, tuple[tuple[int, float], ...]] = {
                name: tuple((int(index), float(weight)) for index, weight in pairs) for name, pairs in data["weights"].items()
            }
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{source}: not a metric model (classes, bias, weights, threshold): {error}") from error
        wrong = [i for pairs in self.weights.values() for i, _ in pairs if not 0 <= i < len(self.classes)]
        if len(self.bias) != len(self.classes) or wrong or not 0 < self.threshold <= 1:
            raise ValueError(f"{source}: a bias per class, class indices in range and a threshold in (0, 1] are needed")

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
def _load(where: str, modified: float) -> MetricModel | None:
    if where == "off":
        return None
    if where:
        path = Path(where)
        if not path.is_file():
            raise FileNotFoundError(f"{MODEL_ENV}={where}: no such file (unset it for the packaged model, 'off' for none)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{MODEL_ENV}={where}: not JSON: {error}") from error
        return MetricModel(data, f"{MODEL_ENV}={where}")
    packaged = resources.files("battlemap.extract").joinpath(PACKAGED)
    return MetricModel(json.loads(packaged.read_text(encoding="utf-8")), PACKAGED) if packaged.is_file() else None


def model() -> MetricModel | None:
    """The model to consult: BATTLEMAP_METRIC_MODEL's file (read again when it changes), none for 'off', else the
    packaged one if there is one (none is shipped)."""
    where = os.environ.get(MODEL_ENV, "")
    try:
        modified = Path(where).stat().st_mtime if where and where != "off" else 0.0
    except OSError:
        modified = -1.0
    return _load(where, modified)


def consulted() -> bool:
    """Whether the second opinion has anything to do: a recording, or a model to consult (the extractor asks once a
    segment, so that the rules alone pay nothing per figure)."""
    return recorder is not None or model() is not None


def revise(
    choice: MetricChoice,
    text: str,
    figure,
    base_unit: str,
    starts: tuple[int, int],
    figures_are: str,
    value: float,
    metric_units: dict[str, str],
    decided: bool = False,
) -> MetricChoice:
    """The rules' choice, or the model's where the rules were unsure (no rule of structure `decided`, no specific cue)
    and the model is sure and disagrees: a catalogue metric of the figure's base unit, `other`, or no figure
    (metric_id "")."""
    ruled = choice.metric_id or NONE
    if recorder is not None:
        recorder.append((window(text, figure.start, figure.end, figure.unit, base_unit, starts, figures_are), ruled, value))
        return choice
    if decided or (ruled != OTHER and cue_decided(choice)):
        # A rule of structure, or a cue that names a catalogue metric or says "no figure" (阅读), decided: the rules
        # stand. `other` is the rules saying they know no catalogue metric for it: a second opinion may.
        return choice
    current = model()
    if current is None:
        return choice
    label, probability = current.predict(features(text, figure.start, figure.end, figure.unit, base_unit, starts, figures_are))
    if probability < current.threshold or label == ruled:
        return choice
    if label == NONE:
        return MetricChoice("", choice.cue, **MODEL_CHOICE)
    if label != OTHER and metric_units.get(label) != base_unit:
        return choice  # not a catalogue metric measured in the figure's unit: the model cannot be right
    cue = choice.cue or text[max(starts[0], figure.start - 4) : figure.start] or label
    return MetricChoice(label, cue, **MODEL_CHOICE)
