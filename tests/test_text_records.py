"""Tables stored as arrays of records (JSON or JavaScript) in a text dump: columns read from their values.

Every input is invented here; keys are deliberately meaningless so that only the values can say
which column is the serial, the points, the content and the criteria.
"""
from __future__ import annotations

import json

import pytest

from extractors import extract
from extractors.text.records import find_records_table

ITEMS = [
    ("建立工作台账并按月更新", 4, "未建立的扣4分，更新不及时每次扣1分"),
    ("组织业务培训不少于两次", 3, "每少一次扣1.5分"),
    ("按时报送季度工作总结", 2, "迟报一次扣0.5分"),
    ("开展普法宣传进社区活动", 5, "未开展不得分"),
]


def _records(keys: tuple[str, str, str, str], order: list[int], extra: dict | None = None) -> list[dict]:
    """The items as records under the given keys (text, points, method, serial), stored in ``order``."""
    text, points, method, serial = keys
    out = []
    for i in order:
        name, pts, rule = ITEMS[i]
        record = {text: name, points: pts, method: rule, serial: i + 1, **(extra or {})}
        out.append(record)
    return out


def _js(records: list[dict], quote: str = "'") -> str:
    """The records written as a JavaScript literal: unquoted keys, the given string quote, a trailing comma."""
    rows = []
    for r in records:
        fields = []
        for k, v in r.items():
            if isinstance(v, str):
                fields.append(f"{k}: {quote}{v}{quote}")
            else:
                fields.append(f"{k}: {json.dumps(v)}")
        rows.append("  {\n    " + ",\n    ".join(fields) + ",\n  }")
    return "const list = [\n" + ",\n".join(rows) + ",\n];\n"


def _grid_rows(path) -> list[list[str]]:
    raw = extract(path)
    assert len(raw.tables) == 1, [b.text for b in raw.blocks]
    return [[c.text if c is not None else "" for c in row] for row in raw.tables[0].grid()]


GUID = "6F1B2C3D-0A1B-4C2D-8E3F-001122334455"
RECORD_CASES = [
    # (case, file text)
    ("json, stored by serial", json.dumps(_records(("a", "b", "c", "d"), [0, 1, 2, 3]), ensure_ascii=False)),
    ("json, stored by id, serial gives the order",
     json.dumps(_records(("biaozhun", "zongfen", "fangfa", "bianhao"), [2, 0, 3, 1],
                         {"guid": GUID, "fujue": False}), ensure_ascii=False, indent=2)),
    ("javascript, single quotes, trailing commas", _js(_records(("txt", "max", "how", "no"), [3, 2, 1, 0]))),
    ("javascript, double quotes, constant type field",
     _js(_records(("x1", "x2", "x3", "x4"), [1, 0, 2, 3], {"kind": "std"}), quote='"')),
]


@pytest.mark.parametrize("case,text", RECORD_CASES, ids=[c for c, _ in RECORD_CASES])
def test_records_become_rows_in_serial_order(tmp_path, case, text):
    path = tmp_path / "data.txt"
    path.write_text(text, encoding="utf-8")
    rows = _grid_rows(path)
    assert rows[0] == ["考核内容", "分值", "评分标准", "序号"]
    assert rows[1:] == [[name, str(pts), rule, str(i + 1)] for i, (name, pts, rule) in enumerate(ITEMS)]


NOT_A_TABLE = [
    ("a tree: records nest their children",
     json.dumps([{"label": f"{n}（5分）", "children": [{"label": "建立台账"}]} for n in ("一、组织", "二、宣传", "三、考核")],
                ensure_ascii=False)),
    ("measurements: one field per indicator",
     json.dumps([{"unit": u, **{f"p{k}": f"{k * j / 4:.4f}" for k in range(1, 6)}}
                 for j, u in enumerate(("一所", "二所", "三所"), start=1)], ensure_ascii=False)),
    ("no text a reader reads", json.dumps([{"id": i, "v": i * 2} for i in range(1, 6)])),
    ("too few records", json.dumps([{"t": "建立台账", "p": 3}, {"t": "组织培训", "p": 2}], ensure_ascii=False)),
    ("a broken literal", '[{"t": "建立台账", "p": 3}, {"t": "组织培训" "p": 2}, {"t": "宣传", "p": 1}]'),
    ("brackets in prose", "一、工作要求[见附件]\n{说明}按规定执行。"),
]


@pytest.mark.parametrize("case,text", NOT_A_TABLE, ids=[c for c, _ in NOT_A_TABLE])
def test_arrays_that_are_no_table_are_declined(case, text):
    lines = text.split("\n")
    assert all(find_records_table(lines, i) is None for i in range(len(lines)))


def test_a_closed_array_is_not_marked_cut(tmp_path):
    """The closing bracket was read: the last row is whole even though it does not end with '。'."""
    path = tmp_path / "data.json.txt"
    path.write_text(json.dumps(_records(("a", "b", "c", "d"), [0, 1, 2, 3]), ensure_ascii=False), encoding="utf-8")
    table = extract(path).tables[0]
    assert table.recovery.recogniser == "records" and table.recovery.cut_row is None


def test_each_row_points_at_the_line_of_its_record(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text(_js(_records(("t", "p", "m", "n"), [1, 0, 2, 3])), encoding="utf-8")
    table = extract(path).tables[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    for cell in (c for c in table.cells if c.col == 0 and c.row > 0):
        opening = lines[cell.prov.paragraph_no - 1]
        assert opening.strip() == "{" and cell.text in lines[cell.prov.paragraph_no]
