"""Han characters: the one character class every reader uses, and zhconv (traditional → simplified Chinese)
imported without pkg_resources.

zhconv asks pkg_resources only where its own dictionary file lies, and falls back to the file beside
it when pkg_resources cannot be imported; importing pkg_resources costs 20 MiB and a tenth of a second,
in every worker that reads a document.
"""
from __future__ import annotations

import sys
from types import ModuleType

# The Han characters a text is written in, as the body of a regex character class ("[" + HANZI + "]"):
# the unified ideographs, extension A (rare characters in names) and the compatibility ideographs that
# some converters and fonts emit for ordinary characters. One definition, so every recogniser agrees.
HANZI = "\u3400-\u9fff\uf900-\ufaff"


def zhconv() -> ModuleType:
    """Return the ``zhconv.zhconv`` module (``convert``, ``getdict``), importing it lean on first use."""
    module = sys.modules.get("zhconv.zhconv")
    if module is not None:
        return module
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import` of a None entry raises ImportError
    try:
        from zhconv import zhconv as module
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return module
