"""Storage benchmark: durable saves and lookups on a database of 1,000,000 records.

    python3 dev.py bench storage [--records N] [--keep DIR]

Builds the database itself (real schema through the real migrations, rows
bulk-inserted with a valid audit chain), encrypted as the program keeps it
(SQLCipher, the folder's key), and a plaintext copy of it beside; then
measures, through the same services the window uses, on both:
  - one durable save (RecordService.add: validation, duplicate check,
    version + outbox + audit in one transaction, fsync'd);
  - lookups by ID number, certificate number, receipt number and name prefix
    (RecordService.search);
and the same operations done with raw sqlite3 on the plaintext file as the
floor. Targets (issues 2 and 20): the encrypted save <= 3.5x the raw plaintext
sqlite3 floor; exact lookups <= 1 ms median; name prefix <= 10 ms p99.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_app import clock  # noqa: E402
from clerk_app.services.institutions import InstitutionService  # noqa: E402
from clerk_app.services.records import RecordService  # noqa: E402
from local_db.audit import GENESIS, entry_hash  # noqa: E402
from local_db.canonical import canonical_json, sha256_text  # noqa: E402
from local_db.database import Database  # noqa: E402
from local_db.sqlite_files import connect  # noqa: E402
from tests import factories  # noqa: E402
from tests.conftest import set_up_window  # noqa: E402

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘"
    "杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉梅凤建国志红春林海波宁燕斌飞鹏辉"


class PlaintextDatabase(Database):
    """The same database without encryption: only for this benchmark's plaintext columns."""

    @property
    def key(self) -> None:  # type: ignore[override]
        return None

    def _convert_if_needed(self, *, operator: str) -> None:
        return None


