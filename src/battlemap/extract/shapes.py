"""Shapes of real reports that a figure's words settle once its metric is first chosen (extract.cues): what is read
again after the list and share rules (read_again), and the scopes that lists of projects and brackets give
(projects_sharing, parenthesis_open). Each shape is named with an example written in the reports' style."""

from __future__ import annotations

import re
from dataclasses import replace

from battlemap.extract.cues import OTHER, MetricChoice
from battlemap.extract.figures import FigureSpan
from battlemap.extract.vocabulary import Vocabulary
from battlemap.read.numerals import parse_figure

PLACES_COUNTED = re.compile(r"(?:设区市|地级市|市州|县市区|县区|区县|县[(（]市、?区[)）]|乡镇|街道|县|市|区|镇)(?![\u4e00-\u9fff]{0,2}项目)")
LAUNCH_PART = re.compile(
    r"[\s,，、:：;；]*(?:其中)?[,，:：]?(?:[一二三四]季度|今年|本次|此次)?((?:新)?(?:开工|竣工)(?:的)?(?:重点|重大)?(?:建设)?项目)(?:共|有)?$"
)
PERFORMANCE_AFTER = re.compile(
    r"(?:重点|重大)?(?:建设)?(?:项目|工程)(?:已|均|全部)?(超额完成|超序时|超过序时|达到序时|推进较快|进展较快|进展顺利|进度滞后|滞后|落后于?序时|提前完成"
    r"|(?:年度)?(?:计划)?投资完成率(?:均)?(?:超过|超|达到|达|低于|不足)|完成备案|已备案)"
)
INVESTMENT_KIND = re.compile(
    r"(?:全省|全市|全县|全区|全州|我省|我市|我县|我区)?([\u4e00-\u9fff]{2,8}?投资)(?:额)?(?:同比|比上年|较上年)?(?:增长|下降|增速为?)(?:了)?$"
)
NOT_A_KIND = re.compile(r"完成|累计|项目|工程|计划|总投资|年度|全|实际|到位|^固定资产投资$|^投资$")
ONE_NAMED = re.compile(r"[^，,。；;]{0,12}?(?:项目|工程)[,，]?(?:为|是|即)([^，,。；;]{2,40}?(?:项目|工程))")
PROJECTS_INVEST = re.compile(r"(?:[0-9]+个|[0-9]+项)(?:重点|重大)?(?:建设)?(?:项目|工程)?[,，]?(?:共|总)?投资(?:约|达|达到|为)?$")
PROJECTS_LISTED = re.compile(
    r"((?:[^、，,；;。:：]{2,24}、)+[^、，,；;。:：]{2,24}?)等?([0-9]{1,2}|[两三四五六七八九十])个(?:重点|重大)?(?:项目|工程)[，,]?[^，,；;。0-9]{0,16}$"
)
LIST_LEAD = re.compile(r"^(?:其中|包括|如)[，,:：]?")
GROWTH_OF = re.compile(r"(?:左右|以上)?的(?:增长|增速)")
THIS_LAUNCH_TOLD = re.compile(r"(?:此次|本次|这次)(?:活动)?(?:集中)?(?:开工|开竣工|开复工|开工、竣工|开工竣工)(?:的)?(?:重点|重大)?(?:建设)?项目")
PAIR_LEAD = re.compile(r"分别(?:达到|达|为|是)?$")
PAIRED_WITH_MONEY = re.compile(r"[和、][0-9.]+(?:亿元|万元|亿)")
# A share of the projects that a category makes up (开工项目中近80%为产业类项目).
SHARE_OF_PROJECTS = re.compile(r"(?:为|是|属于)[\u4e00-\u9fff]{1,10}?(?:项目|工程)")
# A share right after the amount's word (项目完成投资均超过85%): the completion of the plan.
COMPLETED_SHARE = re.compile(r"完成投资(?:额)?(?:均|已|累计)?(?:超过|超|达到|达|为|高于|低于|不到|近)?$")


# Names of metrics, then their figures in turn: 计划总投资和本年完成投资(分别)为419.6亿元和54.98亿元.
PAIRED_NAMES = re.compile(
    r"((?:[\u4e00-\u9fff]{2,12}?(?:和|与|及|、))+[\u4e00-\u9fff]{2,12}?)(?:分别)?(?:为|是|达到|达)"
    r"((?:[0-9.]+(?:亿元|万元|亿|万|个|项|%)?(?:和|、))*)$"
)
NAME_SPLIT = re.compile(r"和|与|及|、")


