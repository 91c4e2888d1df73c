"""A refused command touches nothing, the keyring included (issue 23 item 12)."""

from __future__ import annotations

import socket

from sync.credentials import SERVICE
from sync.reference_platform import ReferencePlatform
from tests.conftest import Cli
from tests.sync.conftest import ACCOUNT, SECRET, MemoryKeyring


def test_a_clerks_login_is_refused_before_the_keyring_is_touched(
    cli_with_institutions: Cli, platform: ReferencePlatform, memory_keyring: MemoryKeyring
) -> None:
    cli = cli_with_institutions
    assert cli("config", "set", "platform.url", platform.url).code == 0
    assert cli("login", "--account", ACCOUNT, stdin=SECRET + "\n").code == 0
    kept = dict(memory_keyring.store)
    with socket.socket() as closed:  # offline, a secret used to be kept unchecked: the clerk's would replace the hall's
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}/api/v1"
    assert cli("config", "set", "platform.url", dead).code == 0
    refused = cli("login", "--account", ACCOUNT, operator="clerk01", stdin="clerks-own-guess\n")
    assert refused.code == 2 and refused.json["errors"][0]["code"] == "supervisor_only", refused.out
    assert memory_keyring.store == kept == {(SERVICE, ACCOUNT): SECRET}  # the unattended upload still signs in
    assert cli("config", "show", "--json").json["platform.account"] == ACCOUNT
