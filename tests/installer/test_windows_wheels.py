"""``dev.py check-windows`` against a package index on loopback: a wheel Windows installs is found, a pin with
Linux wheels only is named and fails the check, a pin not for Windows is skipped; a source-only pin passes only when
its archive, fetched from the index, holds no extension code."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from installer import windows_wheels

FILES = {
    # JSON simple API (PEP 691)
    "sqlcipher3": ["sqlcipher3-0.6.4-cp311-cp311-manylinux_2_28_x86_64.whl", "sqlcipher3-0.6.4-cp311-cp311-win_amd64.whl",
                   "sqlcipher3-0.6.3-cp311-cp311-win_amd64.whl"],
    "cryptography": ["cryptography-50.0.2-cp311-abi3-win_amd64.whl"],
    "sqlcipher3-binary": ["sqlcipher3_binary-0.5.4-cp311-cp311-manylinux_2_17_x86_64.whl",
                          "sqlcipher3_binary-0.5.4-cp311-cp311-win32.whl"],
    "odfpy": ["odfpy-1.4.1.tar.gz"],
    "fastcsv": ["fastcsv-2.0.tar.gz"],
    "toolong": ["toolong-1.0.tar.gz"],
    # HTML simple page only (PEP 503)
    "waitress": ["waitress-3.0.2-py3-none-any.whl"],
}
HTML_ONLY = {"waitress"}


def _sdist(top: str, members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


SETUP = "from setuptools import setup\nsetup(name='{0}', packages=['{0}'])\n"
ARCHIVES = {
    "odfpy-1.4.1.tar.gz": _sdist("odfpy-1.4.1", {"setup.py": SETUP.format("odf"), "setup.cfg": "[bdist_wheel]\n",
                                                 "odf/__init__.py": "", "odf/opendocument.py": "x = 1\n"}),
    "fastcsv-2.0.tar.gz": _sdist("fastcsv-2.0", {"setup.py": SETUP.format("fastcsv"), "fastcsv/__init__.py": "",
                                                 "fastcsv/_speedups.c": "int f(void) { return 1; }\n"}),
    "toolong-1.0.tar.gz": b"x" * (windows_wheels.SOURCE_CAP_BYTES + 1),
}


class _Index(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        name = self.path.strip("/").split("/")[-1]
        if self.path.startswith("/files/") and name in ARCHIVES:
            self._send(ARCHIVES[name], "application/octet-stream")
            return
        if not self.path.startswith("/simple/") or name not in FILES:
            self.send_error(404)
            return
        if name in HTML_ONLY:
            body = "".join(f'<a href="../../files/{f}">{f}</a><br>' for f in FILES[name]).encode()
            kind = "text/html"
        else:
            body = json.dumps({"meta": {"api-version": "1.1"}, "name": name,
                               "files": [{"filename": f, "url": f"/files/{f}", "hashes": _hashes(f)}
                                         for f in FILES[name]]}).encode()
            kind = windows_wheels.JSON_SIMPLE
        self._send(body, kind)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def _hashes(filename: str) -> dict[str, str]:
    return {"sha256": hashlib.sha256(ARCHIVES[filename]).hexdigest()} if filename in ARCHIVES else {}


@pytest.fixture
def index() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/simple/"
    server.shutdown()
    server.server_close()


def _check(tmp_path: Path, index: str, pins: str) -> tuple[int, list[str]]:
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("# made by uv\n" + pins, encoding="utf-8")
    out = io.StringIO()
    code = windows_wheels.check(constraints, index, out=out)
    return code, out.getvalue().splitlines()


def test_every_pin_has_a_wheel_windows_installs(tmp_path: Path, index: str) -> None:
    code, lines = _check(
        tmp_path, index,
        "sqlcipher3==0.6.4\n    # via clerk-app\ncryptography==50.0.2\nwaitress==3.0.2\n"
        "mfusepy==3.1.1 ; sys_platform == 'linux'\n",
    )

    assert code == 0, lines
    assert lines[1:] == [
        "  [ok     ] sqlcipher3==0.6.4: sqlcipher3-0.6.4-cp311-cp311-win_amd64.whl (cp311 win_amd64)",
        "  [ok     ] cryptography==50.0.2: cryptography-50.0.2-cp311-abi3-win_amd64.whl (abi3 win_amd64)",
        "  [ok     ] waitress==3.0.2: waitress-3.0.2-py3-none-any.whl (pure Python)",
        "  [skipped] mfusepy==3.1.1: not installed on Windows (sys_platform == \"linux\")",
        "Windows wheels: 3 of 3 found (2 binary, 1 pure Python, 0 pure Python from source), 0 missing; "
        "1 pins not for Windows.",
    ]


def test_a_pin_without_a_windows_wheel_fails_the_check_by_name(tmp_path: Path, index: str) -> None:
    code, lines = _check(tmp_path, index, "sqlcipher3==0.6.5\nsqlcipher3-binary==0.5.4\nwaitress==3.0.2\n")

    assert code == 1
    assert lines[1:] == [
        "  [MISSING] sqlcipher3==0.6.5: no file of this version on the index",
        "  [MISSING] sqlcipher3-binary==0.5.4: wheels only for manylinux_2_17_x86_64, win32",
        "  [ok     ] waitress==3.0.2: waitress-3.0.2-py3-none-any.whl (pure Python)",
        "Windows wheels: 1 of 3 found (0 binary, 1 pure Python, 0 pure Python from source), 2 missing; "
        "0 pins not for Windows.",
    ]


def test_a_source_only_pin_passes_only_when_its_archive_holds_no_extension_code(tmp_path: Path, index: str) -> None:
    code, lines = _check(tmp_path, index, "odfpy==1.4.1\nfastcsv==2.0\ntoolong==1.0\n")

    assert code == 1
    assert lines[1:] == [
        "  [ok     ] odfpy==1.4.1: odfpy-1.4.1.tar.gz (pure Python (source only, no extension code))",
        "  [MISSING] fastcsv==2.0: no wheel: only the source fastcsv-2.0.tar.gz, which pip would have to build on the "
        "PC; not proven pure Python: fastcsv-2.0.tar.gz holds fastcsv/_speedups.c",
        "  [MISSING] toolong==1.0: no wheel: only the source toolong-1.0.tar.gz, which pip would have to build on the "
        "PC; not proven pure Python: toolong-1.0.tar.gz could not be fetched to look inside (larger than 16 MB)",
        "Windows wheels: 1 of 3 found (0 binary, 0 pure Python, 1 pure Python from source), 2 missing; "
        "0 pins not for Windows.",
    ]


def test_a_project_the_index_does_not_know_is_missing(tmp_path: Path, index: str) -> None:
    code, lines = _check(tmp_path, index, "nosuchproject==1.0\n")

    assert code == 1
    assert lines[1] == "  [MISSING] nosuchproject==1.0: no file of this version on the index"


def test_an_unreachable_index_is_not_taken_for_a_missing_wheel(tmp_path: Path, index: str) -> None:
    closed = index.rsplit(":", 1)[0] + ":1/simple/"  # nothing listens on port 1

    code, lines = _check(tmp_path, closed, "waitress==3.0.2\n")

    assert code == 2
    assert lines[1].startswith("  [MISSING] waitress==3.0.2: index not reachable (ConnectionError")
