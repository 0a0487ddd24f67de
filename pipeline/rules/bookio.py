"""Rulebook ⇄ YAML and XLSX, so people can edit a rulebook and bring it back; files are told apart by content.

The workbook format lives in bookxlsx.py (its columns in bookfields.py, its cells in bookcells.py)."""
from __future__ import annotations

from contextlib import ExitStack, contextmanager
from pathlib import Path

from pydantic import ValidationError

from schemas.rules import RULEBOOK_SCHEMA_NAME, RuleAtom, Rulebook

from .. import labels
from .bookcells import ITEM_CAP as ITEM_CAP  # the workbench offers it as a cap
from .bookcells import Bad
from .bookfields import ATOM_FIELDS, IMPLIED_DIRECTION

HEADER_NOTE = "# kaoping 规则手册：可手工修改，再用 `kaoping rules import 本文件 -o 新文件` 校验。\n"
ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 4096
MAX_SHOWN = 40  # bad cells listed by name; more are counted


class BookError(Exception):
    """A rulebook file could not be read; the message is Chinese and says where."""


def write_rulebook(book: Rulebook, path: Path) -> None:
    """Given a rulebook and a .yaml/.yml/.xlsx path, write it there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        from .bookxlsx import write_xlsx

        write_xlsx(book, path)
        return
    import yaml

    data = _prune(book.model_dump(mode="json"))
    path.write_text(HEADER_NOTE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")


def read_rulebook(path: Path) -> Rulebook:
    """Given a rulebook workbook or YAML/JSON file (whatever its extension), return it validated;
    BookError with a Chinese reason, naming every bad cell of a workbook, otherwise."""
    if _is_zip(path):
        return _read_xlsx(path)
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BookError(f"{path.name}：不是可读的 YAML（{str(exc).splitlines()[0]}）") from exc
    return _validated(data, path.name)


def is_rulebook(path: Path) -> bool:
    """Given a file, tell by its content whether it is a rulebook (a kaoping rulebook workbook, or YAML/JSON
    naming the Rulebook schema) rather than a scheme document or an indicator table."""
    try:
        if _is_zip(path):
            return _is_rulebook_workbook(path)
        if path.suffix.lower() not in (".yaml", ".yml", ".json"):
            return False
        head = path.read_bytes()[:SNIFF_BYTES].decode("utf-8", "ignore")
    except OSError:
        return False
    return RULEBOOK_SCHEMA_NAME in head


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def _is_rulebook_workbook(path: Path) -> bool:
    from .bookxlsx import RULES

    try:
        with _workbook(path) as wb:
            return RULES in wb.sheetnames and any(
                row and "规则类型" in row for row in wb[RULES].iter_rows(max_row=10, values_only=True))
    except Exception:  # not a workbook openpyxl can open: whoever reads it next reports why
        return False


@contextmanager
def _workbook(path: Path):
    """Open a workbook read-only by its content (openpyxl refuses names not ending in .xlsx)."""
    from openpyxl import load_workbook

    with path.open("rb") as handle:
        wb = load_workbook(handle, read_only=True, data_only=True)
        try:
            yield wb
        finally:
            wb.close()


def _read_xlsx(path: Path) -> Rulebook:
    from .bookxlsx import RULES, CellErrors, read_xlsx

    with ExitStack() as stack:
        try:
            wb = stack.enter_context(_workbook(path))
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise BookError(f"{path.name}：无法打开工作簿（{exc}）。请用 Excel/WPS 打开后另存为 .xlsx 再试") from exc
        if RULES not in wb.sheetnames:
            raise BookError(f"{path.name}：缺少工作表“{RULES}”。请用 kaoping rules 方案文件 -o 规则手册.xlsx 生成的工作簿")
        try:
            return read_xlsx(wb, path.name)
        except CellErrors as exc:
            shown = exc.messages[:MAX_SHOWN]
            more = f"\n  …另有 {len(exc.messages) - len(shown)} 处" if len(exc.messages) > len(shown) else ""
            raise BookError(f"{path.name}：有 {len(exc.messages)} 处填写有误，请修改后重新导入：\n  "
                            + "\n  ".join(shown) + more) from exc
        except ValidationError as exc:
            raise BookError(f"{path.name}：规则手册内容不符合格式（{_problems(exc)}）") from exc


def _validated(data, name: str) -> Rulebook:
    """Given loaded data, return the Rulebook or a BookError listing the first problems in Chinese."""
    try:
        return Rulebook.model_validate(data)
    except ValidationError as exc:
        raise BookError(f"{name}：规则手册内容不符合格式（{_problems(exc)}）") from exc


def _problems(exc: ValidationError) -> str:
    return "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors()[:5])


def _prune(value):
    """Given JSON data, drop None, empty lists and empty mappings (defaults come back on reading)."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


# The same cells for one rule outside a workbook (the workbench's rule form): one way to show and read a rule.
ATOM_COLUMNS = [(f.key, f.column.header) for f in ATOM_FIELDS]
KIND_LABELS, DIRECTION_LABELS, PERIOD_LABELS = labels.KIND, labels.DIRECTION, labels.PERIOD


def atom_cells(atom: RuleAtom) -> dict:
    """Given a RuleAtom, return its cells keyed by field, as the 规则 sheet shows them; its provenance stays
    whole (a form does not edit it, and a location label alone would lose the file and character span)."""
    data = atom.model_dump(mode="json")
    return {f.key: data[f.key] if f.key == "prov" else f.show(data[f.key]) for f in ATOM_FIELDS}


def atom_from_cells(cells: dict, where: str) -> RuleAtom:
    """Given a rule's cells as the 规则 sheet writes them (Chinese labels, 1-4 ranges, <0.9:2 thresholds),
    return the validated RuleAtom; BookError naming every field that does not read."""
    data: dict = {}
    problems = []
    for f in ATOM_FIELDS:
        value = cells.get(f.key)
        if isinstance(value, (dict, list)):
            data[f.key] = value
        elif value not in (None, ""):
            try:
                data[f.key] = f.read(value, "") if f.key == "prov" else f.read(value)
            except Bad as exc:
                problems.append(f"{f.column.header}：{exc}")
    implied = IMPLIED_DIRECTION.get(data.get("kind"))
    if implied:
        data["direction"] = implied
    data.setdefault("text", "")
    if not problems:
        try:
            return RuleAtom.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as exc:
            headers = dict(ATOM_COLUMNS)
            problems = [f"{headers.get(str(e['loc'][0]), '规则') if e['loc'] else '规则'}："
                        f"{'不能为空' if e['type'] == 'missing' else '值不对'}" for e in exc.errors()]
    raise BookError(f"{where}：" + "；".join(problems))
