"""``dev.py check-windows`` against a package index on loopback: a wheel Windows installs is found, a pin with
Linux wheels only or only a source archive is named and fails the check, a pin not for Windows is skipped."""

from __future__ import annotations

import io
import json
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
    # HTML simple page only (PEP 503)
    "waitress": ["waitress-3.0.2-py3-none-any.whl"],
}
HTML_ONLY = {"waitress"}


class _Index(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        name = self.path.strip("/").split("/")[-1]
        if not self.path.startswith("/simple/") or name not in FILES:
            self.send_error(404)
            return
        if name in HTML_ONLY:
            body = "".join(f'<a href="../../files/{f}">{f}</a><br>' for f in FILES[name]).encode()
            kind = "text/html"
        else:
            body = json.dumps({"meta": {"api-version": "1.1"}, "name": name,
                               "files": [{"filename": f, "url": f"/files/{f}", "hashes": {}} for f in FILES[name]]}).encode()
            kind = windows_wheels.JSON_SIMPLE
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


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
        "Windows wheels: 3 of 3 found (2 binary, 1 pure Python), 0 missing; 1 pins not for Windows.",
    ]


def test_a_pin_without_a_windows_wheel_fails_the_check_by_name(tmp_path: Path, index: str) -> None:
    code, lines = _check(tmp_path, index, "sqlcipher3==0.6.5\nodfpy==1.4.1\nsqlcipher3-binary==0.5.4\nwaitress==3.0.2\n")

    assert code == 1
    assert lines[1:] == [
        "  [MISSING] sqlcipher3==0.6.5: no file of this version on the index",
        "  [MISSING] odfpy==1.4.1: no wheel: only the source odfpy-1.4.1.tar.gz, which pip would have to build on the PC",
        "  [MISSING] sqlcipher3-binary==0.5.4: wheels only for manylinux_2_17_x86_64, win32",
        "  [ok     ] waitress==3.0.2: waitress-3.0.2-py3-none-any.whl (pure Python)",
        "Windows wheels: 1 of 4 found (0 binary, 1 pure Python), 3 missing; 0 pins not for Windows.",
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
