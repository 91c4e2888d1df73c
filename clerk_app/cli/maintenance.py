"""Commands that look after the database file: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from clerk_app import clock
from clerk_app.cli.context import EXIT_OK, EXIT_PROBLEMS, CliContext
from clerk_app.paths import data_dir
from local_db import audit
from local_db import backup as backups
from local_db.database import Database
from local_db.lock import WriterLock
from local_db.restore_checks import BackupRejected, check_candidate


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", help="立即备份数据库")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="从备份恢复数据库（先检查备份文件，再替换）")
    restore.add_argument("file", type=Path)
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=_restore)
    check = commands.add_parser("check", help="检查数据库完整性和审计链")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_check)


def _backup(ctx: CliContext) -> int:
    db = ctx.database(write=True)
    problems = db.integrity_problems()
    path = db.backup_now()
    try:  # the copy itself is checked: a sound database was copied, and it is this one, whole
        check_candidate(path)
    except BackupRejected as rejected:
        problems.append(rejected.message("en"))
    with db.write() as session:
        audit.append(session, at=clock.now_text(), operator=ctx.operator, action="backup", detail={"file": path.name})
    ctx.emit({"backup": str(path), "integrity_ok": not problems})
    return EXIT_OK if not problems else EXIT_PROBLEMS


def _restore(ctx: CliContext) -> int:
    # The current file may be the damaged one, so only the lock is taken before replacing it.
    directory = data_dir(ctx.args.data_dir)
    target = Database(directory)
    lock = WriterLock(target.path)
    lock.acquire(window="restore", operator=ctx.operator)
    try:
        replaced = backups.restore(
            ctx.args.file.resolve(), target.path, target.backup_dir, extra_checks=[lambda path: _check_quarantined(ctx, path)]
        )
    finally:
        lock.release()
    db = ctx.database(write=True)
    with db.write() as session:
        audit.append(
            session,
            at=clock.now_text(),
            operator=ctx.operator,
            action="restore",
            detail={"from": ctx.args.file.name, "replaced_copy": replaced.name if replaced else None},
        )
    ctx.emit({"restored_from": str(ctx.args.file), "replaced_file_kept_as": str(replaced) if replaced else None})
    return EXIT_OK


def _check_quarantined(ctx: CliContext, candidate: Path) -> None:
    """Checks of the candidate that need the command's context, run on its quarantined copy at ``candidate``
    after the schema checks and before anything is replaced; raise BackupRejected to refuse it.

    The hook for the rule that the restoring supervisor must exist in the file (issue 16); none yet.
    """


def _check(ctx: CliContext) -> int:
    db = ctx.database(write=False)
    integrity = db.integrity_problems()
    with db.read() as session:
        chain = audit.verify(session)
    ok = not integrity and not chain
    ctx.emit(
        {
            "ok": ok,
            "integrity": integrity,
            "audit": [problem.as_dict(ctx.lang) for problem in chain],
        }
    )
    return EXIT_OK if ok else EXIT_PROBLEMS
