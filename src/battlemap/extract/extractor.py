"""Propose every figure of a text: number and unit, metric, scope, qualifier, target flag and quote.

The text is normalised (battlemap.read.text: pinyin stripped, simplified script) in segments cut at line
ends, so memory stays proportional to the text and offsets are those of the whole normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache

from battlemap.build.figure_match import figure_in_quote
from battlemap.extract.asof import YEAR, year_named
from battlemap.extract.clauses import boundaries, trimmed
from battlemap.extract.cues import (
    OTHER,
    MetricChoice,
    as_period_plan,
    choose_metric,
)
from battlemap.extract.document_kind import guess_figures_are
from battlemap.extract.figures import find_figures
from battlemap.extract.learned import consulted as second_opinion_wanted
from battlemap.extract.learned import revise as second_opinion
from battlemap.extract.lists import LOOK_BACK, breaks_down, carry_key, distributed_scopes, list_metric
from battlemap.extract.place import title_end
from battlemap.extract.reading import ALWAYS_TARGET, is_target, marker_decides, past_fact, qualifier, target_marker
from battlemap.extract.scope import CITY, DISTRICT, PROGRAMME, PROJECT, TOWN, Scope, ScopeReader
from battlemap.extract.scoring import confidence
from battlemap.extract.shapes import (
    COMPLETED_SHARE,
    INVESTMENT_KIND,
    NOT_A_KIND,
    ONE_NAMED,
    PLACES_COUNTED,
    THIS_LAUNCH_TOLD,
    closed,
    paired_metric,
    parenthesis_open,
    projects_sharing,
    read_again,
)
from battlemap.extract.tables import table_cells, table_lines
from battlemap.extract.vocabulary import Vocabulary, load_vocabulary
from battlemap.read.text import normalise_text
from battlemap.shared.places import Place

COLUMNS = (
    "document",
    "scope_level",
    "scope_name",
    "metric_id",
    "value",
    "unit_as_written",
    "value_as_written",
    "qualifier",
    "is_target",
    "quote",
    "char_start",
    "char_end",
    "confidence",
    "cue",
)
SEGMENT_CHARS = 1 << 18  # normalise this much text at a time (cut at a line end)
CAMPAIGN_LEVEL = {"campaign_duration"}  # a property of the campaign: always the document's scope
CONTEXT = 8  # characters on each side of a figure that make a repeat of it recognisable


@dataclass(frozen=True)
class Proposal:
    document: str
    scope_level: str
    scope_name: str
    metric_id: str
    value: float  # in the metric's base unit (CNY, m2, ratio 0-1, count, day)
    unit_as_written: str
    value_as_written: str
    qualifier: str
    is_target: bool
    quote: str
    char_start: int  # of the quote, in the normalised text (0-based, half-open)
    char_end: int
    confidence: float
    cue: str
    context: str = field(default="", compare=False, repr=False)  # the figure with CONTEXT characters each side
    refers_back: bool = field(default=False, compare=False, repr=False)  # 此次…的52个项目, 170个项目中: a reference

    def row(self) -> dict[str, object]:
        row = {column: getattr(self, column) for column in COLUMNS}
        # 32000000000 rather than 32000000000.0 or 3.2e+10; ratios keep their decimals (0.817).
        row["value"] = int(self.value) if float(self.value).is_integer() else round(self.value, 12)
        return row


def segments(raw: str, size: int = SEGMENT_CHARS) -> Iterator[str]:
    """The text cut at line ends into pieces of about `size` characters (a longer line stays whole)."""
    start = 0
    while start < len(raw):
        end = min(len(raw), start + size)
        if end < len(raw):
            newline = raw.rfind("\n", start, end)
            end = newline + 1 if newline > start else (raw.find("\n", end) + 1 or len(raw))
        yield raw[start:end]
        start = end


def extract_text(
    raw: str,
    document: str = "",
    place: Place | None = None,
    figures_are: str | None = None,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Proposal]:
    """Every figure the raw text states, in text order, each once (a repeat of the same figure is dropped)."""
    vocabulary = vocabulary or load_vocabulary()
    proposals: list[Proposal] = []
    seen: set[tuple] = set()
    offset = done = 0
    section = None
    year = None  # the report's year, read from its first segment
    for index, piece in enumerate(segments(raw)):
        text = normalise_text(piece)  # the text only: the extractor needs no offset map
        if index == 0:
            year = year_named(text)
            if figures_are is None:
                figures_are = guess_figures_are(text)
        reader = ScopeReader(text, place, vocabulary)
        reader.section = section
        headline_end = title_end(text) if index == 0 else 0
        for proposal in _extract_segment(text, offset, document, reader, figures_are or "status", vocabulary, year):
            keys = {
                (proposal.metric_id, proposal.value, proposal.scope_level, proposal.scope_name),
                # Same words around it: a restatement (the lines of a list by category differ within CONTEXT:
                # 37个,开复工率100%,投资完成率58% and 38个,开复工率100%,投资完成率92%).
                (proposal.metric_id, proposal.value, proposal.context),
            }
            headline = (proposal.metric_id, proposal.value, "headline")  # the body restating its title's figure
            in_title = proposal.char_start < headline_end
            stated = (proposal.metric_id, proposal.value, "stated")
            repeated = proposal.refers_back and stated in seen  # a reference to a count given before
            if not keys & seen and (in_title or headline not in seen) and not repeated:
                proposals.append(proposal)
            seen |= keys | {stated} | ({headline} if in_title else set())
        section = reader.section
        offset += len(text)
        done += len(piece)
        if progress:
            progress(done, len(raw))
    return proposals


OWN_RATE = re.compile(r"([\u4e00-\u9fff]{1,6}率)(?:为|达到|达|是)?$")  # a rate named right before its figure
NAMED_CAMPAIGN = re.compile(r"(?:年|去年|上年)$")  # 2016年百日攻坚: an earlier campaign, named


def _extract_segment(text, offset, document, reader: ScopeReader, figures_are, vocabulary, year=None) -> Iterator[Proposal]:
    bounds = boundaries(text)
    inner_b, clause_b, sentence_b, stop_b = bounds["inner"], bounds["clause"], bounds["sentence"], bounds["stop"]
    scanned = 0  # clause heads before this offset have been read for the scope
    previous: tuple[int, bool | None] | None = None  # (sentence start, is_target) of the last figure
    category_scope: Scope | None = None  # the last category counted (在建项目143个)
    category_clause: tuple[int, int] | None = None  # …and its clause
    # (base unit, counter for counts) -> (offset, metric choice, unit) of the last such figure
    last: dict[tuple[str, str], tuple[int, MetricChoice, str]] = {}
    portfolio_parts = PORTFOLIO_PARTS.search(text) is not None
    parent: tuple[int, str] = (-1, "")  # (end, metric) of the last count of projects in a state
    earlier_base = ("", -1)  # (base unit, end) of the figure before
    bracket_hold = None  # (where a parenthesis opened, the reader's scopes before its first figure)
    metric_at: dict[int, str] = {}  # each figure proposed (by its number in `figures`): its metric
    learning = second_opinion_wanted()  # a model to consult or a recording (battlemap.extract.learned)
    yield from _table_proposals(text, offset, document, reader, figures_are, vocabulary)
    skipped = sorted(table_lines(text) + chrome_lines(text))
    skipped_starts = [start for start, _ in skipped]
    figures = [f for f in find_figures(text, vocabulary) if not _inside(f.start, skipped, skipped_starts)]
    figure_starts = [f.start for f in figures]
    distributed = distributed_scopes(text, figure_starts, reader)
    for number, figure in enumerate(figures):
        unit = vocabulary.units[figure.unit]
        next_start = figures[number + 1].start if number + 1 < len(figures) else len(text)
        unit_start = figure.end - len(figure.unit)
        inner = inner_b.around(figure.start, figure.end)
        clause = clause_b.around(figure.start, figure.end)
        sentence = sentence_b.around(figure.start, figure.end)
        choice = choose_metric(
            text,
            (clause[0], figure.start),
            (unit_start, min(inner[1], next_start)),
            unit.base_unit,
            figure.unit,
            vocabulary,
            figure_follows=next_start < inner[1],
            # Categories are counted things: only a count needs its sentence read for them.
            categories=_sibling_categories(text, clause[0], figure.start, portfolio_parts) if unit.base_unit == "count" else frozenset(),
        )
        cued = choice  # what the cue words alone say, before the rules of pairs, lists, breakdowns and shares
        choice = paired_metric(text, clause[0], figure, unit.base_unit, vocabulary) or choice
        choice = as_period_plan(choice, text, clause[0], figure.start)
        if choice.metric_id == "investment_completion_rate" and "投资" not in choice.cue and number:
            # 完成房屋征收1049户,占年度目标任务的115.15%: the share of a task that is no investment (征收, 拆迁)
            # The amount it is a share of: the sentence's figure before, past other rates (实际交地3696.3亩,完成序时计划211.0%,…)
            at = number - 1
            while at > 0 and figures[at].start >= sentence[0] and vocabulary.units[figures[at].unit].base_unit == "ratio":
                at -= 1
            earlier = figures[at]
            if earlier.start >= sentence[0] and vocabulary.units[earlier.unit].base_unit not in ("CNY", "ratio"):
                # …but the share of the year's starts (完成开工项目352个,占年度目标的94.8%) is a start rate.
                metric = "start_rate" if metric_at.get(at) == "projects_started" else OTHER
                choice = MetricChoice(metric, choice.cue, choice.distance, choice.priority, choice.cue_start, choice.cue_end)
        sized = SIZE_OF_NAMED.match(text, figure.end) if unit.base_unit == "CNY" and text.endswith("投资", 0, figure.start) else None
        if choice.metric_id == OTHER and sized:
            choice = MetricChoice("total_investment", "投资", 0, 1, figure.start - 2, figure.start)  # 投资20亿元的…项目: its size
        if (
            choice.metric_id == OTHER
            and unit.base_unit == "ratio"
            and figure.unit != "个百分点"
            and COMPLETED_SHARE.search(text, clause[0], figure.start)
        ):
            choice = MetricChoice("investment_completion_rate", "完成投资", 0, 1, figure.start - 4, figure.start)
        if choice.metric_id == OTHER and not choice.priority and (rate := OWN_RATE.search(text, clause[0], figure.start)):
            choice = MetricChoice(OTHER, rate.group(1), 99, 1)  # 转化率8.7%: a rate its clause names, not the list's
        level = None
        if choice.metric_id == OTHER and unit.base_unit == "count" and (level := LEVEL_HEAD.fullmatch(text, clause[0], figure.start)):
            # 省级6项，概算投资…: a line's head counting one level of the portfolio; its sentence is that programme's.
            choice = MetricChoice("project_count", level.group(1), 0, 1, figure.start - len(level.group(1)), figure.start, level.group(1) + "项目")
        if choice.metric_id == OTHER and not choice.priority:  # nothing names it: an item of a list?
            stop_start = stop_b.around(figure.start, figure.end)[0]
            choice = list_metric(text, figure, unit.base_unit, stop_start, clause[0], last, figure_starts, vocabulary) or choice
        in_breakdown = choice.metric_id == "project_count" and breaks_down(text, parent, figure.start)
        if in_breakdown:
            choice = replace(choice, metric_id=parent[1])  # 签约项目74个,总投资…,其中产业项目59个: 59 signed ones
        elif unit.base_unit == "count" and vocabulary.metric_roles.get(choice.metric_id) == "state" and choice.metric_id.startswith("projects_"):
            parent = (figure.end, choice.metric_id)  # a count of projects in a state, which a 其中 list may break down
        if choice.metric_id in SHARES and unit.base_unit == "ratio" and figure.unit != "个百分点":
            share = share_of(text, clause[0], sentence[0], figure.start, earlier_base)
            if share and (share != OTHER or choice.metric_id != OTHER):
                choice = replace(choice, metric_id=share)  # (a share carried to a ratio that is none is other again)
        previous_end = figures[number - 1].end if number else 0
        choice = read_again(choice, text, figure, unit.base_unit, (clause[0], sentence[0], previous_end), figures_are)
        if learning:  # where neither a rule of structure nor a cue decided, a model trained on real reports may decide
            starts, value = (clause[0], sentence[0]), _in_base_unit(figure.value, unit.factor)
            units = vocabulary.metric_units
            choice = second_opinion(choice, text, figure, unit.base_unit, starts, figures_are, value, units, decided=choice != cued)
        if not choice.metric_id or (choice.metric_id == OTHER and not choice.cue):
            continue  # not a figure, or one that nothing names (阅读 1386次)
        if choice.metric_id in CAMPAIGN_LEVEL and NAMED_CAMPAIGN.search(text, max(0, figure.start - 2), figure.start):
            continue  # 2016年百日攻坚: an earlier campaign, named
        if "每" in text[clause[0] : figure.start]:
            continue  # a cadence (每半月通报1次), not a quantity
        paragraph_start = text.rfind("\n", 0, figure.start) + 1
        earlier = _clauses_between(text, max(scanned, paragraph_start), clause[0], clause_b)
        scanned = clause[1]
        if bracket_hold is not None and closed(text, bracket_hold[0], figure.start):
            # 69项重点项目(其中63项已列入江门市重点项目),总投资…: a set named inside brackets scopes nothing after them
            reader.sentence, reader.paragraph = bracket_hold[1]
            bracket_hold = None
        held = (reader.sentence, reader.paragraph)
        scope = (
            reader.city
            if choice.metric_id in CAMPAIGN_LEVEL
            else reader.scope(
                paragraph_start,
                sentence[0],
                clause,
                (inner[0], figure.start),
                (figure.end, inner[1]),
                unit.base_unit == "count",
                earlier,
            )
        )
        scope = distributed.get(figure.start, scope)
        if figure.value == 1 and unit.base_unit == "count" and (only := ONE_NAMED.match(text, figure.end)):
            reader.sentence = (sentence[0], Scope(PROJECT, only.group(1)))  # 共1项省重点项目,为甲项目,总投资…: its figures
        counts_places = (
            unit.base_unit == "count"
            and scope.level in (DISTRICT, TOWN)
            and PLACES_COUNTED.match(text, figure.end) is not None
            and "、" in text[clause[0] : figure.start]
        )
        if counts_places:
            scope = reader.city  # 甲、乙、丙3个设区市设分会场: the list's places counted, not a figure each place shares
        sectors = reader.sectors_sharing(clause[0], figure.start, sentence[0])
        if sectors:  # 能源、生态环保领域项目开工率超过50%: the first sector's, and one figure for each other one below
            scope = Scope(PROGRAMME, sectors[0][0])
        elif unit.base_unit == "ratio" and (
            named := projects_sharing(text, max(sentence[0], figures[number - 2].end if number > 1 else 0), figure.start)
        ):
            # 甲工程、乙项目、丙基地3个项目年度计划投资完成率超100%: each project named has the rate, one figure each
            sectors, scope = named, Scope(PROJECT, named[0][0])
        if choice.metric_id in ("yoy_growth", "yoy_decline") and (kind := INVESTMENT_KIND.search(text, clause[0], figure.start)):
            if not NOT_A_KIND.search(kind.group(1)):
                scope = Scope(PROGRAMME, kind.group(1))  # 工业投资同比增长22.1%: the growth of one kind of investment
        if sized and choice.metric_id == "total_investment" and not SET_OF_SIZE.search(sized.group()):
            scope = Scope(PROJECT, sized.group()[1:])  # 投资6亿元的红酒街星级酒店: that one project
        if choice.category and scope.level in (CITY, PROGRAMME):
            # A count of a category (在建项目143个) is that programme's; the rest of the sentence is too.
            scope = category_scope = Scope(PROGRAMME, choice.category)
            category_clause = clause
            if not (in_breakdown and text[parent[0] : parent[0] + 1] in "(（"):  # a parenthesis' category stays inside it
                reader.sentence = (sentence[0], scope)
            if level and clause[0] == paragraph_start:  # a line that opens with its level (省级6项，…): the whole line
                reader.paragraph = (paragraph_start, scope)
        elif (
            unit.base_unit == "count"
            and scope == category_scope
            and not (clause == category_clause and vocabulary.metric_roles.get(choice.metric_id) == "state")
        ):
            # A category scopes its money, not other counts; but its own clause's state (177个新开工项目已开工106个) is its.
            scope = reader.paragraph[1] or reader.section or reader.city
        if bracket_hold is None and (opened := parenthesis_open(text, sentence[0], figure.start)) >= 0:
            bracket_hold = (opened, held)  # the scopes to go back to once the parenthesis closes
        marker = None
        role = vocabulary.metric_roles.get(choice.metric_id)
        if marker_decides(role, figures_are):  # the marker words are read only where they count
            marker = target_marker(text, clause[0], figure.start, vocabulary, ratio=unit.base_unit == "ratio")
            if marker is None:
                marker = target_marker(text, figure.end, inner[1], vocabulary, after=True)
        same_sentence = previous[1] if previous and previous[0] == sentence[0] else None
        # A plan's account of what is already done (目前累计完成投资4900万元) is no target.
        done = figures_are == "targets" and (
            past_fact(text, clause[0], figure.start, vocabulary)
            or _earlier_year(text, paragraph_start, figure.start, year)
            or AS_OF_LEAD.match(text, sentence[0], figure.start) is not None
        )
        # In a progress report, the batch of the launch it tells (此次集中开工项目12个,总投资50.1亿元) is a plan, as a
        # launch notice's: unless the sentence says it has happened.
        launch_told = figures_are == "status" and THIS_LAUNCH_TOLD.search(text, sentence[0], figure.start) is not None
        sentence_figures_are = "targets" if launch_told and not past_fact(text, clause[0], figure.start, vocabulary) else figures_are
        target = False if choice.negated else is_target(role, marker, same_sentence, sentence_figures_are, done)
        # The year's plan is a target by its name: it says nothing of the figures after it, not even of its growth
        # (总投资和年度计划分别较上年度增加17%、26%: how the plan grew, which has happened).
        previous = (sentence[0], target if role != ALWAYS_TARGET else None)
        last[carry_key(unit.base_unit, figure.unit)] = (figure.start, choice, figure.unit)
        earlier_base = (unit.base_unit, figure.end)
        metric_at[number] = choice.metric_id
        quote_start, quote_end = trimmed(text, *inner)
        if sectors:
            quote_start = min(quote_start, sectors[0][1])  # the quote names every sector sharing the figure
        if not figure_in_quote(text[quote_start:quote_end], figure.number + figure.unit):
            continue  # part of a larger number in its quote (41个 of 741个): the build would refuse it
        proposal = Proposal(
            document=document,
            scope_level=scope.level,
            scope_name=scope.name,
            metric_id=choice.metric_id,
            value=_in_base_unit(figure.value, unit.factor),
            unit_as_written=figure.unit,
            value_as_written=figure.number,
            qualifier=qualifier(text, figure.start, figure.end, vocabulary),
            is_target=target,
            quote=text[quote_start:quote_end],
            char_start=offset + quote_start,
            char_end=offset + quote_end,
            confidence=confidence(choice),
            cue=choice.cue,
            context=text[max(0, figure.start - CONTEXT) : figure.end + CONTEXT],
            refers_back=unit.base_unit == "count"
            and (
                level is not None  # 省级6项 heading a line after (省级6项、市级5项) was given
                or BACK_REFERENCE_BEFORE.search(text, clause[0], figure.start) is not None
                or BACK_REFERENCE_AFTER.match(text, figure.end) is not None
            ),
        )
        yield proposal
        # Places that share the figure (岐山县、眉县、陇县项目开工率达到100%; 枝江、当阳0个): one figure each.
        for name, start in [] if counts_places else reader.places_sharing(clause[0], figure.start, scope) or sectors[1:]:
            quote_start = min(quote_start, start)
            yield replace(
                proposal,
                scope_name=name,
                quote=text[quote_start:quote_end],
                char_start=offset + quote_start,
                context=f"{name}|{proposal.context}",
            )


@lru_cache(maxsize=65536)
def _in_base_unit(value: float, factor: Fraction) -> float:
    """A figure's value in its metric's base unit, exactly (3.2亿元 is 320000000, not 320000000.00000006); a
    report repeats its values, so each is computed once."""
    return float(Fraction(repr(value)) * factor)


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `position` is inside one of the sorted, non-overlapping `spans` (their starts given)."""
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


