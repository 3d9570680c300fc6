"""What a figure is about: the document's place, a district or county named at the head of a clause
(resolved with battlemap.shared.places), a named project (…项目/…工程 with a facility word), or a programme or
category (…类项目, 第一批, 专项债券项目, 中心城区). The words are those of extract/words/scope_terms.csv.

Scopes carry: a project or programme to the rest of its sentence, a district to the rest of its
paragraph, a district named in a heading line (仓山:…) to the next heading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from battlemap.extract.vocabulary import Vocabulary, longest_term
from battlemap.shared.places import AmbiguousPlaceError, Place, known_name, may_close_name, may_open_name, places_named, resolve_place

# The scope levels the rules below name (seeds/scope_levels.csv is the vocabulary's home, with its order and labels;
# tests/python/test_vocabulary_homes.py checks that each of these is one of its rows).
CITY = "city"
DISTRICT = "district"
TOWN = "town"
PROJECT = "project"
PROGRAMME = "programme"
# A town, township or sub-district (城关镇, 葛公镇, 东湖街道): below the county; not in the gazetteer.
TOWN_NAME = re.compile(r"[^\W\d为是的在和与及对从向等]{1,5}(?:镇|乡|街道)$")
NOT_TOWN = re.compile(r"(?:乡镇|城镇|村镇|集镇|小镇|城乡|街道|各镇|各乡)$|^(?:各|全|每|个|所有|重点|特色|深入|走进|前往|赴|到)")
TOWN_ENDS = ("镇", "乡", "街道")  # what TOWN_NAME ends with
TOWN_HEAD = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:镇|乡|街道)")
LIST_TOKEN = re.compile(r"[^、和及]+")
VERB_OF = re.compile(r"^[\u4e00-\u9fff]{1,4}的")
ITEM_END = re.compile(r"[(（:：\s]*$")
# Words and marks that may open a clause before its subject (今年,全市…): skipped when reading the head.
LEADING_FILLER = re.compile(
    r"^(?:[“”\"‘’「」《》()（）\s·—-]|[0-9]{4}年度?|[0-9]{1,2}月份?|[0-9]{1,2}[—\-－~至][0-9]{1,2}月份?"
    r"|今年|目前|同时|此外|其中|另外|近日|日前|截至目前|截止目前|截至|截止|记者从|据悉|在|(?:共|计划)?(?:安排|实施|谋划)(?=全))*"
)
PORTFOLIO = re.compile(r"[\u4e00-\u9fff“”\"、0-9]{1,24}?(?:项目|工程)")
# What opens a portfolio's phrase but does not name it: a year, a place, a count (我市100个重点推进项目).
PORTFOLIO_LEAD = re.compile(r"^.*(?:[0-9]+[个项宗]|年|全市|全县|全区|全州|全省|全旗|全盟|我市|我县|我区|本市|该市|共有|共|有)(?=[^个项宗年]{2,})")
# A period opening the phrase (1-10月项目累计完成投资, 一季度项目): when, not which projects.
PERIOD_LEAD = re.compile(
    r"^(?:(?:[0-9]{1,2}[—\-－~至到])?[0-9一二三四五六七八九十]{1,3}月份?(?:底|末)?|前?[一二三四1-4]季度|前[0-9一二三四五六七八九十]{1,2}个?月|[上下]半年|全年)+"
)
COUNT_LEAD = re.compile(r"^[0-9]+[个项宗]")
FIRMS_PROJECT = re.compile(r"[^等]{2,}(?:有限公司|有限责任公司|股份公司|集团)[^，,。；;等]{0,20}?(?:项目|工程)")
SECTOR_HEAD = re.compile(
    r"[，,:：；;。\s]*(?:其中)?[，,:：]?([\u4e00-\u9fff“”\"]{2,12}?(?:领域项目|领域|项目|产业|工业|基础设施))"
    # …and its predicate: what the sector did (进展迅猛, 稳步推进, 同比增长, 完成投资), not a longer noun (项目贷款).
    r"(?=[，,]|进展|稳步|持续|完成|实现|投资|同比|增长|累计|已|共|建设规模)"
)
# 在信息与科技基础设施方面, …完成投资11.7亿元: a sector the sentence opens with, for the sentence.
ASPECT_HEAD = re.compile(r"[，,:：；;。\s]*(?:其中)?[，,]?在([\u4e00-\u9fff“”\"]{2,14}?)(?:方面|领域)[，,]")
ZONE_ITEM = re.compile(r"(?:包括|其中|以及|分别为|分别是)?([\u4e00-\u9fff]{2,6}(?:开发区|高新区|经开区|度假区))$")  # a list item's zone
QUOTED_SET = re.compile(r"(“[^”]{2,10}”(?:项目|工程)|“[^”]{1,10}(?:项目|工程)”)")  # “攻城拔寨”项目, “双百工程”
EXAMPLES_OF_SET = re.compile(r"等([\u4e00-\u9fff“”\"]{2,10}?(?:项目|工程))(?:共|共计|有)?\s*$")
NUMBERED_CATEGORY = re.compile(r"\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[、.．)）]\s*([\u4e00-\u9fff]{2,10}?(?:项目|工程))[。:：]")
PLACE_HAS = re.compile(r"\s*[\u4e00-\u9fff]{2,8}?(?:市|县|区|州|盟|旗)(?:此次|本次)?(?:集中)?(?:共有|有|拥有|开竣工|开复工|开工|竣工|签约)")
EXAMPLES_END = re.compile(r"等(?:重点|重大)?(?:项目|工程)?(?:共|共计|有)?\s*$")  # …供水工程等(项目)10个: examples
COUNT_INSIDE = re.compile(r"[0-9]+[个项宗]")
BATCH = re.compile(r"(?:第[0-9一二三四五六七八九十]{1,2}|首)批(?!复|准|示)")  # 第一批, 首批: a batch (not 批复)
SET_MARKS = re.compile(r"重点|重大|类|批|级|以上|百大|新开工|续建|在建|竣工|储备|预备|各|等|全|个|项|所有|这些|攻坚|集中|民生|产业|基础设施")
COUNT_GAP = re.compile(r"(?:总数|数量|个数|数)?(?:共计|共有|共|有|达到|达|为|合计|累计|总计)?[ \u3000]?")
# The campaign's own portfolio, named without a qualifier (全市重点项目103个): the whole place, not a programme.
_OWN = r"(?:重点|重大)(?:建设)?(?:项目|工程)"
OWN_PORTFOLIO = re.compile(rf"(?:谋划|计划|实施|安排|推进|建设|共|本级)*{_OWN}(?:[和及与、]{_OWN})?")  # …重大工程和重点项目442个
# A state named with 项目 (新开工项目5个) is what the figure counts, not a set of projects.
STATE_SET = re.compile(r"(?:新|已|实际)?(?:开工|竣工|开复工|开[(（]复[)）]工|复工|投产|建成|完工|签约)(?:的)?(?:建设)?(?:项目|工程)")
PLAIN_OWN_SET = re.compile(r"^(?:开工|实施|推进|建设|谋划)?(?:该[县市区旗州]|各类)(?:建设)?(?:项目|工程)$")
GENERIC_SETS = {"", "实施", "建设", "安排", "各类", "相关", "这些", "该", "上述", "所有", "全部"}  # 实施项目: no set named
NAMED = re.compile(r"[^，,、；;。：:\s]{1,40}?(?:项目|工程)")


def _last_within(spans: list, start: int, end: int):
    """The last of `spans` (sorted, non-overlapping tuples opening with their start and end) that lies within
    [start, end); None if none does. Found by bisection: the spans of a whole text, looked up for each figure."""
    index = bisect_right(spans, (end, end)) - 1
    while index >= 0 and spans[index][1] > end:
        index -= 1
    return spans[index] if index >= 0 and spans[index][0] >= start else None


def _names_one(text: str) -> bool:
    """Whether NAMED (or PORTFOLIO) can match in the text: it ends with 项目 or 工程 (a quicker test than its search)."""
    return "项目" in text or "工程" in text

AREA_AFTER_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:片区|园区|新城)")
NOT_AREA = re.compile(r"^(?:成立|组建|建立|设立|推进|开展|实施|启动)")
ALIAS_FOLLOWERS = set(":：将有在已共计区县市")
SUFFIXED = re.compile(r"(?:市|区|县|旗)$|[\u4e00-\u9fff]{2}(?:州|盟)$")  # 黔东南州, not 福州 (福州市's short name)
PARENTHESIS = re.compile(r"[(（]")
BRACKET = re.compile(r"[(（)）]")
# A list whose items are sectors: 前4名的行业是:, 分领域看,
SECTOR_LIST_HEAD = re.compile(r"(?:行业|领域|板块|门类)(?:分别|依次)?(?:是|为|有)?[:：]|分(?:行业|领域|板块)(?:看|来看)[，,:：]?")
SECTOR_ITEM = re.compile(r"[\u4e00-\u9fff]{2,14}")  # a sector's name alone: no number, no predicate after a comma
SHARED_SECTORS = re.compile(r"[，,:：\s]*(?:其中)?[，,]?((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12}?)(领域|行业|板块)(?:项目)?")
SECTORS_LISTED = re.compile(r"(?<=[，,:：;；。\s])((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12}?)等(领域|行业|板块)(?:重点|重大)?项目")
NOT_SECTOR = re.compile(r"完成|投资|增长|下降|开工|竣工|计划|累计|同比|达到|为$|率")  # a metric's words, not a sector's
LEADING_VERBS = re.compile(
    r"^(?:推进|谋划|招引|申报|通过|下达|开展|加快|对照|对|为|在|将|把|共有|共计|共|先后|新|需|至少|全面|全市|全县|我市|我县|其中|含|今年|目前|其余|逐个|"
    r"计划|力争|确保|预计|拟|争取|已|完成|实现|累计|要|安排|列入|纳入)+"
)


@lru_cache(maxsize=16)
def _containing(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A regex found in a text where any of the terms is (none: never)."""
    return re.compile(longest_term(terms) if terms else "(?!)")


