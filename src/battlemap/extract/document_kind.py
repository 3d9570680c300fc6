"""Is a document a plan (its figures are targets) or a status report? Read from its title and lead, and from how its
body speaks (targets against achievements)."""

from __future__ import annotations

import re

PLAN_TITLE = re.compile(r"方案|实施意见|工作要点|行动计划|工作计划")
LAUNCH = re.compile(r"集中开工|开工仪式|开工活动|集中签约|开工动员|集中开竣工|火热开工|正式开工|同步开工|统一开工")
# A lead announcing the year's project list (名单出炉; 发布…项目清单; 今年…确定70个重点项目): the list is the year's plan.
PROJECT_LIST = re.compile(
    r"(?:名单|清单)(?:出炉|公布|发布|印发|下达)|(?:发布|公布|印发|下达)[^。，,]{0,12}?(?:项目)(?:名单|清单)"
    r"|(?:今年|本年|[0-9]{4}年)[^。]{0,60}?确定[^。]{0,20}?(?:重点|重大)(?:建设|产业)?项目"
)
# A lead announcing that a plan was issued (《…行动方案》正式印发; 印发《…实施方案》): the report retells the plan.
PLAN_ISSUED = re.compile(
    r"《[^》]{0,40}?(?:方案|行动计划|工作计划|实施意见|工作要点)[^》]{0,12}》[^。，,]{0,8}?(?:印发|出台|发布|公布|出炉)"
    r"|(?:印发|出台|发布)(?:了|实施)?《[^》]{0,40}?(?:方案|行动计划|工作计划|实施意见|工作要点)"
)
# A title that tells how the work went (建设全面铺开, 进展顺利, 成绩单): a progress report, however many plans it retells.
STATUS_TITLE = re.compile(r"进展|铺开|成效|成绩单|取得|通报|晾晒|顺利|完成投资|开工率|排名|提速|加速推进")
TARGET_WORDS = re.compile(r"力争|确保|预计|争取|将|目标|拟|计划|年内|全年")
ACHIEVEMENT_WORDS = re.compile(
    r"已|累计|实现|截至|截止|开工率|完成率|同比|占年|超时序|超序时|较去年|比去年|超额|(?<!力争)(?<!确保)(?<!计划)(?<!将)完成"
)


def guess_figures_are(text: str) -> str:
    """'targets' for a plan or a launch notice, else 'status'. A plan: its title names one (方案, 行动计划 …),
    or its body speaks in targets (力争, 确保, 将 …) and states almost no achievement (已, 累计, 完成投资 …). A
    launch notice (集中开工, 开工仪式 in the lead) lists its batch's plans, unless it reports achievements as
    much (a progress report that mentions a launch); so does a lead announcing the year's project list, unless
    the body reports achievements."""
    lead = text.lstrip()[:300]
    title = lead.split("\n", 1)[0]
    if PLAN_TITLE.search(title):
        return "targets"
    targets, achievements = len(TARGET_WORDS.findall(text)), len(ACHIEVEMENT_WORDS.findall(text))
    if LAUNCH.search(lead):
        return "targets" if achievements < 5 or targets > achievements else "status"
    if PLAN_ISSUED.search(text.lstrip()[:400]) and targets >= achievements:
        return "targets"
    if len(title) <= 40 and "。" not in title and STATUS_TITLE.search(title):
        return "status"
    if PROJECT_LIST.search(lead) and achievements <= 3:
        return "targets"
    return "targets" if targets >= 3 and targets >= 2 * achievements + 2 and achievements <= 3 else "status"