LINK_LINE = re.compile(r"^[^\n]{0,80}?(?:19|20)[0-9]{2}[-/.][01]?[0-9][-/.][0-3]?[0-9](?:\s+[0-9:]+)?\s*$", re.MULTILINE)


def chrome_lines(text: str) -> list[tuple[int, int]]:
    """Lines of page chrome: a short headline ending with its date is a link to another article (相关新闻)."""
    return [(m.start(), m.end()) for m in LINK_LINE.finditer(text) if "。" not in m.group()]


def _table_proposals(text, offset, document, reader: ScopeReader, figures_are, vocabulary) -> Iterator[Proposal]:
    """A table's cells: the column names the metric, the row's label the scope; the quote is the row."""
    for cell in table_cells(text, vocabulary):
        unit = vocabulary.units[cell.unit]
        value = float(Fraction(cell.number) * unit.factor)
        scope = reader.label_scope(cell.label)
        marker = target_marker(cell.header, 0, len(cell.header), vocabulary)
        quote_start, quote_end = trimmed(text, cell.row_start, cell.row_end)
        yield Proposal(
            document=document,
            scope_level=scope.level,
            scope_name=scope.name,
            metric_id=cell.choice.metric_id,
            value=value,
            unit_as_written=cell.unit,
            value_as_written=cell.number,
            qualifier=vocabulary.default_qualifier,
            is_target=is_target(vocabulary.metric_roles.get(cell.choice.metric_id), marker, None, figures_are),
            quote=text[quote_start:quote_end],
            char_start=offset + quote_start,
            char_end=offset + quote_end,
            confidence=confidence(cell.choice),
            cue=cell.choice.cue,
            context=f"{cell.label}|{cell.header}",
        )


