"""Which metric a figure measures, decided by cue words of extract/words/metric_terms.csv around it.

A cue counts only if its metric is measured in the figure's base unit (完成 before a money figure means
completed investment; before an area it says nothing). Among the cues of the clause, the highest
priority wins, then the one nearest the figure, then the longest. A cue without a metric marks a
number that is not a figure (八个方面, 阅读). The counted noun decides a count: the generic nouns 项目/工程
count only next to the figure (项目50个, 50个重点项目), never a 6个开发区 further on. A figure with no cue is
proposed as `other`, with the words that name it, for the reviewer to add a catalogue metric. A state
cue after a negation (未按计划开工) counts what did not happen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from battlemap.extract.vocabulary import Vocabulary

OTHER = "other"  # a figure outside the catalogue: proposed for review, never built as it is
NEGATIONS = ("未按计划", "未按期", "未如期", "未按", "尚未", "未能", "没有按计划", "没有按期", "没有如期", "没能", "没有", "未")
NEGATED = {"projects_started": "projects_not_started", "projects_completed": OTHER}
# Between 项目 and its count, only words of being or totalling (项目共计50个); else the count is of something else.
NOUN_GAP_BEFORE = re.compile(
    r"(?:总数|数量|个数|数)?(?:已|共|累计)?(?:确定|安排|实施|梳理|谋划)?(?:了)?"  # 重点工程项目已确定1317项
    r"(?:共计|共有|共|有|达到|达|为|合计|累计|总计|总量)?(?:不少于|不低于|超过|超|约|近|逾|突破|达到|达)?[ \u3000\xa0]?"
)
COUNTED_NOUN = re.compile(r"[“”\"\u4e00-\u9fff]{0,14}")  # what a counter counts: the words after it
STATE_OF_CATEGORY = (
    ("开竣工", "projects_started_or_completed"),
    ("开工竣工", "projects_started_or_completed"),
    ("开工、竣工", "projects_started_or_completed"),
    ("开工", "projects_started"),
    ("竣工", "projects_completed"),
    ("建成", "projects_completed"),
    ("投产", "projects_in_production"),
)
POINT_METRICS = {"schedule_ahead", "schedule_behind", OTHER, ""}
EVENT = re.compile(r"仪式|活动|动员|现场|大会|推进会")
EVENT_STATES = {"projects_started", "projects_completed", "projects_resumed", "projects_in_production"}
BATCH_STATES = EVENT_STATES | {"projects_signed"}  # 本次集中签约的项目33个: the batch signed at the event
RELATIVE = re.compile(r"的[ \u3000]?")
PREDICATE_START = re.compile(
    r"已|正在|开工|开复工|开竣工|复工|竣工|完成|完工|实现|全部|未|均|将|计划|建成|投产|落地|签约|获|被|以上|左右|以内"
    r"|同比|比上|比去|较|增长|下降|占|达到|累计|其中|总投资|投资|年度|，|$"
)
STATE_PREDICATE = re.compile(r"(?:已|均已|实际)?(?:开工|开复工|竣工|建成|投产|复工)")
# Places, units and bodies counted (9个县市有项目开工, 3个部门的项目): never the projects they have.
OTHER_THINGS_COUNTED = re.compile(r"(?:县市区|县市|县区|区县|乡镇|街道|社区|村|部门|单位|地区|市州|设区市)(?!级|项目|工程|重点|重大)")
RELATIVE_VERB = re.compile(r"(?:纳入|列入|入选|实施|推进|开工|在建|新开工|竣工|建设|完成|签约|落地|已)")  # opens a relative clause
VERB_BEFORE_COUNT = re.compile(r"(?:了)?[ \u3000]?")  # between a state verb and its count: nothing but 了
NEW_STATE_WORDS = frozenset({"新开工", "新建"})
NOUN_GAP_AFTER = re.compile(r"[“”\"\u4e00-\u9fff]{0,10}")


@dataclass(frozen=True)
class MetricChoice:
    metric_id: str  # "" when the number is not a figure
    cue: str  # the word that decided; "" for the default
    distance: int
    priority: int
    cue_start: int = -1  # absolute offsets of the cue in the text (-1: none)
    cue_end: int = -1
    category: str = ""  # the category of projects the count is of (计划新开工项目): its scope
    negated: bool = False  # 未开工: what did not happen, a state, never a target


NOUN = ("项目", "工程")
# A change against a base in the clause (较去年增长1.1亿元, 比上年增加27项, 分别较上年增加8个、12亿元, 较年初提高5个百分点):
# an increase, not the amount itself.
# A growth rate in % (同比增长38%) is a catalogue metric and is read by its cues.
CHANGE = re.compile(r"(?:较|比)(?:[^，,。；;：:、]{0,12}?)(?:增加|增长|提高|提升|减少|下降|降低|多|提前|推迟|缩短)")
CATEGORY_NOUN_AFTER = re.compile(r"(?:重点|重大)?(?:建设)?(?:项目|工程)")
# After a category word, the counted noun and at most a verb of being before the figure: 续建项目207项.
CATEGORY_TAIL = re.compile(r"(?:的)?(?:(?:重点|重大)?(?:建设)?(?:项目|工程))?(?:共计|共|有|达到|达|为|合计|的)?[ \u3000]?")
# A state word naming a batch rather than saying what happened: planned for a period (计划2月新开工项目67个, 计划共2月内
# 复工重点项目273个) or launched in the event the report tells (此次开工的26个重点项目, 本次集中开工的重点项目共16个).
PLANNED_FOR = re.compile(r"计划(?:共)?(?:[0-9一二三四五六七八九十]{1,2}月(?:份|内|底前|底)?|年内|上半年|下半年|一季度)$")
CLASS_COUNTERS = ("大类", "类", "大项")  # 共5大类23个: classes of the batch, not its projects
THIS_LAUNCH = re.compile(r"(?:此次|本次|这次|当天|当日|今天|今日)(?:集中)?$")


def choose_metric(
    text: str,
    before: tuple[int, int],
    after: tuple[int, int],
    base_unit: str,
    unit: str,
    vocabulary: Vocabulary,
    figure_follows: bool = False,
    categories: frozenset[str] = frozenset(),
) -> MetricChoice:
    """The metric of the figure whose clause text before it is text[before] and after its number is text[after].

    `after` starts at the unit, so a unit that is itself a cue (栋, 大类) is seen, and ends before the next
    figure. After the counted noun (…项目/工程) comes the predicate (已开工, 正在办理开工前手续): its cues
    outrank the noun's modifiers (计划新开工项目), unless another figure follows in the clause, whose
    predicate it then is (95个重点项目已开复工88个). None: no cue and no default.
    """
    by_term = vocabulary.cues_by_term
    candidates: list[tuple[tuple, MetricChoice]] = []
    predicate_taken = False  # the predicate after the counted noun belongs to the figure that follows
    if base_unit != "ratio" or unit == "个百分点":
        change = CHANGE.search(text, before[0], before[1])
        if change:
            return MetricChoice(OTHER, change.group().strip(), 0, 3, change.start(), change.end())

    def consider(term: str, side: str, distance: int, start: int, bonus: int = 0) -> None:
        for cue in by_term.get(term, ()):
            if cue.side not in (side, "either"):
                continue
            if cue.metric_id == OTHER:
                if base_unit == "ratio" and unit in ("%", "％") and ("增加" in term or "提高" in term):
                    continue  # 增加35%: a growth rate, not an increase
            elif cue.metric_id and vocabulary.metric_units.get(cue.metric_id) != base_unit:
                continue
            if _inside_word(text, start, start + len(term)):
                continue
            if unit == "个百分点" and cue.metric_id not in POINT_METRICS:
                continue  # points are a gap (超出年度目标任务5.6个百分点), not a rate
            if metric_id_counts_projects(cue.metric_id) and counted_noun and (
                not re.search("项目|工程", counted_noun) or OTHER_THINGS_COUNTED.match(counted_noun)
            ):
                continue  # 建成6个开发区, 9个县市有项目开工: the count is of 开发区 or places, not of projects
            if cue.metric_id == "township_count" and re.match(r"(?:乡镇|镇街)(?:重点|重大)?(?:建设)?(?:项目|工程)", counted_noun):
                continue  # 28个乡镇项目: projects of the townships, not townships
            if cue.metric_id == "sector_count" and re.search("项目|工程|链", counted_noun):
                continue  # 12个重点产业项目, 24条产业链: projects or chains, not sectors
            if term in NOUN and cue.priority <= 1 and base_unit == "count" and not _counts_noun(text, side, start, term, before, after, unit):
                continue  # 项目 not next to a count does not name what is counted (项目涉及路灯640套)
            if cue.metric_id in EVENT_STATES and EVENT.match(text, start + len(term)):
                continue  # 集中开工仪式, 开工活动: the event's name, not a state of the projects counted
            metric_id = cue.metric_id
            category = ""
            negated = _negated(text, start)
            if negated:
                if metric_id not in NEGATED and not term.endswith(("开工", "开工建设")):
                    continue  # 未完成, 未签约: not what the metric counts
                metric_id = NEGATED.get(metric_id, "projects_not_started")  # 未按计划开工项目33项
            elif base_unit == "count" and (
                vocabulary.scope_terms.get(term) == "programme" or term in categories or _names_a_batch(text, start, side, cue.metric_id)
            ):
                # A category word (在建, 续建, 计划新开工; 新开工 beside 续建) names what is counted only next to
                # its noun: 续建项目207项, 24个计划新开工项目.
                if side == "before":
                    tail = CATEGORY_TAIL.fullmatch(text, start + len(term), b_end)
                    noun = re.search("项目|工程", tail.group()) if tail else None
                    end = tail.start() + noun.end() if noun else start + len(term)
                else:
                    tail = CATEGORY_NOUN_AFTER.match(text, start + len(term), a_end)
                    noun = tail if distance <= 2 or predicate_taken or term.startswith("计划") else None
                    end = tail.end() if tail else -1
                if tail is None or (side == "after" and noun is None):
                    # Not before its noun: the word is a predicate (1141个项目集中开工), if it says a state.
                    metric_id = next((m for word, m in STATE_OF_CATEGORY if word in term), "")
                    if not metric_id or side != "after":
                        continue
                elif unit in CLASS_COUNTERS:
                    continue  # 集中开工的重大项目共5大类: the batch's classes; 大类 names the count
                elif side == "before" and noun is None and text.endswith(NOUN, 0, start):
                    metric_id = OTHER  # 200个重大项目在建168个: a state the catalogue has no metric for, not a category
                elif (
                    side == "before"
                    and noun is None
                    and (state := next((m for word, m in STATE_OF_CATEGORY if term.endswith(word)), ""))
                    and VERB_BEFORE_COUNT.fullmatch(text, start + len(term), b_end)
                    and re.match(r"(?:重点|重大)?(?:建设)?(?:项目|工程)", counted_noun)
                ):
                    metric_id = state  # 新开工155个项目, 建成120个项目: the verb governs the count that its noun follows
                else:
                    metric_id = "project_count"
                    category = text[start:end]
            choice = MetricChoice(metric_id, term, distance, cue.priority, start, start + len(term), category, negated)
            # Rank: priority (+2 in the predicate: it outranks a category, 57项计划新开工项目未开工), nearness,
            # length, a not-a-figure mark before a metric,
            # and for counts the counted noun (after) before the words in front.
            rank = (
                -(cue.priority + (bonus if cue.priority >= 2 else 0)),
                distance,
                -len(term),
                bool(cue.metric_id),
                side == "before",
            )
            candidates.append((rank, choice))

    counted_noun = COUNTED_NOUN.match(text, after[0] + len(unit), after[1]).group() if base_unit == "count" else ""
    if PREDICATE_START.match(counted_noun):
        counted_noun = ""  # 64个已开工: a predicate follows the count, not a noun
    if "的" in counted_noun[1:] and not RELATIVE_VERB.match(counted_noun):
        counted_noun = counted_noun.split("的", 1)[0]  # 9个产业链的项目: chains; but 331个纳入省调度的重点项目: projects
    b_start, b_end = before
    for match in vocabulary.cue_pattern("before").finditer(text, b_start, b_end):
        term = match.group(1)
        if match.start() + len(term) <= b_end:
            # A relative clause's predicate (未开工的23个…工程, 已开工的5个项目) says what the count is of.
            relative = RELATIVE.fullmatch(text, match.start() + len(term), b_end) is not None
            if (
                not relative
                and base_unit == "count"
                and "等" in text[match.start() + len(term) : b_end]
                and re.search("项目|工程", counted_noun)
                and not any(metric_id_counts_projects(cue.metric_id) for cue in by_term.get(term, ()))
            ):
                continue  # 拆迁安置小区等7个基础设施项目: a word of an example's name; the noun after the count decides
            consider(term, "before", b_end - (match.start() + len(term)), match.start(), bonus=2 if relative else 0)
    a_start, a_end = after
    noun_end = _noun_end(text, a_start, a_end)
    if figure_follows and noun_end is not None and STATE_PREDICATE.match(text, noun_end):
        # 198个新开工项目已开工103个: the state after the noun is the next figure's; the one before it names a category.
        categories, predicate_taken = categories | NEW_STATE_WORDS, True
    for match in vocabulary.cue_pattern("after").finditer(text, a_start, a_end):
        term = match.group(1)
        if match.start() + len(term) > a_end:
            continue
        in_predicate = noun_end is not None and match.start() >= noun_end
        if in_predicate and figure_follows:
            continue
        # The unit itself and a word right after it are at distance 0.
        distance = max(0, match.start() - a_start - len(unit))
        consider(term, "after", distance, match.start(), bonus=2 if in_predicate else 0)
    if not candidates:
        return MetricChoice(OTHER, _naming_words(text, b_start, b_end, a_start + len(unit), a_end), 99, 0)
    return min(candidates, key=lambda pair: pair[0])[1]


def _names_a_batch(text: str, start: int, side: str, metric_id: str) -> bool:
    """Whether a state word before a count names a batch of projects (PLANNED_FOR, THIS_LAUNCH), not their state."""
    if side != "before" or metric_id not in BATCH_STATES:
        return False
    window = text[max(0, start - 10) : start]
    return PLANNED_FOR.search(window) is not None or THIS_LAUNCH.search(window) is not None


def _counts_noun(text, side, start, term, before, after, unit) -> bool:
    """项目/工程 is the counted noun: right before the count (项目共50个) or right after its counter (50个重点项目)."""
    if side == "before":
        return NOUN_GAP_BEFORE.fullmatch(text, start + len(term), before[1]) is not None
    return NOUN_GAP_AFTER.fullmatch(text, after[0] + len(unit), start) is not None


def metric_id_counts_projects(metric_id: str) -> bool:
    return metric_id.startswith("project")


def _inside_word(text: str, start: int, end: int) -> bool:
    """A cue that is only part of a longer word: 大项 in 重大项目, 复工 in 修复工程."""
    return (text[end - 1 : end] == "项" and text[end : end + 1] == "目") or (text[start : start + 1] == "复" and text[start - 1 : start] == "修")


def _negated(text: str, cue_start: int) -> bool:
    """未/尚未/未按计划 just before a state cue (未开工, 未按计划开工项目): it did not happen."""
    window = text[max(0, cue_start - 4) : cue_start]
    if "未" not in window and "没" not in window:
        return False  # most cues: no negation near
    return any(window.endswith(word) for word in NEGATIONS)


def _naming_words(text: str, b_start: int, b_end: int, a_start: int, a_end: int) -> str:
    """The words that name an uncatalogued figure: the noun after its counter, else the words before it."""
    after = text[a_start:a_end]
    noun = after[: next((i for i, ch in enumerate(after) if not "\u4e00" <= ch <= "\u9fff"), len(after))][:6]
    return noun or text[max(b_start, b_end - 8) : b_end].strip()


def _noun_end(text: str, start: int, end: int) -> int | None:
    positions = [p for p in (text.find(noun, start, end) for noun in NOUN) if p >= 0]
    return min(positions) + 2 if positions else None


PERIOD_PLAN_METRICS = {"annual_planned_investment", "investment_completion_rate"}
# A plan for part of a year (一季度目标任务, 1-4月投资计划, 上半年计划投资) is not the year's plan.
PERIOD_BEFORE_PLAN = re.compile(
    r"(?:[一二三四1-4]季度|上半年|下半年|前三季度|[0-9一二三四五六七八九十]+(?:[-—－~至][0-9一二三四五六七八九十]+)?月份?"
    # a five-year plan's span (“十四五”期间计划投资): not the year's plan either
    r"|[“「\"]?十[一二三四五六]五[”」\"]?(?:期间|时期)?)(?:的)?"
    r"(?:投资)?(?:计划|目标)"
)


def as_period_plan(choice: MetricChoice, text: str, clause_start: int, figure_start: int) -> MetricChoice:
    """A plan for part of the year is that period's plan, `other`: an annual plan or its completion whose plan word
    follows a part of the year (一季度计划投资), or a figure nothing names in a clause that names such a plan
    (完成一季度目标任务126%: not the list's metric)."""
    if choice.metric_id == OTHER and not choice.priority:
        named = PERIOD_BEFORE_PLAN.search(text, clause_start, figure_start)
        return MetricChoice(OTHER, named.group(), 99, 1) if named else choice
    if choice.metric_id not in PERIOD_PLAN_METRICS or choice.cue_start < 0:
        return choice
    if not PERIOD_BEFORE_PLAN.search(text, max(clause_start, choice.cue_start - 8), choice.cue_end):
        return choice
    return MetricChoice(OTHER, text[max(clause_start, choice.cue_start - 6) : choice.cue_end], 99, 1)  # named: no list item
