"""The window's database: where it lives, opening it safely, and transactions.

``Database`` is the one object the rest of the program (services, UI, sync,
tests) gets; tests hand it a temporary folder. Opening it for writing takes the
writer lock, migrates after a copy, and is ready to save. Readers (lookups
while the window has the file open) need no lock: WAL lets them read while the
writer commits.

Start-up must be fast even with a million records, yet the full
``PRAGMA integrity_check`` must run: ``maintain()`` does the full check and
then the day's backup, and the application runs it off the GUI thread at every
start; the command line runs it before the first write of a day. A backup is
only ever made of a file that has just passed the check.

The file, its WAL and every backup are SQLCipher files keyed with the data
folder's key (``local_db.keys``): ``Database`` finds that key itself (a new
folder gets one), so callers only name the folder. A plaintext database of an
older version is converted (``local_db.encryption``) before it is used.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from local_db import backup as backups
from local_db import encryption, keys, migrate, restore_checks, settings_store
from local_db.engine import make_engine
from local_db.errors import DatabaseKeyFileMissing, DatabaseKeyMissing, DatabaseProblem, file_problem, known_problem
from local_db.lock import LockWait, WriterLock
from local_db.sqlite_files import DB_ERRORS, is_plaintext, make_folder, owner_only, writable_like

log = logging.getLogger(__name__)
DB_FILE = "clerk.sqlite3"
_DATABASE_ERRORS: tuple[type[Exception], ...] = (sa_exc.DBAPIError, *DB_ERRORS)


class DatabaseCorrupt(DatabaseProblem):
    def __init__(self, details: list[str]) -> None:
        summary = "; ".join(details[:5])
        super().__init__(
            "db_corrupt",
            f"数据库完整性检查未通过（{summary}）。请停止录入，联系负责人用 restore 命令恢复最近的备份。",
            f"The database failed its integrity check ({summary}). Stop entering and restore the latest backup.",
        )
        self.details = details


class Database:
    def __init__(
        self,
        data_dir: Path,
        *,
        on_lock_wait: LockWait | None = None,
        on_conversion: encryption.Progress | None = None,
        disposable: bool = False,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILE
        self.backup_dir = self.data_dir / "backups"
        self._lock = WriterLock(self.path, on_wait=on_lock_wait)
        self._on_conversion = on_conversion
        self._disposable = disposable
        self._key: bytes | None = None
        self._engine: Engine | None = None
        self._read_engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._read_sessions: sessionmaker[Session] | None = None
        self.writable = False

    # -- opening and closing -------------------------------------------------

    def open(self, *, write: bool, operator: str = "") -> Database:
        """Open for writing (lock, migrate) or reading (migrate only if nobody writes)."""
        try:
            make_folder(self.data_dir)
        except OSError as error:
            raise DatabaseProblem(
                "db_cannot_open",
                f"无法创建数据目录 {self.data_dir}（{error.strerror}）。请检查路径和权限。",
                f"Cannot create the data folder {self.data_dir} ({error.strerror}). Check the path and permissions.",
            ) from error
        if write:
            self._lock.acquire(window="", operator=operator)
        for suffix in ("", "-wal", "-shm"):  # files from before the owner-only umask: personal data
            owner_only(self.path.with_name(self.path.name + suffix))
        for suffix in ("-wal", "-shm"):  # left read-only from a time the database was: writable again with it
            writable_like(self.path.with_name(self.path.name + suffix), self.path)
        try:
            self._convert_if_needed(operator=operator)
            self._migrate_if_needed(operator=operator)
            # Readers get their own engine (deferred BEGIN): a lookup never queues behind a save.
            self._read_engine = make_engine(self.path, key=self.key, write=False)
            self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)
            if write:
                self._engine = make_engine(self.path, key=self.key, write=True)
                self._sessions = sessionmaker(self._engine, expire_on_commit=False)
            self.writable = write
            if write:
                self._lock.announce(window=self._window_name(), operator=operator)
        except BaseException:
            self.close()
            raise
        return self

    def _window_name(self) -> str:
        try:
            with self.read() as session:
                codes = settings_store.values_of(session, ["hall.code", "window.code"])
        except DatabaseProblem:  # an unreadable setting is said by the command that needs it, not here
            codes = {}
        return "-".join(str(codes[key]) for key in ("hall.code", "window.code") if codes.get(key)) or "（未设置窗口编号）"

    @property
    def key(self) -> bytes:
        """The data folder's database key (a new folder, or one of an older version, is given one)."""
        if self._key is None:
            if keys.has_key_file(self.data_dir) or (self.path.exists() and not is_plaintext(self.path)):
                try:
                    self._key = keys.folder_key(self.data_dir, create=False)
                except (DatabaseKeyMissing, DatabaseKeyFileMissing):
                    if not self._disposable:
                        raise
                    self._start_afresh()
                    return self.key
            else:  # made under the writer lock: two programs starting on a new folder agree on one key
                held = self._lock.held
                if not held:
                    self._lock.acquire(window="", operator="")
                try:
                    self._key = keys.folder_key(self.data_dir, create=True)
                finally:
                    if not held:
                        self._lock.release()
        return self._key

    def _start_afresh(self) -> None:
        """A disposable folder (the training database: practice data, no recovery code) whose key is gone from this
        PC's keyring cannot be read by anyone: its files are removed and it starts again, empty, with a new key."""
        log.warning("the key of the disposable database in %s is gone: starting it afresh", self.data_dir)
        held = self._lock.held
        if not held:
            self._lock.acquire(window="", operator="")
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            for old in self.backup_dir.glob("*"):
                old.unlink(missing_ok=True)
            keys.key_file_path(self.data_dir).unlink(missing_ok=True)
        finally:
            if not held:
                self._lock.release()

    def _convert_if_needed(self, *, operator: str) -> None:
        """Encrypt a plaintext database (and its backups) left by an older version, under the writer lock."""
        key = self.key
        if not is_plaintext(self.path) and not encryption.plaintext_backups(self.backup_dir):
            return
        held = self._lock.held
        if not held:
            self._lock.acquire(window="", operator=operator)
        try:
            encryption.convert_folder(self.path, self.backup_dir, key, self._on_conversion)
        finally:
            if not held:
                self._lock.release()

    def _migrate_if_needed(self, *, operator: str) -> None:
        engine = make_engine(self.path, key=self.key, write=True)
        try:
            with self._known_errors():
                current = migrate.current_revision(engine)
                if current == migrate.head_revision():
                    return
                if not self._lock.held:
                    # A reader found an old schema: migrate only if no writer has the file.
                    self._lock.acquire(window="", operator=operator)
                    try:
                        migrate.upgrade(engine, self.path, self.backup_dir, key=self.key)
                    finally:
                        self._lock.release()
                else:
                    migrate.upgrade(engine, self.path, self.backup_dir, key=self.key)
        finally:
            engine.dispose()

    def close(self) -> None:
        for engine in (self._engine, self._read_engine):
            if engine is not None:
                engine.dispose()
        self._engine = self._read_engine = None
        self._sessions = self._read_sessions = None
        self._lock.release()
        self.writable = False

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        """The writer's engine, or the reader's when opened read-only."""
        engine = self._engine or self._read_engine
        if engine is None:
            raise RuntimeError("database is not open")
        return engine

    # -- transactions --------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One all-or-nothing transaction: commits at the end, rolls back on any error."""
        if not self.writable or self._sessions is None:
            raise RuntimeError("database is not open for writing")
        with self._known_errors(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        if self._read_sessions is None:
            raise RuntimeError("database is not open")
        with self._known_errors(), self._read_sessions() as session:
            yield session

    @contextmanager
    def _known_errors(self) -> Iterator[None]:
        try:
            yield
        except _DATABASE_ERRORS as error:
            problem = known_problem(error)
            if problem is None:
                raise
            raise problem from error
        except OSError as error:  # the files beside the database: a backup on a full disk, a read-only folder
            raise file_problem(error) from error

    # -- checks and backups --------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """The full PRAGMA integrity_check, on its own read connection; [] means sound."""
        return restore_checks.integrity_problems(self.path, key=self.key)

    def maintain(self, today: date) -> Path | None:
        """Full integrity check, then today's backup if there is none; raises DatabaseCorrupt."""
        problems = self.integrity_problems()
        if problems:
            raise DatabaseCorrupt(problems)
        with self._known_errors():
            return backups.daily_backup(self.path, self.backup_dir, today, key=self.key)

    def needs_maintenance(self, today: date) -> bool:
        return not any(self.backup_dir.glob(f"{backups.DAILY_PREFIX}{today:%Y%m%d}-*{backups.SUFFIX}"))

    def backup_now(self) -> Path:
        with self._known_errors():
            return backups.copy_database(self.path, self.backup_dir, "manual", key=self.key)