def build(db: Database, count: int, rng: random.Random) -> list[dict[str, str]]:
    """Bulk-insert ``count`` training-completion records; returns a sample of their keys."""
    connection = connect(db.path, key=db.key)
    connection.execute("PRAGMA synchronous = OFF")
    day = clock.today()
    prefix = f"000000-01-{day:%Y%m%d}"
    prev_hash = GENESIS
    seq = connection.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
    sample: list[dict[str, str]] = []
    batch_records, batch_versions, batch_outbox, batch_audit = [], [], [], []
    at = clock.now_text()
    for n in range(count):
        birth = f"{1960 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}"
        id_number = factories.id_number(birth=birth, seq=n // 14_000 % 1000, region="22" + f"{n % 10000:04d}")
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if n % 3 else "")
        cert = f"JL-B2-{n:09d}"
        record_id = str(uuid.UUID(int=rng.getrandbits(128)))
        receipt = f"{prefix}-{n + 1:07d}"
        payload = canonical_json(factories.training_completion(id_number=id_number, name=name, certificate_no=cert))
        seq += 1
        detail = canonical_json(
            {"kind": "training_completion", "op": "upsert", "payload_sha256": sha256_text(payload), "receipt_no": receipt}
        )
        digest = entry_hash(seq, at, "bench", "save", record_id, 1, detail, prev_hash)
        batch_records.append((record_id, receipt, at, id_number, name, cert))
        batch_versions.append((record_id, payload, at))
        batch_outbox.append((record_id, at))
        batch_audit.append((seq, at, record_id, detail, prev_hash, digest))
        prev_hash = digest
        if n % 50_000 == 0:
            sample.append({"id_number": id_number, "certificate_no": cert, "receipt_no": receipt, "name": name})
        if len(batch_records) == 50_000 or n == count - 1:
            connection.executemany(
                "INSERT INTO records (record_id, kind, receipt_no, created_at, created_by, current_version, voided,"
                " upload_state, id_number, name, cert_key, institution_code)"
                " VALUES (?, 'training_completion', ?, ?, 'bench', 1, 0, 'pending', ?, ?, ?, 'JLDT0001')",
                batch_records,
            )
            connection.executemany(
                "INSERT INTO record_versions (record_id, version, op, payload, entered_at, entered_by, device_id)"
                " VALUES (?, 1, 'upsert', ?, ?, 'bench', '000000-01')",
                batch_versions,
            )
            connection.executemany(
                "INSERT INTO outbox (record_id, version, queued_at, state) VALUES (?, 1, ?, 'pending')", batch_outbox
            )
            connection.executemany(
                "INSERT INTO audit_log (seq, at, operator, action, record_id, version, detail, prev_hash, hash)"
                " VALUES (?, ?, 'bench', 'save', ?, 1, ?, ?, ?)",
                batch_audit,
            )
            connection.commit()
            batch_records, batch_versions, batch_outbox, batch_audit = [], [], [], []
            print(f"  built {n + 1:,} records", end="\r", flush=True)
    connection.execute("INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (seq, prev_hash))
    connection.execute("INSERT OR REPLACE INTO receipt_counters (prefix, last_seq) VALUES (?, ?)", (prefix, count))
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()
    print()
    return sample


def timings(operation: Callable[[int], object], runs: int) -> list[float]:
    result = []
    for i in range(runs):
        start = time.perf_counter()
        operation(i)
        result.append((time.perf_counter() - start) * 1000)
    return result


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def raw_save(path: Path, key: bytes | None = None) -> Callable[[int], object]:
    """The floor: the same rows a save writes, in one durable transaction, with plain sqlite3 (with SQLCipher and
    the folder's key when ``key`` is given)."""
    connection = sqlite3.connect(path, isolation_level=None) if key is None else connect(path, key=key)
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    payload = canonical_json(factories.transition_case())

    def save(i: int) -> None:
        record_id = str(uuid.uuid4())
        at = clock.now_text()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE receipt_counters SET last_seq = last_seq + 1 WHERE prefix = 'raw'")
        connection.execute(
            "INSERT INTO records (record_id, kind, receipt_no, created_at, created_by, current_version, voided,"
            " upload_state, id_number, name, cert_key) VALUES (?, 'transition_case', ?, ?, 'raw', 1, 0, 'pending', ?, ?, NULL)",
            (record_id, f"raw-{record_id}", at, "220102198503121234", "张三"),
        )
        connection.execute(
            "INSERT INTO record_versions (record_id, version, op, payload, entered_at, entered_by, device_id)"
            " VALUES (?, 1, 'upsert', ?, ?, 'raw', 'raw')",
            (record_id, payload, at),
        )
        connection.execute("INSERT INTO outbox (record_id, version, queued_at, state) VALUES (?, 1, ?, 'pending')", (record_id, at))
        head_seq, head_hash = connection.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        digest = entry_hash(head_seq + 1, at, "raw", "save", record_id, 1, "{}", head_hash)
        connection.execute(
            "INSERT INTO audit_log (seq, at, operator, action, record_id, version, detail, prev_hash, hash)"
            " VALUES (?, ?, 'raw', 'save', ?, 1, '{}', ?, ?)",
            (head_seq + 1, at, record_id, head_hash, digest),
        )
        connection.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (head_seq + 1, digest))
        connection.execute("COMMIT")

    connection.execute("INSERT OR IGNORE INTO receipt_counters (prefix, last_seq) VALUES ('raw', 0)")
    return save


