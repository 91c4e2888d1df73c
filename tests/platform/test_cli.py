"""``clerk-app platform serve`` as a hall's technician or a trainer starts it: a real process, stopped by SIGTERM."""

from __future__ import annotations

import json
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


def _first_line(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    ready, _, _ = select.select([server.stdout], [], [], 60)
    assert ready, "platform serve printed nothing within 60 s"
    return server.stdout.readline()


def test_secrets_from_a_file_stay_out_of_the_process_list_and_the_old_option_is_warned_about(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.txt"
    accounts.write_text("# 窗口账号\nwindow-01:file-secret:220103\n\n", encoding="utf-8")
    server = _serve(tmp_path, "--port", "0", "--db", str(tmp_path / "platform.db"), "--accounts-file", str(accounts),
                    "--account", "window-02:visible-secret")
    try:
        url = re.search(r"http://127\.0\.0\.1:[0-9]+/api/v1", _first_line(server))
        assert url
        token = requests.post(f"{url.group(0)}/auth/token",
                              json={"account": "window-01", "secret": "file-secret", "device_id": "w"}, timeout=10)
        assert token.status_code == 200 and token.json()["hall_code"] == "220103"
        command_line = Path(f"/proc/{server.pid}/cmdline").read_bytes()
        assert b"file-secret" not in command_line
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=10)
    assert "进程列表" in err and "--accounts-file" in err


def test_listening_beyond_loopback_is_warned_about(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "clerk_app", "--data-dir", str(tmp_path / "data"), "platform", "serve", "--port", "0",
         "--host", "0.0.0.0", "--db", str(tmp_path / "platform.db"), "--accounts-file", "-"],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdin is not None
        server.stdin.write("window-01:from-stdin\n")
        server.stdin.close()
        assert "0.0.0.0" in _first_line(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    assert server.stderr is not None
    err = server.stderr.read()
    assert "0.0.0.0" in err and "本机以外" in err and "进程列表" not in err


def test_a_bad_seed_or_day_is_refused_with_exit_code_2(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"qualifications": [{"certificate_no": "X", "category": "freight"}]}), encoding="utf-8")
    server = _serve(tmp_path, "--db", str(tmp_path / "platform.db"), "--seed", str(seed), "--account", "w:s")
    _, err = server.communicate(timeout=30)
    assert server.returncode == 2 and "qualifications 第 1 项" in err
    server = _serve(tmp_path, "--db", str(tmp_path / "platform.db"), "--today", "2025-13-01", "--account", "w:s")
    _, err = server.communicate(timeout=30)
    assert server.returncode == 2 and "YYYY-MM-DD" in err
