"""The learned second opinion on metrics (battlemap.extract.learned): when it may overrule the rules, what it
reads, and that the packaged model speaks the catalogue's metric ids."""

from __future__ import annotations

import csv
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from battlemap.extract import extract_text, learned
from battlemap.extract.cues import OTHER, MetricChoice
from battlemap.extract.figures import FigureSpan
from battlemap.shared.places import resolve_place

ROOT = Path(__file__).resolve().parents[2]
MINHOU = resolve_place("闽侯县")


def tiny_model(tmp_path, weights, classes=("NONE", "other", "project_count"), threshold=0.85) -> Path:
    path = tmp_path / "model.json"
    data = {"classes": list(classes), "bias": [0.0] * len(classes), "weights": weights, "threshold": threshold}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_predict_gives_the_highest_scoring_class_and_its_softmax_probability():
    model = learned.MetricModel({"classes": ["a", "b"], "bias": [0.0, 1.0], "weights": {"x": [[0, 3.0]]}, "threshold": 0.5})
    label, probability = model.predict(["x", "x", "unknown"])  # a feature counts once, an unknown one not at all
    assert label == "a"
    assert probability == pytest.approx(1 / (1 + math.exp(1.0 - 3.0)))
    assert model.predict([]) == ("b", pytest.approx(1 / (1 + math.exp(-1.0))))


def test_the_model_overrules_the_rules_only_where_they_were_unsure(tmp_path, monkeypatch):
    # A model sure that anything counted in 次 is a project count, and anything in 亿元 too.
    path = tiny_model(tmp_path, {"unit=次": [[2, 10.0]], "unit=亿元": [[2, 10.0]]})
    monkeypatch.setenv(learned.MODEL_ENV, str(path))
    text = "全县重点项目完成投资30亿元,累计调度1386次。"
    found = {p.value_as_written + p.unit_as_written: p.metric_id for p in extract_text(text, place=MINHOU)}
    assert found["30亿元"] == "completed_investment"  # a specific cue (完成投资) decided: the rules stand
    assert found["1386次"] == "project_count"  # only a generic cue named it: the model, sure, is taken
    monkeypatch.setenv(learned.MODEL_ENV, "off")
    alone = {p.value_as_written + p.unit_as_written: p.metric_id for p in extract_text(text, place=MINHOU)}
    assert alone == {"30亿元": "completed_investment", "1386次": OTHER}


def test_a_rule_of_structure_or_an_unsure_model_leaves_the_rules_choice(tmp_path, monkeypatch):
    path = tiny_model(tmp_path, {"unit=个": [[2, 10.0]], "unit=项": [[0, 1.0]]})
    monkeypatch.setenv(learned.MODEL_ENV, str(path))
    text = "甲乙丙丁1个"
    span = FigureSpan(start=4, end=6, number="1", unit="个", value=1.0, chinese=False)
    unsure = MetricChoice(OTHER, "", 99, 0)
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", Fraction(1)).metric_id == "project_count"
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", Fraction(1), decided=True) == unsure
    specific = MetricChoice("projects_started", "开工", 0, 2)
    assert learned.revise(specific, text, span, "count", (0, 0), "status", Fraction(1)) == specific
    weak = tiny_model(tmp_path, {"unit=个": [[2, 0.5]]})  # 0.45 for project_count: below the threshold
    monkeypatch.setenv(learned.MODEL_ENV, str(weak))
    learned._load.cache_clear()
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", Fraction(1)) == unsure


def test_a_sure_no_figure_drops_what_the_rules_proposed_without_a_specific_cue(tmp_path, monkeypatch):
    monkeypatch.setenv(learned.MODEL_ENV, str(tiny_model(tmp_path, {"unit=个": [[0, 10.0]]})))
    span = FigureSpan(start=4, end=6, number="8", unit="个", value=8.0, chinese=False)
    generic = MetricChoice("project_count", "项目", 5, 1)
    assert learned.revise(generic, "甲乙丙丁8个", span, "count", (0, 0), "status", Fraction(1)).metric_id == ""


def test_the_recorded_window_gives_the_features_of_the_whole_text():
    text = "某县2024年第一批重点项目集中开工,共有项目56个,总投资120.5亿元,其中产业项目31个,年度计划投资40亿元。"
    learned.recorder = []
    try:
        extract_text(text, place=MINHOU)
        recorded = list(learned.recorder)
    finally:
        learned.recorder = None
    assert [value for _, _, value in recorded] == [56, 12050000000, 31, 4000000000]
    for window, _, _ in recorded:
        piece, start, end, unit, base_unit, (clause, sentence), kind = window
        absolute = text.index(piece)
        whole = learned.features(text, absolute + start, absolute + end, unit, base_unit, (absolute + clause, absolute + sentence), kind)
        assert learned.features(*window) == whole


def test_the_packaged_model_speaks_the_catalogues_metric_ids(monkeypatch):
    monkeypatch.delenv(learned.MODEL_ENV, raising=False)
    model = learned.model()
    assert model is not None, "src/battlemap/extract/words/metric_model.json is missing: bench/learn_metric.py --out makes it"
    with (ROOT / "seeds" / "metrics.csv").open(encoding="utf-8") as handle:
        metric_ids = {row["metric_id"] for row in csv.DictReader(handle)}
    assert set(model.classes) - {learned.NONE, OTHER} <= metric_ids
    assert 0.5 < model.threshold < 1 and len(model.bias) == len(model.classes)