@dataclass(frozen=True)
class Scope:
    level: str
    name: str


class ScopeReader:
    """Reads the scope of the figures of one text, in text order (it remembers what it has read)."""

    def __init__(self, text: str, place: Place | None, vocabulary: Vocabulary):
        self.text = text
        self.place = place
        self.city = Scope(CITY, place.name_zh_hans if place else "")
        self.vocabulary = vocabulary
        self.project_terms = tuple(t for t, level in vocabulary.scope_terms.items() if level == PROJECT)
        self.programme_terms = tuple(t for t, level in vocabulary.scope_terms.items() if level == PROGRAMME)
        self.not_scope_terms = tuple(t for t, level in vocabulary.scope_terms.items() if level == "none")
        self.city_terms = tuple(t for t, level in vocabulary.scope_terms.items() if level == CITY)
        self._in_project_terms = _containing(self.project_terms).search  # any of the terms in a phrase
        self._in_programme_terms = _containing(self.programme_terms).search
        self._in_not_scope_terms = _containing(self.not_scope_terms).search
        self.section: Scope | None = None
        self.paragraph: tuple[int, Scope | None] = (-1, None)
        self.sentence: tuple[int, Scope | None] = (-1, None)
        self._place_cache: dict[str, Place | None] = {}
        self._sector_heads: list[tuple[int, int]] | None = None
        self._sector_lists: list[tuple[int, int, re.Match[str]]] | None = None

    # --- places ---
    def _resolve(self, name: str) -> Place | None:
        if name not in self._place_cache:
            try:
                within = self.place.admin_code if self.place and self.place.level != "county" else None
                found = resolve_place(name, within=within)
                if found and self.place and self.place.level == "county" and found.admin_code != self.place.admin_code:
                    found = None  # a county document: other counties of the same name are not its parts
            except AmbiguousPlaceError:
                found = None
            self._place_cache[name] = found
        return self._place_cache[name]

    def _place_scope(self, place: Place) -> Scope:
        """A place the text names: the document's own place is the whole (city), any other a district of it."""
        return self.city if self.place and place.admin_code == self.place.admin_code else Scope(DISTRICT, place.name_zh_hans)

    def head_scope(self, start: int, end: int) -> Scope | None:
        """The place (or 全市 / a place's named area) a clause text[start:end] opens with; None if none."""
        clause = self.text[start:end]
        clause = clause[LEADING_FILLER.match(clause).end() :]
        if clause.startswith(self.city_terms):
            return self.city
        for length in range(min(8, len(clause)) if may_open_name(clause) else 1, 1, -1):  # (none if no name can)
            name = clause[:length]
            if not known_name(name):
                continue
            follower = clause[length : length + 1]
            if not SUFFIXED.search(name) and follower not in ALIAS_FOLLOWERS:
                continue  # a bare alias (福清, 仓山) only as a subject: 福清将…, 仓山:…
            place = self._resolve(name)
            if place is None:
                continue
            if self.place and place.admin_code == self.place.admin_code:
                return self.city
            area = AREA_AFTER_PLACE.match(clause[length:])
            if area and not NOT_AREA.match(area.group()):
                return Scope(PROJECT, name + area.group())
            return self._place_scope(place)
        town = TOWN_HEAD.match(clause)
        # …乡 followed by 镇 or 村 (深入六乡镇, 某乡村振兴) is no town's name.
        if town and (scope := self.town_scope(town.group())) and clause[len(town.group()) : len(town.group()) + 1] not in "村镇乡":
            return scope
        return None

    def town_scope(self, name: str) -> Scope | None:
        """A town named as a clause's subject or a list item (城关镇, 东湖街道)."""
        found = TOWN_NAME.search(name)
        if found is None or NOT_TOWN.search(found.group()):
            return None
        return Scope(TOWN, found.group())

    def item_scope(self, start: int, end: int) -> Scope | None:
        """The place named right before a figure, as items of lists and rankings are (…为甲区(137%)、乙县36.2亿元)."""
        words = self.text[start:end]
        if len(words) < 2:
            return None
        words = words[: ITEM_END.search(words).start()]
        for length in range(min(8, len(words)) if may_close_name(words) else 1, 1, -1):  # (none if no name can)
            name = words[-length:]
            # A list item may name a place by its alias (宜都13个): only places within the document's place.
            if (SUFFIXED.search(name) or self.place is not None) and known_name(name):
                place = self._resolve(name)
                if place is not None:
                    return self._place_scope(place)
        for length in range(min(7, len(words)) if words.endswith(TOWN_ENDS) else 2, 2, -1):  # (a town's name ends so)
            town = self.town_scope(words[-length:])
            if town is not None and town.name == words[-length:]:
                return town
        zone = ZONE_ITEM.search(words)
        return self.zone_scope(zone.group(1)) if zone else None

    def zone_scope(self, name: str) -> Scope:
        """A development zone (吴江开发区, 汾湖高新区) as a place: a town of a county-level report, a district of a larger one."""
        return Scope(TOWN if self.place is not None and self.place.level == "county" else DISTRICT, name)

    def sector_item(self, sentence_start: int, start: int, end: int) -> Scope | None:
        """An item of a list of sectors (前3名的行业是:交通物流197.44亿元、能源180.81亿元): that sector's projects."""
        if self._sector_heads is None:  # every head of the text, found once: a scan per figure would be quadratic
            self._sector_heads = [m.span() for m in SECTOR_LIST_HEAD.finditer(self.text)]
        head = _last_within(self._sector_heads, sentence_start, end)
        if head is None:
            return None  # no head in this sentence before the item
        words = self.text[max(start, head[1]) : end]
        name = words[: ITEM_END.search(words).start()]
        if not SECTOR_ITEM.fullmatch(name) or NOT_SECTOR.search(name) or self._in_not_scope_terms(name):
            return None
        return Scope(PROGRAMME, name)

    def sectors_sharing(self, clause_start: int, figure_start: int, sentence_start: int | None = None) -> list[tuple[str, int]]:
        """Sectors listed with `、` at the head of a clause that share its figure (能源、生态环保、文化旅游领域项目
        开工率超过50%), or the sectors heading its sentence (…、电力等领域重点项目推进有力,投资完成率均高于100%):
        (name, offset) of each, in order; [] if there is no such list."""
        found = SHARED_SECTORS.match(self.text, clause_start, figure_start)
        if found is None and sentence_start is not None and sentence_start < clause_start:
            if self._sector_lists is None:  # found once for the text, as the heads of sector lists are
                self._sector_lists = [(m.start(), m.end(), m) for m in SECTORS_LISTED.finditer(self.text)]  # by start
            listed = _last_within(self._sector_lists, sentence_start, clause_start)  # the list the sentence opens with
            return self._sectors(listed[2].group(1), listed[2].start(1), listed[2].group(2)) if listed else []
        if found is None or "等" in found.group(1):
            return []  # 工业、城建等三领域项目投资占六成: examples of one set, which shares nothing
        return self._sectors(found.group(1), found.start(1), found.group(2))

    @staticmethod
    def _sectors(listed: str, position: int, suffix: str) -> list[tuple[str, int]]:
        names = []
        for token in listed.split("、"):
            names.append((token + suffix, position))
            position += len(token) + 1
        return names

    def label_scope(self, label: str) -> Scope:
        """The scope a table row's label names: the whole place (合计, 全市), a district, a town, a project or a programme."""
        if label in ("合计", "总计", "小计", "全市", "全县", "全区", "全州", "全盟") or (self.place and label == self.place.name_zh_hans):
            return self.city
        if SUFFIXED.search(label) and known_name(label):
            place = self._resolve(label)
            if place is not None:
                return self._place_scope(place)
        if re.search(r"(?:开发区|高新区|经开区|新区|园区|管委会)$", label):
            return Scope(DISTRICT, label)
        town = self.town_scope(label)
        if town is not None and town.name == label:
            return town
        if re.search(r"项目|工程", label):
            return Scope(PROJECT, label)
        return Scope(PROGRAMME, label)

    def places_sharing(self, clause_start: int, figure_start: int, scope: Scope) -> list[tuple[str, int]]:
        """Places listed with `、` or 和 in the clause that share a figure with the one it is scoped to
        (岐山县、眉县、陇县项目开工率达到100%; 枝江、当阳0个): (name, offset) of each other place."""
        if scope.level not in (DISTRICT, TOWN) or not scope.name:
            return []
        words = self.text[clause_start:figure_start]
        if not any(mark in words for mark in "、和及") or "分别" in words or "依次" in words:
            return []  # no list, or a list whose places take one figure each in turn (分别)
        tokens = [(m.start(), m.group()) for m in LIST_TOKEN.finditer(words)]
        if len(tokens) < 2:
            return []
        shared = []
        for position, token in tokens[:-1]:
            found = self.item_scope(clause_start + position, clause_start + position + len(token))
            if found is None or found.level != scope.level or token.strip() not in (found.name, found.name[: len(token.strip())]):
                return []  # not a list of places only
            shared.append((found.name, clause_start + position))
        last_position, last = tokens[-1]
        head = self.head_scope(clause_start + last_position, clause_start + last_position + len(last))
        named = [(n, o) for n, o in shared]
        if head is not None and head.level == scope.level:
            named.append((head.name, clause_start + last_position))
        return [(n, o) for n, o in named if n != scope.name]

    # --- projects and programmes ---
    def classify(self, phrase: str) -> Scope | None:
        plain = phrase.strip('“”"')
        if PLAIN_OWN_SET.search(plain):
            return self.city  # 开工各类项目34项, 该县项目开工率: the place's projects of every kind, no category
        if len(plain) <= 10 and plain.endswith(("项目", "工程")) and plain.startswith(self.programme_terms):
            return Scope(PROGRAMME, plain)  # 计划新开工项目: a category, whose first word is no verb to strip
        name = LEADING_VERBS.sub("", phrase).strip('“”"').rstrip("的中")
        name = VERB_OF.sub("", name)  # 开工的楚雄高新区…项目: the project, not its verb
        if FIRMS_PROJECT.fullmatch(name):
            return Scope(PROJECT, name)  # a firm's project (…家具有限公司现代家具项目): one project
        if len(name) < 2 or self._in_not_scope_terms(name):
            return None
        if self._own_portfolio(LEADING_FILLER.sub("", name)):
            return self.city
        if self._in_project_terms(name):
            return Scope(PROJECT, name)
        if self._in_programme_terms(name) and not BRACKET.search(name):
            return Scope(PROGRAMME, name)  # (a phrase holding a bracket is no name: …开复工36项(续建)
        if len(name) >= 7 and name.endswith(("项目", "工程")) and not SET_MARKS.search(name):
            return Scope(PROJECT, name)  # a proper name (海口观澜湖度假区项目): one project
        return None

    def _place_having(self, start: int) -> Scope | None:
        has = PLACE_HAS.match(self.text, start)
        owner = self.head_scope(start, has.end()) if has else None
        return owner if owner is not None and owner.level in (DISTRICT, TOWN) else None

    def named_scope(self, before: tuple[int, int], after: tuple[int, int], counted: bool) -> Scope | None:
        """A project or programme the figure's own inner clause names, after the unit (counted things) or before."""
        after_text = self.text[after[0] : after[1]]
        # A parenthesis after the count (442个(含省级重大工程项目289个)) breaks it down: it names no set of it.
        after_match = NAMED.match(after_text) if after_text and after_text[0] not in "(（" else None
        after_scope = self.classify(after_match.group()) if after_match and len(after_match.group()) <= 18 else None
        if counted and after_scope is not None and after_scope.level == PROJECT:
            after_scope = Scope(PROGRAMME, after_scope.name)  # 342个现代服务业质量提升工程: a count of them is a set
        before_text = self.text[before[0] : before[1]]
        if EXAMPLES_END.search(before_text):
            before_text = ""  # 甲产业园、乙项目等151个项目: examples of the count, not its scope
        matches = list(NAMED.finditer(before_text)) if _names_one(before_text) else []
        before_scope = self.classify(matches[-1].group()) if matches else None
        if before_scope is None and counted and matches and COUNT_GAP.fullmatch(before_text, matches[-1].end()):
            # A set named right before its count (工业项目35个, 省重点项目共11个) is a category: a programme.
            before_scope = self._set_named(matches[-1].group())
        if before_scope is None and counted:
            # No named project: the words before a count may name a programme (第二批15个项目).
            rest = before_text[matches[-1].end() :] if matches else before_text
            found = self.classify(rest)
            before_scope = found if found and found.level == PROGRAMME else None
        first, second = (after_scope, before_scope) if counted else (before_scope, after_scope)
        return first or second

    # --- the scope of one figure ---
    def scope(
        self,
        paragraph_start: int,
        sentence_start: int,
        clause: tuple[int, int],
        inner_before: tuple[int, int],
        inner_after: tuple[int, int],
        counted: bool,
        earlier_clauses: list[tuple[int, int]],
    ) -> Scope:
        if self.paragraph[0] != paragraph_start:
            self.paragraph = (paragraph_start, None)
            heading = self._heading_scope(paragraph_start)
            if heading is not None:
                self.section = heading
            numbered = NUMBERED_CATEGORY.match(self.text, paragraph_start)
            category = self.classify(numbered.group(1)) if numbered else None
            if category is not None and category.level == PROGRAMME:
                self.paragraph = (paragraph_start, category)  # 1、新建项目。…: the line is that category's
        if self.sentence[0] != sentence_start:
            self.sentence = (sentence_start, None)
        # Clauses of the paragraph before this one may name a district (晋江市成立…, then its figures).
        for start, end in earlier_clauses:
            head = self.head_scope(start, end)
            if head is not None:
                self.paragraph = (paragraph_start, head if head.level in (DISTRICT, TOWN) else None)
                if head.level == PROJECT:
                    self.sentence = (self.sentence[0], head) if start >= sentence_start else self.sentence
            if start >= sentence_start:
                clause_text = self.text[start:end]
                named = [self.classify(m.group()) for m in NAMED.finditer(clause_text)] if _names_one(clause_text) else []
                named = [n for n in named if n and n.level == PROJECT]  # a programme only scopes its own clause
                if named:
                    self.sentence = (sentence_start, named[-1])
            if end > sentence_start and self.sentence[1] is None:
                sector = SECTOR_HEAD.match(self.text, max(start, sentence_start), end)
                if sector and (found := self._set_named(sector.group(1))):
                    self.sentence = (sentence_start, found)  # 工业项目建设规模持续扩大，投资同比增长30.5%
                aspect = ASPECT_HEAD.match(self.text, max(start, sentence_start), end + 1)
                if aspect and len(aspect.group(1)) > 2:
                    self.sentence = (sentence_start, Scope(PROGRAMME, aspect.group(1)))
        head = self.head_scope(*clause)
        if counted and (named_set := EXAMPLES_OF_SET.search(self.text, clause[0], inner_before[1])):
            # 花湖机场高速二期等基础设施项目429个: the examples' set, named after 等, is the count's programme.
            found = self._set_named(named_set.group(1))
            if found is not None and found.level == PROGRAMME:
                self.sentence = (sentence_start, found)
                return found
        examples = counted and head is not self.city and EXAMPLES_END.search(self.text, clause[0], inner_before[1]) is not None
        several_examples = False
        if examples:
            # 甲县…、乙县…等9个市级重点项目: places head the examples, not the count; the set named after it does,
            # and several examples are no one place's (one place's example with 等N个项目 stays that place's).
            own = self.named_scope(inner_before, inner_after, counted)
            if own is not None:
                self.sentence = (sentence_start, own)
                return own
            several_examples = "、" in self.text[clause[0] : inner_before[1]]
            # …but a place that has or launches them (甲市有乙项目、丙工程等81个项目, 甲市集中开竣工…等62个项目) holds
            # every example: the count is its, though a comma inside an example's name split the sentence.
            owner = next((o for o in map(self._place_having, (clause[0], sentence_start)) if o is not None), None)
            head = owner or (None if several_examples else head)
        if head is self.city and (quoted := QUOTED_SET.search(self.text, clause[0], inner_before[1])):
            # 全市“双百工程”…重大建设项目有107个: a set named in quotes is the programme, for the paragraph.
            found = Scope(PROGRAMME, quoted.group(1))
            self.paragraph = (paragraph_start, found)
            self.sentence = (sentence_start, None)
            return found
        if head is self.city:
            # 全市/全县 opening the clause: the document's whole place with its own portfolio (全市重点项目103个);
            # a set it qualifies (我县省重点项目, 我市100个重点推进项目) is a programme for the paragraph.
            bracket = PARENTHESIS.search(self.text, inner_after[0], inner_after[1])  # 442个(含…项目289个): a breakdown
            portfolio = self.portfolio(clause[0], bracket.start() if bracket else inner_after[1])
            own = portfolio is not None and OWN_PORTFOLIO.fullmatch(portfolio.name)
            if batch := BATCH.search(self.text, clause[0], inner_before[1]):
                # 甲市2022年第一批85个重大项目集中开工: a batch of the place's projects is a programme, its own too
                named = portfolio.name if portfolio is not None else "项目"
                named = named[named.index(batch.group()) :] if batch.group() in named else batch.group() + named
                portfolio = Scope(PROGRAMME, COUNT_INSIDE.sub("", named))  # 第一批省重点项目, 首批项目
            elif own:
                portfolio = None
            self.paragraph = (paragraph_start, portfolio or head)
            self.sentence = (sentence_start, None)
            return portfolio or head
        item = None if several_examples else self.item_scope(*inner_before) or self.sector_item(sentence_start, *inner_before)
        if item is not None and item is not self.city:
            self.sentence = (sentence_start, item)  # a list item's place: its item and the clauses after it
            return item
        if head is not None and head.level in (DISTRICT, TOWN):
            # A place at the clause's head is the narrowest scope a reader names, whatever set of projects
            # follows it (禄丰市集中开工项目共35项): the place's figures, for the rest of the paragraph.
            self.paragraph = (paragraph_start, head)
            self.sentence = (sentence_start, None)
            return head
        # Before examples the set after the count was read above, and named none.
        own = None if examples else self.named_scope(inner_before, inner_after, counted)
        if own is None and (sector := SECTOR_HEAD.match(self.text, clause[0], inner_before[1])):
            # A sector opening its clause (基础设施领域项目进展迅猛,投资增长261%): its set, for the sentence on.
            own = self._set_named(sector.group(1))
        if own is not None:
            self.sentence = (sentence_start, own)
            return own
        if head is not None:
            if head.level == PROJECT:
                self.sentence = (sentence_start, head)
            else:
                self.paragraph = (paragraph_start, head if head.level in (DISTRICT, TOWN) else None)
                self.sentence = (sentence_start, None)
            return head
        carried = self.sentence[1] or self.paragraph[1] or self.section
        if carried is not None:
            return carried
        portfolio = self.portfolio(sentence_start, inner_after[1])
        if portfolio is not None:
            self.paragraph = (paragraph_start, portfolio)
            return portfolio
        return self.city

    @staticmethod
    def _place_prefix(name: str) -> int:
        """The length of the longest place name the phrase opens with (汕头 of 汕头重点建设项目); 0 if none."""
        return next((n for n in range(min(8, len(name) - 2), 1, -1) if known_name(name[:n])), 0) if may_open_name(name) else 0

    def _own_portfolio(self, name: str) -> bool:
        """汕头重点建设项目: the document's place and its own portfolio named plainly: the whole place, as 全市重点项目."""
        prefix = self._place_prefix(name)
        if not prefix or self.place is None or not OWN_PORTFOLIO.fullmatch(LEADING_VERBS.sub("", name[prefix:])):
            return False
        found = self._resolve(name[:prefix])
        return found is not None and found.admin_code == self.place.admin_code

    def _set_named(self, phrase: str) -> Scope | None:
        name = PORTFOLIO_LEAD.sub("", PERIOD_LEAD.sub("", phrase))
        name = re.sub(r"[“”\"]", "", LEADING_VERBS.sub("", name))
        if self._own_portfolio(name):
            return self.city
        prefix = self._place_prefix(name)
        # Another place's set (我市列入广东省重点建设项目9项) keeps its place's name: it is not the document's own.
        name = LEADING_VERBS.sub("", name[prefix:]) if not prefix or not self._other_place(name[:prefix]) else name
        counted_set = COUNT_LEAD.sub("", name)  # 10个计划投产项目: the set is 计划投产项目 (共有47个项目 names none but its count)
        if counted_set.removesuffix("项目").removesuffix("工程") not in GENERIC_SETS:
            name = counted_set
        bare = name.removesuffix("项目").removesuffix("工程")
        # 等项目: the tail of examples, no set named
        generic = bare in GENERIC_SETS or STATE_SET.fullmatch(name) or bare.startswith("等")
        if generic or len(name) <= 2 or self._in_not_scope_terms(name):
            return None
        return Scope(PROGRAMME, name)

    def _other_place(self, name: str) -> bool:
        """Whether a place name is a place that contains the document's (its province or prefecture), not the document's."""
        parents = (self.place.province_code, self.place.prefecture_code) if self.place is not None else ()
        return any(p.admin_code in parents for p in places_named(name))  # (the text is simplified already)

    def portfolio(self, start: int, end: int) -> Scope | None:
        """The set of projects a report's figures are about when it names one (重点推进项目, “攻城拔寨”项目, 百大项目):
        a programme, named by its last …项目 phrase before the figure (or after its counter)."""
        phrases: list[tuple[int, int]] = []
        for match in PORTFOLIO.finditer(self.text, start, end):
            if phrases and phrases[-1][1] == match.start() and match.group()[0] in "和及与、":
                phrases[-1] = (phrases[-1][0], match.end())  # 重大工程和重点项目: one set named by two words
            else:
                phrases.append(match.span())
        for phrase_start, phrase_end in reversed(phrases):
            if self.text.startswith("等", phrase_end):
                continue  # 某园区供水工程等项目10个: an example, not the set
            found = self._set_named(self.text[phrase_start:phrase_end])
            if found is not None:
                return found
        return None

    def _heading_scope(self, paragraph_start: int) -> Scope | None:
        end = self.text.find("\n", paragraph_start)
        line = self.text[paragraph_start : end if end >= 0 else len(self.text)]
        if len(line) > 40 or "。" in line:
            return None
        head = re.match(r"^\s*([\u4e00-\u9fff]{2,8}?)[:：]", line)
        if head and known_name(head.group(1)):
            place = self._resolve(head.group(1))
            if place and not (self.place and place.admin_code == self.place.admin_code):
                return Scope(DISTRICT, place.name_zh_hans)
        return None
