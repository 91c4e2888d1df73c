"""``clerk-app platform serve`` as a hall's technician or a trainer starts it: a real process, stopped by SIGTERM."""

from __future__ import annotations

import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]


def _serve(tmp_path: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "clerk_app", "--data-dir", str(tmp_path / "data"), "platform", "serve", *options],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_serve_answers_until_sigterm(tmp_path: Path) -> None:
    server = _serve(tmp_path, "--port", "0", "--db", str(tmp_path / "platform.db"),
                    "--account", "window-01:s3cret:220103", "--account", "window-02:other")
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 60)
        assert ready, "platform serve printed nothing within 60 s"
        line = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:[0-9]+/api/v1", line)
        assert found, line
        url = found.group(0)
        assert requests.get(f"{url}/health", timeout=10).json()["status"] == "ok"
        token = requests.post(f"{url}/auth/token", json={"account": "window-01", "secret": "s3cret", "device_id": "w"}, timeout=10)
        assert token.json()["hall_code"] == "220103"
        other = requests.post(f"{url}/auth/token", json={"account": "window-02", "secret": "other", "device_id": "w"}, timeout=10)
        assert other.json()["hall_code"] == "220100"
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0
    finally:
        server.kill()
        server.wait()
    assert (tmp_path / "platform.db").exists()
    assert b"s3cret" not in (tmp_path / "platform.db").read_bytes()


def test_a_bad_account_is_refused_with_exit_code_2(tmp_path: Path) -> None:
    server = _serve(tmp_path, "--db", str(tmp_path / "platform.db"), "--account", "no-secret-here")
    _, err = server.communicate(timeout=30)
    assert server.returncode == 2
    assert "账号:密码" in err
