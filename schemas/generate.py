"""Write the JSON Schema of every top-level model into schemas/json/ (``--check``: fail if stale)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .indicators import IndicatorTable
from .raw import RawDocument
from .rules import Rulebook
from .scores import ScoreReport
from .events import EventSet
from .normalized import Scheme

MODELS = {
    "RawDocument": RawDocument,
    "IndicatorTable": IndicatorTable,
    "Rulebook": Rulebook,
    "EventSet": EventSet,
    "ScoreReport": ScoreReport,
    "Scheme": Scheme,
}

OUT_DIR = Path(__file__).parent / "json"


def render(model) -> str:
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed schema is stale")
    args = parser.parse_args(argv)
    stale = []
    OUT_DIR.mkdir(exist_ok=True)
    for name, model in MODELS.items():
        path = OUT_DIR / f"{name}.schema.json"
        text = render(model)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("JSON Schema 已过期，请运行 make schemas 并提交：" + "、".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
