"""Commands that look after the database file: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app import clock
from clerk_app.cli.context import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, CliContext, CommandError
from clerk_app.cli.identity import read_secret, recorded_operator
from clerk_app.domain.problems import problem
from clerk_app.paths import TRAINING_FOLDER, data_dir
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
    restore.add_argument(
        "--confirm-unverified", action="store_true",
        help="备份早于操作员和设置记入审计链的版本：核对过列出的操作员、角色和设置后，确认恢复（记为未经验证的恢复）",
    )
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
    """Restore a backup, proven and verified (issue 23): see ``_restoring_supervisor`` for who may, and
    ``restore_checks.verify_candidate`` for what the candidate must hold."""
    directory = data_dir(ctx.args.data_dir)
    target = Database(directory, on_lock_wait=ctx.say_waiting)
    operator, password, damaged = _restoring_supervisor(ctx, target)
    key = target.key  # before the lock below: a new folder's key is made under the database's own lock
    shown: list[restore_checks.CandidateState] = []

    def verified(candidate: Path) -> None:
        state = restore_checks.verify_candidate(candidate, _revision_of(candidate, key), key=key)
        if state.training and directory.name != TRAINING_FOLDER:
            raise BackupRejected("它是培训模式的练习数据库，不能恢复到正式数据目录", "it is the training database")
        shown.append(state)
        if not state.verified and not ctx.args.confirm_unverified:
            raise _Unverified()

    lock = WriterLock(target.path, on_wait=ctx.say_waiting)
    lock.acquire(window="restore", operator=operator)
    kept: list[Path] = []

    def damaged_aside(_candidate: Path) -> None:
        """Last, once the candidate passed every check: the damaged file's bytes are kept beside it, never
        opened, so no copy of it is made (or half-made) and the restore does not stumble on it."""
        if damaged:
            kept.extend(_move_aside(target.path))

    try:
        replaced = backups.restore(
            ctx.args.file.resolve(),
            target.path,
            target.backup_dir,
            key=key,
            extra_checks=[restorer_check(operator, password, key=key), verified, damaged_aside],
        )
    except BaseException as error:
        if kept and not target.path.exists():  # what was moved aside goes back: a refused restore changes nothing
            for moved in kept:
                moved.rename(target.path.with_name(target.path.name + moved.name.removeprefix(kept[0].name)))
        if isinstance(error, _Unverified):
            state = shown[0]
            refusal = problem("restore_unverified", None, revision=state.revision)
            ctx.emit(ctx.problems([refusal]) | {"unverified": {"operators": state.operators, "settings": state.settings}})
            return EXIT_REFUSED
        raise
    finally:
        lock.release()
    state = shown[0]
    db = ctx.database(write=True)
    with db.write() as session:
        detail: dict[str, object] = {"from": ctx.args.file.name, "replaced_copy": replaced.name if replaced else None}
        if kept:
            detail["damaged_file_kept_as"] = kept[0].name
        if not state.verified:
            detail.update(unverified=True, operators=state.operators, settings=state.settings)
        audit.append(session, at=clock.now_text(), operator=operator, action="restore", detail=detail)
    ctx.emit(
        {
            "restored_from": str(ctx.args.file),
            "replaced_file_kept_as": str(replaced) if replaced else None,
            "damaged_file_kept_as": str(kept[0]) if kept else None,
            "verified": state.verified,
        }
    )
    return EXIT_OK


class _Unverified(Exception):
    """The candidate predates chained operators and settings and was not confirmed (--confirm-unverified)."""


def _revision_of(path: Path, key: bytes) -> str:
    from local_db.sqlite_files import connect_read_only

    connection = connect_read_only(path, key=key)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def _move_aside(path: Path) -> list[Path]:
    """Rename a damaged database (then its -wal/-shm) to damaged-TIME.sqlite3 beside it, unopened; the new paths."""
    import os

    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"damaged-{stamp}.sqlite3")
    moved = []
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, kept.with_name(kept.name + suffix))
            moved.append(kept.with_name(kept.name + suffix))
    return moved


_DAMAGED = {"db_corrupt", "db_io_error"}


def _restoring_supervisor(ctx: CliContext, current: Database) -> tuple[str, str, bool]:
    """Who restores, their password, and whether the current file is damaged (its bytes are then moved aside).

    A supervisor of the current folder always proves it, on the current file opened as any writer opens it: a file
    locked by another command is waited for and then refused (exit 3), never taken for a damaged one. Only a file
    that does not open because it is damaged (with this folder's key) is restored without it: then the folder's
    recovery code is asked instead, and the backup's own supervisor check (``restorer_check``) must pass.
    """
    password = read_secret(ctx, f"负责人 {ctx.operator} 的密码: ")
    if not password:
        raise CommandError([problem("password_missing", "password", operator=ctx.operator)])
    try:
        current.open(write=True, operator=ctx.operator)
    except DatabaseProblem as trouble:
        if trouble.code not in _DAMAGED or not current.path.exists():
            raise  # locked, no key, unwritable: said as it is, nothing touched
        _recovery_proven(ctx, current)
        return ctx.operator, password, True
    try:
        operators = OperatorService(current)
        if operators.exempt() or not operators.any_supervisor():
            return ctx.operator, password, False
        try:
            found = operators.sign_in(ctx.operator, password)
        except OperatorRefused as refused:
            raise CommandError([refused.problem]) from None
        if found.role != "supervisor":
            raise CommandError([problem("supervisor_only", None, action_zh="恢复数据库", action_en="restore the database")])
        return found.operator_id, password, False
    finally:
        current.close()


def _recovery_proven(ctx: CliContext, current: Database) -> None:
    """The folder's recovery code, typed right, stands for the supervisor of the current folder, who cannot be
    asked: its file does not open. Refused (nothing touched) otherwise."""
    from local_db import keys

    if not keys.recovery_code_issued(current.data_dir):
        raise CommandError([problem("restore_needs_recovery_code", None)], EXIT_ENVIRONMENT)
    code = read_secret(ctx, "数据库已损坏。请输入本数据目录的恢复码（40 位数字）: ")
    keys.unlock(current.data_dir, code)  # raises WrongRecoveryCode (nothing touched) when it is not this folder's


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