def plaintext_copy(db: Database, folder: Path) -> None:
    """The encrypted database exported in the clear into ``folder`` (as the previous version kept it)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "clerk.sqlite3"
    if target.exists():
        return
    connection = connect(db.path, key=db.key)
    connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    connection.execute("SELECT sqlcipher_export('plain')")
    connection.execute(f"PRAGMA plain.user_version = {connection.execute('PRAGMA user_version').fetchone()[0]}")
    connection.execute("DETACH DATABASE plain")
    connection.close()


def measure(db: Database, sample: list[dict[str, str]], runs: int, rng_day: date) -> dict[str, tuple[float, float]]:
    """Our save and lookups through the services, on ``db``: {operation: (median ms, p99 ms)}."""
    service = RecordService(db)

    def save(i: int) -> None:
        birth = (rng_day + timedelta(days=i)).strftime("%Y%m%d")
        payload = factories.transition_case(id_number=factories.id_number(birth=birth, seq=i % 1000, region="659001"))
        outcome = service.add("transition_case", payload, operator="bench")
        assert outcome.ok, outcome.errors

    found = {"durable save": summary(timings(save, runs))}
    for label, (key, _sql) in LOOKUPS.items():
        values = [s[key][:2] if key == "name" else s[key] for s in sample]

        def lookup(i: int, values: list[str] = values) -> None:
            assert service.search(values[i % len(values)])

        found[label] = summary(timings(lookup, runs))
    return found


LOOKUPS = {
    "lookup by ID number": ("id_number", "SELECT * FROM records WHERE id_number = ?"),
    "lookup by certificate no": ("certificate_no", "SELECT * FROM records WHERE cert_key = ?"),
    "lookup by receipt no": ("receipt_no", "SELECT * FROM records WHERE receipt_no = ?"),
    "name prefix (first 2 chars)": ("name", "SELECT * FROM records WHERE name >= ? AND name < ? LIMIT 50"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the databases in this folder")
    args = parser.parse_args()
    rng = random.Random(7)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="clerk-bench-"))
    from tests import keyring_session

    private = keyring_session.start(folder / "keyring")  # the key of the encrypted database, kept with it (--keep)
    try:
        measure_all(args, folder, rng)
    finally:
        if private is not None:
            private.stop()


def measure_all(args: argparse.Namespace, folder: Path, rng: random.Random) -> None:
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, python {platform.python_version()}")
    db = Database(folder / "encrypted").open(write=True, operator="bench")
    set_up_window(db, "bench")  # its first supervisor and the hall, as every window has before its first save
    institutions = InstitutionService(db)
    for payload in (factories.DRIVING_SCHOOL, factories.CE_SCHOOL):
        institutions.add(payload, operator="bench")
    sample_file = folder / "sample.json"
    if sample_file.exists():
        sample = json.loads(sample_file.read_text())
    else:
        start = time.perf_counter()
        sample = build(db, args.records, rng)
        sample_file.write_text(json.dumps(sample, ensure_ascii=False))
        print(f"built {args.records:,} records in {time.perf_counter() - start:.1f} s")
    db.close()
    db.open(write=True, operator="bench")
    plaintext_copy(db, folder / "plaintext")
    plain = PlaintextDatabase(folder / "plaintext").open(write=True, operator="bench")
    print(f"database: {RecordService(db).count():,} records, {db.path.stat().st_size / 1e6:.0f} MB encrypted")

    first_day = date(1950, 1, 1) + timedelta(days=random.randrange(15_000))  # new people on every run
    encrypted_rows = measure(db, sample, args.runs, first_day)
    plaintext_rows = measure(plain, sample, args.runs, first_day + timedelta(days=args.runs + 1))
    floors = {"durable save": summary(timings(raw_save(plain.path), args.runs))}
    cipher_floor = summary(timings(raw_save(db.path, db.key), args.runs))
    reader = sqlite3.connect(plain.path)
    for label, (key, sql) in LOOKUPS.items():
        values = [s[key][:2] if key == "name" else s[key] for s in sample]

        def raw_lookup(i: int, values: list[str] = values, sql: str = sql) -> None:
            value = values[i % len(values)]
            params = (value, value + "\U0010ffff") if "name >=" in sql else (value,)
            assert reader.execute(sql, params).fetchall()

        floors[label] = summary(timings(raw_lookup, args.runs))

    print(
        f"\n{'operation':30} {'encrypted median':>16} {'p99':>8} {'plaintext median':>16} {'p99':>8}"
        f" {'raw sqlite3 median':>18} {'encrypted/raw':>13}"
    )
    for label, (median, p99) in encrypted_rows.items():
        plain_median, plain_p99 = plaintext_rows[label]
        raw_median, _raw_p99 = floors[label]
        print(
            f"{label:30} {median:16.3f} {p99:8.3f} {plain_median:16.3f} {plain_p99:8.3f}"
            f" {raw_median:18.3f} {median / raw_median:12.1f}x"
        )
    print(f"{'raw SQLCipher save (same rows)':30} {cipher_floor[0]:16.3f} {cipher_floor[1]:8.3f}")
    print("ms; the raw sqlite3 floor is the standard module on the plaintext file, the same rows in one transaction")
    plain.close()
    db.close()


if __name__ == "__main__":
    main()
