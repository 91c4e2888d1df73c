"""The platform service the window and the command line share: one upload at a time, failures in the clerk's words."""

from __future__ import annotations

import re
import socket
import threading

import pytest

from clerk_app.services.platform import PlatformService, UploadBusy, explain
from clerk_app.services.settings import SettingsService
from local_db.database import Database
from sync.engine import Progress, UploadSummary
from sync.reference_platform import ReferencePlatform
from tests.sync.conftest import add_records


def test_a_second_upload_while_one_runs_is_refused_in_the_clerks_words(
    window: Database, platform: ReferencePlatform
) -> None:
    add_records(window, 5)
    platform.inject("delay", seconds=1.0)  # the first batch is held on the wire
    service = PlatformService(window, operator="tester")
    sending = threading.Event()
    finished: list[UploadSummary] = []

    def on_progress(progress: Progress) -> None:
        if progress.phase == "sending":
            sending.set()

    first = threading.Thread(target=lambda: finished.append(service.upload(end_of_day=True, progress=on_progress)))
    first.start()
    assert sending.wait(10)
    # Another service object, as the window's timer gets: the guard is the program's, not the object's.
    with pytest.raises(UploadBusy) as busy:
        PlatformService(window, operator="tester").upload(end_of_day=False)
    assert explain(busy.value, "zh") == "正在上传中，请等这一次上传结束。"
    assert explain(busy.value, "en") == "An upload is already running; wait for it to end."
    first.join(30)
    assert finished and finished[0].complete and finished[0].accepted == 5
    assert service.upload(end_of_day=False).complete  # the guard is free again


def test_an_unexpected_failure_is_explained_without_a_traceback() -> None:
    assert explain(RuntimeError("boom"), "zh") == "与平台通信失败，请稍后重试；录入的数据都已保存在本机。"


def test_offline_is_said_in_english_without_chinese(window: Database) -> None:
    with socket.create_server(("127.0.0.1", 0)) as spare:
        closed_port = spare.getsockname()[1]  # nobody listens there once it is closed
    SettingsService(window).set("platform.url", f"http://127.0.0.1:{closed_port}/api/v1", operator="tester")
    stopped = PlatformService(window, lang="en", operator="tester").upload(end_of_day=False).stopped
    assert stopped is not None and stopped.code == "upload_offline"
    assert "(no answer)" in stopped.message_en and not re.search(r"[\u4e00-\u9fff]", stopped.message_en)
    assert "（没有答复）" in stopped.message_zh
