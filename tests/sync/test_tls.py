"""TLS as a hall meets it: its own CA file wins over the environment, a certificate that fails is named as such
(and login keeps no secret it could not check), proxies come from the environment except for this computer,
and an address with a line break is refused when it is set.

The platform is the real reference platform behind a real TLS front on loopback, with authorities made here.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clerk_app.services.platform import PlatformService
from clerk_app.services.settings import SettingRefused, SettingsService
from local_db.database import Database
from sync.client import AddressRefused, PlatformClient
from sync.credentials import SERVICE
from sync.reference_platform import ReferencePlatform
from tests.conftest import Cli
from tests.sync.conftest import ACCOUNT, HALL, SECRET, MemoryKeyring, add_records

pytest.importorskip("cryptography")

from tests.sync.tls_front import TlsFront, authority, server_certificate  # after the skip: it needs cryptography

CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@dataclass(frozen=True)
class Tls:
    front: TlsFront
    url: str  # the platform's API behind the front
    hall_ca: Path  # issued the front's certificate
    other_ca: Path  # issued nothing the front shows


@pytest.fixture
def tls(tmp_path: Path, platform: ReferencePlatform) -> Iterator[Tls]:
    folder = tmp_path / "tls"
    folder.mkdir()
    hall, other = authority(folder, "hall-ca"), authority(folder, "other-ca")
    certificate, key = server_certificate(folder, hall)
    plain = urlsplit(platform.url)
    front = TlsFront(certificate, key, (str(plain.hostname), int(plain.port or 80)))
    yield Tls(front, front.url(plain.path), hall.pem, other.pem)
    front.close()


def _point(db: Database, url: str, ca_bundle: Path | None) -> None:
    settings = SettingsService(db)
    settings.set("platform.url", url, operator="tester")
    settings.set("platform.ca_bundle", str(ca_bundle or ""), operator="tester")


def test_the_halls_ca_file_is_used_whatever_the_environment_names(
    window: Database, platform: ReferencePlatform, tls: Tls, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_records(window, 3)
    _point(window, tls.url, tls.hall_ca)
    for name in CA_VARIABLES:
        monkeypatch.setenv(name, str(tls.other_ca))  # would make every certificate of the hall's CA fail
    service = PlatformService(window, operator="tester")
    assert service.status().online is True
    summary = service.upload(end_of_day=True)
    assert summary.complete and summary.accepted == 3, summary
    assert sorted(record_id for record_id, _ in platform.accepted_rows()) == sorted(ids)


def test_the_environment_cannot_make_an_untrusted_certificate_trusted(
    window: Database, platform: ReferencePlatform, tls: Tls, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_records(window, 2)
    _point(window, tls.url, tls.other_ca)
    for name in CA_VARIABLES:
        monkeypatch.setenv(name, str(tls.hall_ca))  # would let the front's certificate through
    service = PlatformService(window, operator="tester")
    status = service.status()
    assert status.online is False
    assert any("省平台的证书无法验证（证书不是本机信任的机构签发的）" in w for w in status.warnings), status.warnings
    assert any("certificate cannot be verified" in w for w in PlatformService(window, lang="en").status().warnings)
    summary = service.upload(end_of_day=True)
    assert summary.stopped is not None and summary.stopped.code == "tls_verify_failed", summary
    assert summary.environment_stop and summary.sent == 0
    assert "没有发送任何内容" in summary.stopped.message_zh and "连不上" not in summary.stopped.message_zh
    assert platform.accepted_rows() == []
    assert tls.front.handshakes_refused >= 1


def test_without_a_ca_file_a_self_made_certificate_is_named_not_offline(window: Database, tls: Tls) -> None:
    _point(window, tls.url, None)
    status = PlatformService(window).status()
    assert status.online is False and any("证书无法验证" in w for w in status.warnings), status.warnings


def test_a_ca_file_that_went_missing_or_bad_is_named(window: Database, tls: Tls) -> None:
    _point(window, tls.url, tls.hall_ca)
    service = PlatformService(window, operator="tester")
    tls.hall_ca.write_text("这不是证书\n", encoding="utf-8")
    stopped = service.upload(end_of_day=False).stopped
    assert stopped is not None and stopped.code == "tls_ca_unusable" and str(tls.hall_ca) in stopped.message_zh
    tls.hall_ca.unlink()
    stopped = service.upload(end_of_day=False).stopped
    assert stopped is not None and stopped.code == "tls_ca_unusable"


def test_login_keeps_no_secret_when_the_certificate_fails(
    cli_with_institutions: Cli, platform: ReferencePlatform, tls: Tls, memory_keyring: MemoryKeyring
) -> None:
    cli = cli_with_institutions
    assert cli("config", "set", "platform.url", tls.url, operator="boss").code == 0
    assert cli("config", "set", "hall.code", HALL, operator="boss").code == 0
    refused = cli("login", "--account", ACCOUNT, stdin=SECRET + "\n", operator="boss")
    assert refused.code == 3, refused.out
    error = refused.json["errors"][0]
    assert error["code"] == "tls_verify_failed" and error["message"].startswith("省平台的证书无法验证")
    assert memory_keyring.store == {}
    assert cli("config", "set", "platform.account", ACCOUNT, operator="boss").code == 0
    status = cli("status", "--json")
    assert status.code == 0 and status.json["online"] is False
    assert any("证书无法验证" in w for w in status.json["warnings"])
    upload = cli("upload", "--json")
    assert upload.code == 3 and upload.json["stopped"]["code"] == "tls_verify_failed"

    assert cli("config", "set", "platform.ca_bundle", str(tls.hall_ca), operator="boss").code == 0
    done = cli("login", "--account", ACCOUNT, stdin=SECRET + "\n", operator="boss")
    assert done.code == 0 and done.json == {"account": ACCOUNT, "checked": True, "stored_in": "keyring"}
    assert memory_keyring.store == {(SERVICE, ACCOUNT): SECRET}


@pytest.mark.parametrize(
    "typed",
    [
        "https://platform.example.gov.cn/api\r\n/v1",
        "https://platform.exa\nmple.gov.cn/api/v1",
        "https://platform.example.gov.cn/api/v1\tX",
        "https://platform.example.gov.cn/api/\x00v1",
        "https://platform example.gov.cn/api/v1",
        "https://platform.example.gov.cn/\u2028api/v1",
        "https://platform.example\u200b.gov.cn/api/v1",
    ],
)
def test_an_address_with_a_line_break_or_control_character_is_refused(db: Database, typed: str) -> None:
    settings = SettingsService(db)
    with pytest.raises(SettingRefused) as refused:
        settings.set("platform.url", typed, operator="tester")
    assert "换行、空格或看不见的控制字符" in refused.value.problem.message_zh
    assert "line break" in refused.value.problem.message_en
    assert settings.get("platform.url") == ""
    # A value that reached the database some other way is refused before any request, not "offline forever".
    client = PlatformClient(typed, ACCOUNT, "220100-01")
    with pytest.raises(AddressRefused) as stopped:
        client.health()
    assert stopped.value.problem.code == "upload_address_refused"


def test_the_command_line_refuses_an_address_with_a_line_break(cli: Cli) -> None:
    result = cli("config", "set", "platform.url", "https://platform.example.gov.cn/api\r\n/v1", operator="boss")
    assert result.code == 2 and "换行" in result.json["errors"][0]["message"]


def test_proxies_come_from_the_environment_but_never_for_this_computer(
    window: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bytes] = []
    proxy = socket.create_server(("127.0.0.1", 0))

    def answer_once() -> None:
        connection, _ = proxy.accept()
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                request += chunk
            seen.append(request)
            connection.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=answer_once, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{proxy.getsockname()[1]}"
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.setenv(name, address)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    try:
        # The training platform on loopback is reached directly, proxy or not.
        assert PlatformService(window).status().online is True
        # The provincial platform goes through the hall's proxy.
        SettingsService(window).set("platform.url", "https://platform.example.gov.cn/api/v1", operator="tester")
        assert PlatformService(window).status().online is False
        thread.join(timeout=10)
        assert seen and seen[0].startswith(b"CONNECT platform.example.gov.cn:443 "), seen
    finally:
        proxy.close()


@pytest.mark.parametrize("stored", ["https://[::1/api/v1", "https://platform.example.gov.cn:abc/api/v1"])
def test_a_stored_address_that_does_not_parse_is_refused_not_a_crash(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    client = PlatformClient(stored, ACCOUNT, "220100-01")
    with pytest.raises(AddressRefused):
        client.health()