# A count that points back at projects already counted: 此次集中开工的52个项目, 全县67个开工动员项目中.
BACK_REFERENCE_BEFORE = re.compile(r"此次|这些|上述|(?<![元亩个万千百0-9])以上")  # 亿元以上项目: a size, not "the above"
BACK_REFERENCE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?项目中")
# A clause that is a level of the portfolio and its count (省级6项; 其中:市级5个).
LEVEL_HEAD = re.compile(r"(?:其中[:：]?)?((?:国家|省|市|州|县|区)级)")
PORTFOLIO_PARTS = re.compile(r"(?:续建|在建|储备|预备|结转|计划新开工|计划开工|计划竣工|计划投产|计划完工)(?:重点)?项目")
SIZE_OF_NAMED = re.compile(r"(?:建设)?的[^，,。；;]{2,30}?(?:项目|工程|酒店|基地|园|生产线|厂)")
SET_OF_SIZE = re.compile(r"[0-9]+[个项]|等|各类|重点|重大|以上")  # 投资20亿元以上的重点项目: a set, not one project
STATE_MARKS = re.compile(r"[0-9一二三四五六七八九十]+月|季度|上半年|下半年|以来|截至|截止|累计|已|实际|目前|实现|全部|力争|确保|争取|预计")
NEW_CATEGORIES = frozenset({"新开工", "新建"})
STATE_CATEGORIES = frozenset({"新开工", "开工", "竣工", "投产", "新建", "建成"})


