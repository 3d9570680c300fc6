"""The learned second opinion on metrics (battlemap.extract.learned): when it may overrule the rules, what it
reads, and that the packaged model speaks the catalogue's metric ids."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from battlemap.extract import extract_text, learned
from battlemap.extract.cues import OTHER, MetricChoice
from battlemap.extract.figures import FigureSpan
from battlemap.shared.places import resolve_place

ROOT = Path(__file__).resolve().parents[2]
MINHOU = resolve_place("闽侯县")
UNITS = {"project_count": "count", "completed_investment": "CNY"}


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
    assert extract_text("阅读1386次", place=MINHOU) == []  # a cue that says "no figure" (阅读) decided: it stands
    monkeypatch.setenv(learned.MODEL_ENV, "off")
    alone = {p.value_as_written + p.unit_as_written: p.metric_id for p in extract_text(text, place=MINHOU)}
    assert alone == {"30亿元": "completed_investment", "1386次": OTHER}


def test_a_rule_of_structure_or_an_unsure_model_leaves_the_rules_choice(tmp_path, monkeypatch):
    path = tiny_model(tmp_path, {"unit=个": [[2, 10.0]], "unit=项": [[0, 1.0]]})
    monkeypatch.setenv(learned.MODEL_ENV, str(path))
    text = "甲乙丙丁1个"
    span = FigureSpan(start=4, end=6, number="1", unit="个", value=1.0, chinese=False)
    unsure = MetricChoice(OTHER, "", 99, 0)
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", 1.0, UNITS).metric_id == "project_count"
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", 1.0, UNITS, decided=True) == unsure
    specific = MetricChoice("projects_started", "开工", 0, 2)
    assert learned.revise(specific, text, span, "count", (0, 0), "status", 1.0, UNITS) == specific
    weak = tiny_model(tmp_path, {"unit=个": [[2, 0.5]]})  # 0.45 for project_count: below the threshold
    monkeypatch.setenv(learned.MODEL_ENV, str(weak))
    learned._load.cache_clear()
    assert learned.revise(unsure, text, span, "count", (0, 0), "status", 1.0, UNITS) == unsure


def test_a_metric_of_another_unit_is_never_taken(tmp_path, monkeypatch):
    path = tiny_model(tmp_path, {"unit=个": [[1, 10.0]]}, classes=("NONE", "completed_investment"))
    monkeypatch.setenv(learned.MODEL_ENV, str(path))
    span = FigureSpan(start=4, end=6, number="8", unit="个", value=8.0, chinese=False)
    unsure = MetricChoice(OTHER, "", 99, 0)
    assert learned.revise(unsure, "甲乙丙丁8个", span, "count", (0, 0), "status", 8.0, UNITS) == unsure


def test_a_sure_no_figure_drops_what_the_rules_proposed_without_a_specific_cue(tmp_path, monkeypatch):
    monkeypatch.setenv(learned.MODEL_ENV, str(tiny_model(tmp_path, {"unit=个": [[0, 10.0]]})))
    span = FigureSpan(start=4, end=6, number="8", unit="个", value=8.0, chinese=False)
    generic = MetricChoice("project_count", "项目", 5, 1)
    assert learned.revise(generic, "甲乙丙丁8个", span, "count", (0, 0), "status", 1.0, UNITS).metric_id == ""


def test_the_recorded_window_gives_the_features_of_the_whole_text():
    text = (
        "某县召开重点项目建设推进会,会议总结了上半年工作,部署了下半年任务,要求各乡镇各部门压实责任、强化调度、优化服务。\n"
        "会上通报,今年全县共有重点项目56个,总投资120.5亿元,其中产业项目31个,年度计划投资40亿元,截至6月底已完成投资"
        "22.6亿元,占年度计划的56.5%。"
    )
    with learned.recording() as recorded:
        extract_text(text, place=MINHOU)
    assert learned.recorder is None  # recording stops with its block
    assert [value for _, _, value in recorded] == [56, 12050000000, 31, 4000000000, 2260000000, 0.565]
    offsets = []
    for window, _, _ in recorded:
        piece, start, end, unit, base_unit, (clause, sentence), kind = window
        offset = next(i for i in range(len(text)) if text.startswith(piece, i) and text[i + start : i + end] == piece[start:end])
        offsets.append(offset)
        whole = learned.features(text, offset + start, offset + end, unit, base_unit, (offset + clause, offset + sentence), kind)
        assert learned.features(*window) == whole
        assert len(piece) < len(text) // 2  # a window, not the text
    assert min(offsets) > 0  # the windows open inside the text: their offsets are shifted


def test_recording_stops_even_when_the_extraction_fails(monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(learned, "window", fail)
    with pytest.raises(RuntimeError), learned.recording():
        extract_text("全县重点项目56个。", place=MINHOU)
    assert learned.recorder is None


def test_a_model_file_that_is_missing_or_not_a_model_is_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setenv(learned.MODEL_ENV, str(tmp_path / "nowhere.json"))
    with pytest.raises(FileNotFoundError, match="BATTLEMAP_METRIC_MODEL=.*nowhere.json: no such file"):
        learned.model()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(learned.MODEL_ENV, str(broken))
    with pytest.raises(ValueError, match="broken.json: not JSON"):
        learned.model()
    broken.write_text(json.dumps({"classes": ["a"], "bias": [0.0, 1.0], "weights": {}, "threshold": 0.9}), encoding="utf-8")
    with pytest.raises(ValueError, match="a bias per class"):
        learned.model()  # the file changed: read again


def test_without_a_model_file_the_rules_decide_alone(monkeypatch):
    monkeypatch.delenv(learned.MODEL_ENV, raising=False)
    assert learned.model() is None  # none is shipped (docs/extract.md, "Sixth round")
    monkeypatch.setenv(learned.MODEL_ENV, "off")
    assert learned.model() is None
