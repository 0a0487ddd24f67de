"""Legacy Word (.doc) and WPS (.wps) files: converted to DOCX by LibreOffice headless, then read as DOCX."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from schemas.common import SourceInfo
from schemas.raw import RawDocument

from ..errors import CorruptFile, MissingTool

CONVERT_TIMEOUT = 180  # seconds: a 100-page .doc converts in well under a minute on one core
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
# Where Windows and macOS installers put soffice; Linux has it on PATH.
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    """Return the LibreOffice executable to use, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PLACES if Path(p).is_file()), None)


def convert(path: Path, outdir: Path, target: str) -> Path:
    """Given an office file, convert it to ``target`` (e.g. "docx") in ``outdir`` and return the new file.

    Each call gets a private LibreOffice profile, so parallel workers do not lock one another out.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingTool(
            path.name, f"读取{path.suffix}文件需要 LibreOffice，但本机未安装",
            f"请安装后重试（Debian/Ubuntu：apt-get install -y --no-install-recommends {DEBIAN_PACKAGE}；"
            "Windows：安装 LibreOffice），或在 WPS/Word 中另存为 DOCX 后导入")
    # soffice names its output after the input; a plain copy avoids odd characters in the user's name.
    source = outdir / f"input{path.suffix.lower()}"
    shutil.copyfile(path, source)
    profile = outdir / "profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", target, "--outdir", str(outdir / "out"), str(source)]
    _run(cmd, path.name)
    result = outdir / "out" / f"input.{target}"
    if not result.is_file() or result.stat().st_size == 0:
        raise CorruptFile(path.name, f"LibreOffice 无法打开此{path.suffix}文件（可能已损坏或加密）",
                          "请在 WPS/Word 中打开确认，另存为 DOCX 后导入")
    return result


def _run(cmd: list[str], name: str) -> None:
    """Run soffice in its own process group, so a hung conversion is ended with all its children."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=os.name == "posix")
    try:
        proc.wait(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()
        raise CorruptFile(name, f"LibreOffice 转换超过 {CONVERT_TIMEOUT} 秒仍未完成",
                          "请在 WPS/Word 中打开，另存为 DOCX 后导入") from exc


def extract_doc(path: Path, source: SourceInfo) -> RawDocument:
    """Given a .doc or .wps file, return the RawDocument of its DOCX conversion (provenance names the original)."""
    from .document import extract_docx

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="kaoping-lo-") as tmp:
        doc = extract_docx(convert(path, Path(tmp), "docx"), source)
    doc.warnings.append(f"{path.suffix}为旧版格式，已用 LibreOffice 转换为 DOCX 后提取；版式细节可能与原件略有出入")
    return doc