def _sibling_categories(text: str, clause_start: int, figure_start: int, portfolio_parts: bool) -> frozenset[str]:
    """In a text that breaks its portfolio down (续建项目28宗,新开工项目39宗,投产项目5宗) the state words name
    categories too, unless the clause dates or asserts the state (1—6月新开工项目118项, 已开工项目33个)."""
    if STATE_MARKS.search(text, clause_start, figure_start):
        return frozenset()
    stop = (text.rfind("。", max(0, clause_start - LOOK_BACK), clause_start) + 1, figure_start)
    if PORTFOLIO_PARTS.search(text, *stop):
        return STATE_CATEGORIES  # siblings in the same sentence: 续建项目28宗,新开工项目39宗,投产项目5宗
    return NEW_CATEGORIES if portfolio_parts else frozenset()  # 新开工 beside 续建 anywhere in the text


# A sentence opening with the date it reports up to (截至目前,全县160个重点项目全部开复工,完成投资…): what has
# happened, in a launch notice or plan too.
AS_OF_LEAD = re.compile(r"\s*(?:[0-9]{4}年)?(?:截至|截止|截至到)(?:目前|当前|日前|[0-9]{4}年|[0-9一二三四五六七八九十]{1,2}月|今年)")


SHARE = re.compile(r"占|比重")
SHARES = (OTHER, "investment_share", "project_share")  # a share's metric is read again for each item of its list
SHARE_WHOLE = re.compile(r"(项目总数|项目数|个数|数量)|(投资|计划)")
# 占下达任务数的106%: a task's completion; 较…增加了2%: a change (but 占比由11%提升至20% is the share it rose to).
NOT_A_SHARE = re.compile(r"任务|目标|(?:增加|增长|提高|提升|下降|减少)(?!至|到)")


