"""The audit chain held against the heads the platform keeps: a chain cut or rebuilt with the file is found.

Someone with write access to the database file can drop the append-only
triggers, delete the newest audit rows and rewrite the stored head so that the
local chain checks out on its own. Each upload batch, though, carried the
chain's head (sequence number and hash) to the platform, which keeps every
head per device. Every head the platform holds must still be a row of the
local chain with the same hash; the first one that is missing (cut) or
different (rebuilt) is reported with its sequence number. The heads are asked
at the sequence numbers this window sent (kept as each batch is made; contract
1.2's ``seq``), besides the newest: a thousand tiny batches cannot push the real
ones out of sight. Heads of every device ID the window uploaded under are
asked too, so a changed window code does not start a device with no heads.
Offline, or with the platform address emptied after uploads, the comparison is
"not compared" and ``check`` is not ok (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from local_db import audit, upload_store
from local_db.audit import ChainProblem
from local_db.database import Database
from sync.client import PlatformClient, PlatformError
from sync.credentials import KeyringUnavailable
from sync.online import probe


@dataclass
class AnchorCheck:
    """``compared`` is False when the platform could not be asked (``skipped`` says why); ``required`` is True when
    this window has a platform set or has uploaded before, so a comparison not made is not "ok"."""

    compared: bool
    heads: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    skipped_zh: str = ""
    skipped_en: str = ""
    required: bool = True

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "compared": self.compared,
            "required": self.required,
            "platform_heads": self.heads,
            "skipped": (self.skipped_en if lang == "en" else self.skipped_zh) or None,
            "problems": [p.as_dict(lang) for p in self.problems],
        }


def _skipped(zh: str, en: str, *, required: bool = True) -> AnchorCheck:
    return AnchorCheck(
        compared=False,
        skipped_zh=f"未与省平台核对审计链（not compared）：{zh}。",
        skipped_en=f"The audit chain was not compared with the platform: {en}.",
        required=required,
    )


def compare_with_platform(db: Database, client: PlatformClient) -> AnchorCheck:
    """The heads the platform keeps for this window, at this chain's own sequence numbers and its newest, against
    the local chain; and for every other device ID (hall and window code) this window uploaded under."""
    with db.read() as session:
        uploaded = upload_store.uploaded_before(session)
        sent_seqs = upload_store.head_seqs_sent(session)
        devices = upload_store.devices_uploaded(session)
    if not client.configured:
        if uploaded:  # the address or account was emptied after uploads: that must not turn the check "ok"
            return _skipped(
                "本窗口上传过，但平台地址或窗口账号已被清空", "this window has uploaded, but the platform address or account is now empty"
            )
        return _skipped("未设置平台地址或窗口账号", "no platform address or account is set", required=False)
    health = probe(client)
    if health is None or health.status != "ok":
        return _skipped("连不上省平台", "the platform cannot be reached")
    heads: list[dict[str, Any]] = []
    try:
        client.ensure_token()
        heads += client.audit_heads()
        if sent_seqs:
            heads += client.audit_heads_at(sent_seqs)
        own = client.device_id
        for device in sorted(devices - {own}):  # the window code changed after uploads: the old device's heads too
            client.device_id = device
            try:
                heads += client.audit_heads() + (client.audit_heads_at(sent_seqs) if sent_seqs else [])
            finally:
                client.device_id = own
    except (PlatformError, KeyringUnavailable) as error:
        return _skipped(error.problem.message_zh.rstrip("。"), error.problem.message_en.rstrip("."))
    return AnchorCheck(compared=True, heads=len(heads), problems=differences(db, heads))


def differences(db: Database, heads: list[dict[str, Any]]) -> list[ChainProblem]:
    """The first platform head (oldest first) the local chain no longer holds as it was, or []."""
    wanted = sorted(
        (int(h["seq"]), str(h["hash"]), str(h.get("received_at", ""))) for h in heads if int(h.get("seq", 0)) > 0
    )
    if not wanted:
        return []
    with db.read() as session:
        local_seq, _ = audit.head(session)
        stored = audit.hashes_at(session, [seq for seq, _, _ in wanted])
    for seq, digest, received_at in wanted:
        have = stored.get(seq)
        if have is None:
            return [
                ChainProblem(
                    seq,
                    "audit_cut",
                    f"省平台记有本窗口审计链的第 {seq} 条（{received_at} 随上传送达），本机审计链却只到第 {local_seq} 条："
                    "审计记录被截断或重建过。请停止使用，报告负责人和省平台。",
                    f"The platform holds this window's audit row {seq} (sent {received_at}), but the local chain ends at "
                    f"row {local_seq}: audit rows were cut off or the chain was rebuilt. Report it.",
                )
            ]
        if have != digest:
            return [
                ChainProblem(
                    seq,
                    "audit_rebuilt",
                    f"本机审计链第 {seq} 条与省平台记下的不一致（{received_at} 随上传送达）：审计链被改写或重建过。"
                    "请停止使用，报告负责人和省平台。",
                    f"Local audit row {seq} differs from the one the platform holds (sent {received_at}): "
                    "the chain was rewritten or rebuilt. Report it.",
                )
            ]
    return []
