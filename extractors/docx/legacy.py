"""Legacy Word (.doc) and WPS (.wps) files: converted to DOCX by LibreOffice headless, then read as DOCX."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from schemas.common import SourceInfo
from schemas.raw import RawDocument

from ..errors import CorruptFile, MissingTool, TimedOut

CONVERT_TIMEOUT = 180  # seconds: a 100-page .doc converts in well under a minute on one core
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names (UTF-16LE in the OLE directory) of a Word/WPS text document and of a Works .wps.
_WORD_STREAMS = ("WordDocument".encode("utf-16-le"), "CONTENTS".encode("utf-16-le"))
# The private profile LibreOffice starts with: no macros, no link updates, no fetching of linked
# images, and every web request sent to a closed local port in case the network namespace is missing.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
""" + "".join(
    f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
    for path, name, value in [
        ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", 3),
        ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
        ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
        ("/org.openoffice.Office.Writer/Content/Update", "Link", 0),
        ("/org.openoffice.Office.Writer/Content/Update", "Field", "false"),
        ("/org.openoffice.Inet/Settings", "ooInetProxyType", 1),
        ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
        ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", 9),
        ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
        ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", 9),
        ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
        ("/org.openoffice.Office.Common/Misc", "UseOpenCL", "false"),
    ]) + "</oor:items>\n"
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
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--nodefault", "--nologo", "--convert-to", target, "--outdir", str(outdir / "out"), str(source)]
    _run(sandboxed(cmd), path.name)
    result = outdir / "out" / f"input.{target}"
    if not result.is_file() or result.stat().st_size == 0:
        raise CorruptFile(path.name, f"LibreOffice 无法打开此{path.suffix}文件（可能已损坏或加密）",
                          "请在 WPS/Word 中打开确认，另存为 DOCX 后导入")
    return result


def sandboxed(cmd: list[str]) -> list[str]:
    """Given a command, return it wrapped to run with no network where Linux allows: in new user,
    network and PID namespaces (only a loopback that is down; every process of the conversion dies
    with the first one), else unchanged (the profile still blocks links and web requests)."""
    if network_namespace():
        return ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", *cmd]
    return cmd


@lru_cache(maxsize=1)
def network_namespace() -> bool:
    """Tell whether unprivileged namespaces work here (containers and hardened kernels may forbid them)."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "true"]
    try:
        return subprocess.run(probe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def check_word_file(path: Path) -> None:
    """Given a .doc/.wps path, raise CorruptFile unless it is an OLE Word/WPS document or RTF:
    LibreOffice would otherwise import any bytes (noise, plain text) as a document."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"{\\rtf"):
        return
    if head == OLE_MAGIC:
        tail = b""
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                if any(name in tail + chunk for name in _WORD_STREAMS):
                    return
                tail = chunk[-32:]
    kind = "Office 复合文件，但其中没有 Word 正文" if head == OLE_MAGIC else "内容不是 Word/WPS 格式"
    raise CorruptFile(path.name, f"不是 Word 文件（扩展名是 {path.suffix}，{kind}）",
                      "请确认文件未损坏；如是其他格式，请改成正确的扩展名后再处理")


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
        raise TimedOut(name, f"LibreOffice 转换超过 {CONVERT_TIMEOUT} 秒仍未完成",
                          "请在 WPS/Word 中打开，另存为 DOCX 后导入") from exc


def extract_doc(path: Path, source: SourceInfo) -> RawDocument:
    """Given a .doc or .wps file, return the RawDocument of its DOCX conversion (provenance names the original)."""
    from .document import extract_docx

    path = Path(path)
    check_word_file(path)
    with tempfile.TemporaryDirectory(prefix="kaoping-lo-") as tmp:
        doc = extract_docx(convert(path, Path(tmp), "docx"), source)
    doc.warnings.append(f"{path.suffix}为旧版格式，已用 LibreOffice 转换为 DOCX 后提取；版式细节可能与原件略有出入")
    return doc