def share_of(text: str, clause_start: int, sentence_start: int, figure_start: int, earlier: tuple[str, int]) -> str | None:
    """investment_share or project_share for a share (占全市投资的24%, 投资占比68%, 分别占项目总数和总投资的72.1%、
    58.7%), by the whole named after 占 (the n-th named for the n-th figure of a 分别 list), else by the figure just
    before in the sentence (…项目68个,占比48%: of projects), else by 投资 before 占; OTHER for what is no share
    (a ratio its sentence shares nothing of, a task's completion, a change); None when the whole is not named."""
    window = text[sentence_start:figure_start]
    marks = list(SHARE.finditer(window))
    if not marks or marks[-1].start() < clause_start - sentence_start - 40:
        return OTHER
    share = next((m for m in reversed(marks) if m.group() == "占"), marks[-1])
    after = window[share.end() :]
    if NOT_A_SHARE.search(after):
        return OTHER
    wholes = ["project_share" if m.group(1) else "investment_share" for m in SHARE_WHOLE.finditer(after)]
    if wholes:
        return wholes[min(after.count("%") + after.count("％"), len(wholes) - 1)]
    base, end = earlier
    if end >= sentence_start and figure_start - end <= 12 and base in ("count", "CNY"):
        return "project_share" if base == "count" else "investment_share"
    return "investment_share" if "投资" in window[: share.start()] else None


def _earlier_year(text: str, start: int, end: int, year: int | None) -> bool:
    """Whether the latest year the paragraph names before a figure is before the report's (a 2017 plan's account of
    2016: 2016年…全年共完成投资237亿元; 2021年,…。其中,第一产业增加值…); 比2016年增长 beside 2017年 stays the plan's."""
    # A year compared with (比2016年增长, 较2016年) is a base, not when the figure happened.
    years = [int(m.group(1)) for m in YEAR.finditer(text, start, end) if text[max(0, m.start() - 1) : m.start()] not in ("比", "较")]
    return year is not None and bool(years) and max(years) < year


def _clauses_between(text, start, end, clause_b) -> list[tuple[int, int]]:
    spans = []
    position = start
    while position < end:
        left, right = clause_b.around(position, position + 1)
        if right <= left:
            position = right + 1
            continue
        spans.append((max(left, start), min(right, end)))
        position = right + 1
    return spans
