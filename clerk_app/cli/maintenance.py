"""Commands that look after the database file: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app import clock
from clerk_app.cli.context import EXIT_OK, EXIT_PROBLEMS, CliContext, CommandError
from clerk_app.cli.identity import read_secret, recorded_operator
from clerk_app.domain.problems import problem
from clerk_app.paths import data_dir
from clerk_app.services.operators import OperatorRefused, OperatorService, restorer_check
from local_db import audit, restore_checks, verification
from local_db import backup as backups
from local_db.database import Database
from local_db.errors import DatabaseProblem
from local_db.lock import WriterLock
from local_db.restore_checks import BackupRejected, check_candidate

if TYPE_CHECKING:
    from sync.anchor import AnchorCheck


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        check_candidate(path, key=db.key)
    except BackupRejected as rejected:
        problems.append(rejected.message("en"))
    with db.write() as session:
        audit.append(session, at=clock.now_text(), operator=recorded_operator(ctx), action="backup", detail={"file": path.name})
    ctx.emit({"backup": str(path), "integrity_ok": not problems})
    return EXIT_OK if not problems else EXIT_PROBLEMS


def _restore(ctx: CliContext) -> int:
    # The current file may be the damaged one, so only the lock is taken before replacing it.
    directory = data_dir(ctx.args.data_dir)
    operator, password = _restoring_supervisor(ctx, directory)
    target = Database(directory)
    key = target.key  # before the lock below: a new folder's key is made under the database's own lock
    lock = WriterLock(target.path, on_wait=ctx.say_waiting)
    lock.acquire(window="restore", operator=operator)
    try:
        replaced = backups.restore(
            ctx.args.file.resolve(),
            target.path,
            target.backup_dir,
            key=key,
            extra_checks=[restorer_check(operator, password, key=key)],
        )
    finally:
        lock.release()
    db = ctx.database(write=True)
    with db.write() as session:
        audit.append(
            session,
            at=clock.now_text(),
            operator=operator,
            action="restore",
            detail={"from": ctx.args.file.name, "replaced_copy": replaced.name if replaced else None},
        )
    ctx.emit({"restored_from": str(ctx.args.file), "replaced_file_kept_as": str(replaced) if replaced else None})
    return EXIT_OK


def _restoring_supervisor(ctx: CliContext, directory: Path) -> tuple[str, str]:
    """Who restores, and their password: a supervisor of the current file (when it still opens) and of the
    file restored (``restorer_check``), so a restore can never hand the window to somebody unknown."""
    password = read_secret(ctx, f"负责人 {ctx.operator} 的密码: ")
    if not password:
        raise CommandError([problem("password_missing", "password", operator=ctx.operator)])
    current = Database(directory)
    try:
        current.open(write=True, operator=ctx.operator)
    except DatabaseProblem:
        return ctx.operator, password  # the current file is the damaged one: the restored file's check must do
    try:
        operators = OperatorService(current)
        if operators.exempt() or not operators.any_supervisor():
            return ctx.operator, password
        try:
            found = operators.sign_in(ctx.operator, password)
        except OperatorRefused as refused:
            raise CommandError([refused.problem]) from None
        if found.role != "supervisor":
            raise CommandError([problem("supervisor_only", None, action_zh="恢复数据库", action_en="restore the database")])
        return found.operator_id, password
    finally:
        current.close()


def _check(ctx: CliContext) -> int:
    db = ctx.database(write=False)
    integrity = db.integrity_problems()
    with db.read() as session:
        chain = audit.verify(session)
        tables = verification.verify_tables(session)
    schema = _schema(db)
    anchor = _anchor(ctx, db)
    ok = not integrity and not chain and not tables and not schema and not anchor.problems and (anchor.compared or not anchor.required)
    ctx.emit(
        {
            "ok": ok,
            "integrity": integrity,
            "audit": [found.as_dict(ctx.lang) for found in chain + anchor.problems],
            "tables": [found.as_dict(ctx.lang) for found in tables],
            "schema": schema,
            "platform_anchor": anchor.as_dict(ctx.lang),
            "recovery_code": _recovery_code(ctx),
        }
    )
    return EXIT_OK if ok else EXIT_PROBLEMS


def _schema(db: Database) -> list[str]:
    """The live file's tables, indexes and triggers against a fresh file at its revision: a dropped trigger shows."""
    from local_db import migrate

    revision = migrate.current_revision(db.engine)
    if revision is None:
        return ["no schema revision"]
    extra, missing = restore_checks.schema_differences(db.path, revision, key=db.key)
    return [f"extra {item}" for item in extra] + [f"missing {item}" for item in missing]


def _recovery_code(ctx: CliContext) -> dict[str, object]:
    """Whether the encrypted data can be recovered on another PC (a recovery code was issued), and if not, what to do."""
    from clerk_app.cli.keys import recovery_reminder

    reminder = recovery_reminder(ctx)
    return {"issued": reminder is None, "warning": reminder}


def _anchor(ctx: CliContext, db: Database) -> AnchorCheck:
    """The local chain against the heads the platform keeps for this window (skipped, and said so, offline)."""
    from clerk_app.services.platform import PlatformService, keyring_or_asked

    ask = keyring_or_asked(lambda account: read_secret(ctx, f"请输入窗口账号 {account} 的密钥（只用于这一次，不会保存）: "))
    return PlatformService(db, lang=ctx.lang, secret_source=ask).audit_anchor()
