"""Invented schemes for testing at scale: random categories, items, rules, points and departments drawn
from word lists written here, with the indicator rows a reader would write for them.

A scheme is content only; `synth_render` lays it out the ways archives hold schemes (tab, pipe, flat,
space-aligned, run-on, prose outline, HTML, DOCX, XLSX …). Every scheme states what a correct reading
gives (``expected``, in the corpus/expected format), so a test can ask of every layout: does it read
right, or does kaoping say 需复核?
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

CATEGORIES = ["组织领导", "队伍建设", "制度建设", "业务工作", "宣传教育", "基础保障", "信息报送", "安全管理", "考勤纪律",
              "档案管理", "群众满意度", "依法行政", "应急管理", "财务管理", "党风廉政", "矛盾化解", "服务群众", "督查督办",
              "作风建设", "平台建设", "数据质量", "项目管理"]
SUBCATEGORIES = ["机构设置", "人员配备", "工作制度", "日常管理", "台账资料", "工作成效", "宣传活动", "培训学习", "检查考核",
                 "经费落实", "设施设备", "信息公开", "责任落实", "监督检查", "队伍素质", "办公场所", "业务指导", "协调配合",
                 "信息化建设", "规范运行", "服务质量", "问题整改", "创新举措", "风险防控", "群众评价", "资料报送",
                 "值班值守", "联络沟通", "考核评比", "总结报告"]
VERBS = ["建立", "落实", "开展", "完善", "健全", "按时报送", "组织", "推进", "规范", "加强", "及时更新", "定期召开", "认真执行",
         "配齐", "妥善处置"]
OBJECTS = ["工作台账", "值班制度", "业务培训", "宣传活动", "档案整理", "考勤制度", "工作信息", "矛盾排查", "应急预案", "安全检查",
           "例会制度", "经费保障", "督办事项", "志愿服务", "统计报表", "专项整治", "联络员队伍", "投诉处理", "工作计划", "年度总结",
           "隐患整改", "来信来访", "数据录入", "案卷归档"]
UNITS = ["次", "项", "件", "人", "起", "份"]
DEPARTMENTS = ["办公室", "政治处", "法制科", "财务科", "业务股", "宣传科", "综合科", "安全监管科", "信息中心", "督查室",
               "基层科", "人事科"]
TITLES = ["{year}年度{unit}工作目标考核细则", "{unit}{year}年度绩效考核评分标准", "{year}年{unit}工作考评办法",
          "关于印发《{year}年度{unit}考核方案》的通知"]
TITLE_UNITS = ["基层司法所", "乡镇（街道）", "机关科室", "县直部门", "社区居委会", "各中心校"]


@dataclass
class Item:
    name: str
    points: float
    criteria: str
    department: str | None = None
    content: str | None = None  # a longer statement of the task (考核内容), when the layout has one


@dataclass
class Group:
    name: str
    points: float | None
    items: list[Item] = field(default_factory=list)
    subgroups: list["Group"] = field(default_factory=list)


@dataclass
class Scheme:
    title: str
    groups: list[Group]
    total: float = 100
    state_total: bool = True

    def leaves(self):
        """Yield (category path as Groups, item) in document order."""
        def walk(group: Group, path: list[Group]):
            for sub in group.subgroups:
                yield from walk(sub, path + [sub])
            for it in group.items:
                yield path, it

        for g in self.groups:
            yield from walk(g, [g])


def _split(rng: random.Random, total: int, parts: int, step: int = 1, low: int = 1) -> list[int]:
    """Given a total, split it into ``parts`` random multiples of ``step``, each at least ``low`` steps."""
    units = total // step
    parts = max(1, min(parts, units // low))
    shares = [low] * parts
    for _ in range(units - low * parts):
        shares[rng.randrange(parts)] += 1
    return [s * step for s in shares]


def criterion(rng: random.Random, name: str, points: float) -> str:
    """Given an item, write a deduction rule for it, with amounts within its points."""
    n = max(1, int(points) // 2)
    unit = rng.choice(UNITS)
    forms = [f"未{name}的扣{int(points)}分",
             f"每少一{unit}扣{rng.choice([0.5, 1])}分，扣完为止",
             f"{name}不规范的扣{n}分；未按时完成的扣{max(1, n - 1)}分",
             f"发现问题一{unit}扣{rng.choice([0.5, 1, 2])}分，最高扣{int(points)}分",
             f"视完成情况酌情扣1-{max(2, int(points))}分"]
    return rng.choice(forms) + "。"


def _item(rng: random.Random, used: set[str], points: float, departments: bool) -> Item:
    while True:
        name = rng.choice(VERBS) + rng.choice(OBJECTS)
        if name not in used:
            used.add(name)
            break
    content = f"{name}，做到有计划、有记录、有总结，资料齐全规范"
    dept = None
    if departments:
        dept = rng.choice(DEPARTMENTS) if rng.random() < 0.85 else "、".join(rng.sample(DEPARTMENTS, 2))
    return Item(name, float(points), criterion(rng, name, points), dept, content)


def _fill(rng: random.Random, group: Group, levels: int, used: set[str], departments: bool,
          items: tuple[int, int]) -> None:
    """Given a group with its points, fill it with subgroups (``levels`` - 1 more levels) or items."""
    points = int(group.points)
    if levels > 1 and points >= 4:
        n_sub = min(rng.randint(2, 3 if levels == 2 else 2), points // 2)
        names = rng.sample([n for n in SUBCATEGORIES if n not in used], n_sub)
        used.update(names)
        for name, sp in zip(names, _split(rng, points, n_sub, low=2)):
            sub = Group(name, float(sp))
            _fill(rng, sub, levels - 1, used, departments, items)
            group.subgroups.append(sub)
        return
    n_items = min(rng.randint(*items), points)
    group.items = [_item(rng, used, p, departments) for p in _split(rng, points, n_items)]


def random_scheme(rng: random.Random, *, levels: int = 1, departments: bool = True,
                  total: int = 100, state_total: bool = True, groups: tuple[int, int] = (3, 5),
                  items: tuple[int, int] = (2, 4)) -> Scheme:
    """Given a random source and the shape wanted, return an invented scheme whose points add up."""
    used: set[str] = set()
    n_groups = rng.randint(*groups) if levels < 3 else rng.randint(2, 3)
    names = rng.sample(CATEGORIES, n_groups)
    used.update(names)
    out = []
    for name, gp in zip(names, _split(rng, total, n_groups, step=5, low=2 * levels)):
        g = Group(name, float(gp))
        _fill(rng, g, levels, used, departments, items)
        out.append(g)
    title = rng.choice(TITLES).format(year=rng.randint(2012, 2024), unit=rng.choice(TITLE_UNITS))
    return Scheme(title, out, float(total), state_total)


def expected(scheme: Scheme, *, name_field: str = "name", categories: bool = True, points: bool = True,
             departments: bool = True, weights: bool = False) -> list[dict]:
    """Given a scheme and what its layout shows, return the indicator rows a reader writes for it."""
    rows = []
    for path, it in scheme.leaves():
        rows.append({
            "categories": [{"name": g.name, "points": g.points} for g in path] if categories else [],
            "name": it.content if name_field == "content" else it.name,
            "points": None if weights else (it.points if points else None),
            "weight": round(it.points / scheme.total, 4) if weights else None,
            "department": it.department if departments else None,
        })
    return rows