def paired_metric(text: str, clause_start: int, figure: FigureSpan, base_unit: str, vocabulary: Vocabulary) -> MetricChoice | None:
    """The metric of a figure that the n-th of the names before it names (计划总投资和本年完成投资为X和Y: Y is the
    year's completed investment), when that name holds a cue of the figure's unit; None otherwise."""
    paired = PAIRED_NAMES.search(text, clause_start, figure.start)
    if paired is None:
        return None
    names = NAME_SPLIT.split(paired.group(1))
    index = len(NAME_SPLIT.findall(paired.group(2)))
    if len(names) < 2 or index >= len(names):
        return None
    name_start = paired.start(1) + sum(len(name) + 1 for name in names[:index])
    name = names[index]
    found = []
    for match in vocabulary.cue_pattern("before").finditer(name):
        term = match.group(1)
        for cue in vocabulary.cues_by_term.get(term, ()):
            if cue.metric_id and cue.metric_id != OTHER and vocabulary.metric_units.get(cue.metric_id) == base_unit:
                found.append((-len(term), -cue.priority, match.start(), cue.metric_id, term))
    if not found:
        return None
    _, priority, start, metric_id, term = min(found)
    return MetricChoice(metric_id, term, 0, -priority, name_start + start, name_start + start + len(term))


def read_again(
    choice: MetricChoice, text: str, figure: FigureSpan, base_unit: str, where: tuple[int, int, int], figures_are: str
) -> MetricChoice:
    """The metric once more, from shapes the cue words alone miss. where: (clause start, sentence start, end of the
    figure before)."""
    clause_start, sentence_start, previous_end = where
    a_share = base_unit == "ratio" and figure.unit != "个百分点"  # a rate in %, not a gap in points
    if (
        choice.metric_id == OTHER
        and not choice.priority
        and base_unit == "count"
        and figure.unit in ("个", "项")
        and PAIRED_WITH_MONEY.match(text, figure.end)
        and PAIR_LEAD.search(text, max(sentence_start, figure.start - 6), figure.start)
        and re.search("项目|工程|个数", text[sentence_start : figure.start])
    ):
        # 产业类项目,个数多、总投资大,分别达到1050个和8689亿元: the pair is the projects' number and their investment.
        choice = MetricChoice("project_count", "个数", 0, 1, figure.start, figure.end)
    if (
        figures_are == "targets"
        and choice.metric_id in ("projects_started", "projects_completed")
        and (batch := LAUNCH_PART.fullmatch(text, max(clause_start, previous_end), figure.start))
    ):
        # A launch notice's 开工项目46个,竣工项目29个: the parts of the batch launched, categories as 集中开工项目.
        choice = replace(choice, metric_id="project_count", category=batch.group(1))
    if choice.metric_id == "project_count" and not choice.category and (done_so := PERFORMANCE_AFTER.match(text, figure.end)):
        # 311个项目超额完成年度计划, 12个项目推进较快: projects counted by how they fare, a state the catalogue lacks
        choice = MetricChoice(OTHER, done_so.group(1), 0, 1, done_so.start(1), done_so.end(1))
    if choice.metric_id == OTHER and base_unit == "CNY" and PROJECTS_INVEST.search(text, clause_start, figure.start):
        choice = MetricChoice("total_investment", "项目投资", 0, 1, figure.start - 2, figure.start)  # 14个项目投资25.1亿元
    if choice.metric_id == OTHER and a_share and GROWTH_OF.match(text, figure.end):
        choice = MetricChoice("yoy_growth", "的增长", 0, 1, figure.end, figure.end + 3)  # 投资保持10%的增长
    if choice.metric_id == OTHER and a_share and SHARE_OF_PROJECTS.match(text, figure.end):
        choice = MetricChoice("project_share", "项目", 0, 1, figure.end, figure.end + 1)  # 近80%为产业类项目
    return choice


def projects_sharing(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """(name, offset) of each project a list names before its own count (甲、乙、丙3个项目 or 甲、乙等3个项目),
    when the list holds as many names as the count says: the projects that share the figure after them."""
    listed = PROJECTS_LISTED.search(text, start, end)
    if listed is None:
        return []
    try:
        count = int(parse_figure(listed.group(2)))
    except ValueError:
        return []
    names, offset = [], listed.start(1)
    for name in listed.group(1).split("、"):
        names.append((LIST_LEAD.sub("", name), offset + len(name) - len(LIST_LEAD.sub("", name))))
        offset += len(name) + 1
    return names if count == len(names) >= 2 and all(len(name) >= 2 for name, _ in names) else []


def parenthesis_open(text: str, start: int, position: int) -> int:
    """Where the parenthesis around `position` opens, after `start`; -1 if there is none."""
    opened = max(text.rfind("(", start, position), text.rfind("（", start, position))
    return opened if opened >= 0 and not closed(text, opened, position) else -1


def closed(text: str, opened: int, position: int) -> bool:
    return max(text.find(")", opened, position), text.find("）", opened, position)) >= 0
