"""Lists, rankings and distributions: a metric named once for many items (各县区完成投资分别为：甲区41.7亿元、乙县…),
the names before 分别 that take the figures after it in turn, a 其中 breakdown of a count, and what an item's metric
may be carried from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from battlemap.extract.clauses import STOP_ENDS
from battlemap.extract.cues import COUNTED_NOUN, OTHER, PREDICATE_START, MetricChoice, choose_metric, metric_id_counts_projects
from battlemap.extract.scope import CITY, DISTRICT, PROGRAMME, TOWN, Scope, ScopeReader

# The names, then 分别 — right after them, or after a clause naming the metric (…是甲镇、乙局;年度投资计划分别是…).
DISTRIBUTE = re.compile(
    r"((?:[\u4e00-\u9fff“”\"]{2,16}[、和及])+[\u4e00-\u9fff“”\"]{2,16}?)(?:[;；，,][\u4e00-\u9fff]{2,12}?)?(?:分别|依次)"
)
DISTRIBUTE_WORD = re.compile(r"分别|依次")
DISTRIBUTE_ENDING = re.compile(DISTRIBUTE.pattern + "$")  # the same, ending where the search ends


def _distributions(text: str) -> Iterator[re.Match[str]]:
    """DISTRIBUTE's matches, found from each 分别/依次 backwards: a scan of the whole text with DISTRIBUTE costs ~7 %
    of extraction, backtracking at every character."""
    done = 0
    for word in DISTRIBUTE_WORD.finditer(text):
        if word.start() < done:
            continue
        window = max(done, word.start() - 200)
        match = DISTRIBUTE_ENDING.search(text, window, word.end())
        if match is not None:
            done = match.end()
            yield match


def distributed_scopes(text: str, figure_starts: list[int], reader: ScopeReader) -> dict[int, Scope]:
    """`A、B分别完成投资X、Y，完成年度计划的x%、y%`: the names listed before 分别 scope the figures after it in
    turn, within the sentence (a place is a district, anything else a programme)."""
    scopes: dict[int, Scope] = {}
    for match in _distributions(text):
        end = len(text)
        for mark in "。；;\n":
            found = text.find(mark, match.end())
            end = min(end, found) if found >= 0 else end
        inside = [start for start in figure_starts if match.end() <= start < end]
        # Split at 、 alone where that gives one figure per name (城市管理和综合执法局 is one name), else at 和/及 too.
        splits = [ENUMERATION_SPLIT, LIST_SPLIT] if "、" in match.group(1) else [LIST_SPLIT]
        names = []
        for split in splits:
            names = [LEADING_WORDS.sub("", NAMED_AFTER.split(n.strip("“”\""))[-1]) for n in split.split(match.group(1))]
            if len(names) >= 2 and inside and not len(inside) % len(names):
                break
        if len(names) < 2 or any(len(n) < 2 for n in names) or not inside or len(inside) % len(names):
            continue  # not one figure per name per metric: leave the reading as it is
        if all(METRIC_NAME.search(n) for n in names):
            continue  # 计划总投资和本年完成投资分别为X和Y: names of metrics (shapes.paired_metric), not of scopes
        for index, start in enumerate(inside):
            name = names[index % len(names)]
            scope = reader.label_scope(name)
            scopes[start] = scope if scope.level in (DISTRICT, TOWN, CITY) else Scope(PROGRAMME, name)
    return scopes


LIST_SPLIT = re.compile(r"[、和及]")
ENUMERATION_SPLIT = re.compile("、")
NAMED_AFTER = re.compile(r"(?:分别)?(?:是|为)")  # …的五个责任单位是甲管委会: the name after 是
METRIC_NAME = re.compile(r"投资|开工率|完成率|项目数|个数|增长|占比")  # words only a metric's name ends in or holds
LEADING_WORDS = re.compile(r"^(?:其中|包括|全市|全县|以及)")


def list_metric(text, figure, base_unit, stop_start, clause_start, last, figure_starts, vocabulary) -> MetricChoice | None:
    """The metric of a figure its own clause does not name: an item of a list or ranking takes the metric of
    the item before it (甲区41.7亿元、乙县36.2亿元) or of the list's head (各县区完成投资分别为：…), within its full
    stop; a list opened by 其中 continues the figure it breaks down (…1141个项目集中开工。…其中,沈阳市200个)."""
    window = stop_start
    if CONTINUES.match(text, stop_start) or OPENS_LIST.search(text, max(0, stop_start - 6), stop_start):
        for _ in range(2):  # 其中 breaks down a figure of the stops just before
            window = _stop_before(text, window)
    earlier = last.get(carry_key(base_unit, figure.unit))  # a count carries to its own counter only
    if earlier and earlier[0] >= window and earlier[1].metric_id not in (OTHER, ""):
        if base_unit == "count" and metric_id_counts_projects(earlier[1].metric_id) and _counts_other_things(text, figure.end):
            return None  # 208个项目…在7个地区举行: the item counts its own noun, not projects
        return earlier[1]
    head = choose_metric(text, (stop_start, clause_start), (figure.end, figure.end), base_unit, "", vocabulary)
    if head.metric_id in (OTHER, "") or head.category:
        return None
    if base_unit == "count" and metric_id_counts_projects(head.metric_id) and _counts_other_things(text, figure.end):
        return None  # 大桥建成后,可解决9个村…: the count is of its own noun (村), not of the head's projects
    head_end = head.cue_start + len(CLAUSE_PART.split(text[head.cue_start : clause_start], maxsplit=1)[0])
    stated = any(head.cue_start <= start < head_end for start in figure_starts)
    return None if stated else head  # a head names, it states no figure of its own


def breaks_down(text: str, parent: tuple[int, str], start: int) -> bool:
    """Whether a count at `start` is an item of a 其中 list breaking down the state count `parent` in the same
    sentence (…签约项目74个,总投资422.58亿元,其中产业项目59个,创新载体项目2个): a part of the signed projects."""
    end, _ = parent
    if end < 0:
        return False
    if text.startswith(("(", "（"), end) and not CLOSING.search(text, end, start):
        return True  # 开复工36项(续建29项,新建7项): a parenthesis right after the count breaks it down
    if BREAKDOWN_STOP.search(text, end, start):
        return False
    return "其中" in text[end:start]


def _counts_other_things(text: str, end: int) -> bool:
    """A noun right after a count's counter that is not the projects' (7个地区, 5个乡镇), its predicate aside."""
    noun = COUNTED_NOUN.match(text, end).group()[:4]
    return bool(noun) and not PREDICATE_START.match(noun) and not re.match(r"(?:重点|重大|省|市|县|区)*(?:建设)?(?:项目|工程)", noun)


def carry_key(base_unit: str, unit: str) -> tuple[str, str]:
    """What a list item's metric may be carried from: the same counter for counts (not 5大类 then 82个), the same
    kind of ratio (a rate in % is not a gap in 个百分点), any unit of money or area."""
    if base_unit == "count":
        return base_unit, unit
    if base_unit == "ratio":
        return base_unit, "points" if unit == "个百分点" else "share"
    return base_unit, ""


LOOK_BACK = 2000  # characters searched back for the start of a sentence: bounded, so the cost stays linear
CLAUSE_PART = re.compile(r"[，,；;。]")
CONTINUES = re.compile(r"[\s“”]*(?:其中|包括)")
BREAKDOWN_STOP = re.compile(r"[。；;！？!?\n(（]")
CLOSING = re.compile(r"[)）。；;\n]")
OPENS_LIST = re.compile(r"(?:其中|分别为|分别是|如下)[:：]?\s*$")


def _stop_before(text: str, start: int) -> int:
    """Where the full stop before the one starting at `start` starts."""
    end = start - 1
    if end <= 0:
        return 0
    while end > 0 and text[end - 1] in STOP_ENDS:
        end -= 1
    floor = max(0, end - LOOK_BACK)  # a stop longer than this starts where the look-back ends
    found = max(text.rfind(mark, floor, end) for mark in STOP_ENDS)
    return found + 1 if found >= 0 else floor
