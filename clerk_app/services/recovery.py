"""The database's recovery code: who may issue one, and unlocking a data folder with it.

The data is encrypted with a key kept in this PC's keyring (``local_db.keys``).
When that keyring is lost (a new PC, a reinstalled system) only the recovery
code opens the data again, so a window with a supervisor must have one: the
first supervisor is given it when they register (the window's set-up shows it
once and prints the slip for the hall's safe; ``operators add`` on the command
line prints it once), and a supervisor may replace it (``key
new-recovery-code``), which makes the old slip useless. Issuing a code is
audited (never the code itself). Unlocking needs no operator: whoever holds the
slip holds the data.
"""

from __future__ import annotations

from pathlib import Path

from clerk_app import clock
from clerk_app.services.operators import OperatorRefused, OperatorService, supervisor_refusal
from local_db import audit, keys
from local_db.database import Database

ACTION = ("生成数据库恢复码", "issue the database recovery code")


class RecoveryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def issued(self) -> bool:
        """Whether this data folder's key is recoverable with a code (a slip was issued)."""
        return keys.recovery_code_issued(self._db.data_dir)

    def needs_code(self) -> bool:
        """A window with a supervisor but no recovery code yet (converted from an older version): one must be issued."""
        operators = OperatorService(self._db)
        return not self.issued() and not operators.exempt() and operators.any_supervisor()

    def issue_first(self, acting: str) -> str | None:
        """The code for a window that has none yet, issued to the supervisor ``acting`` (None when one exists)."""
        if self.issued() or OperatorService(self._db).exempt():
            return None
        return self.replace(acting)

    def replace(self, acting: str) -> str:
        """A new recovery code issued by the supervisor ``acting`` (whose password the caller checked); the old code
        no longer opens anything. Returns the code, to be shown once."""
        with self._db.read() as session:
            refusal = supervisor_refusal(session, acting, ACTION)
        if refusal is not None:
            raise OperatorRefused(refusal)
        code = keys.issue_recovery_code(self._db.data_dir, self._db.key)
        with self._db.write() as session:
            audit.append(session, at=clock.now_text(), operator=acting, action="recovery_code_issued", detail={})
        return code


    def slip(self, code: str, acting: str) -> bytes:
        """The recovery-code slip's PDF, for the hall's safe (printed, or saved by the supervisor on purpose)."""
        from clerk_app.printing import recovery_slip
        from clerk_app.services.settings import SettingsService

        settings = SettingsService(self._db)
        hall = " ".join(str(settings.get(key) or "") for key in ("hall.name", "hall.code")).strip()
        window = str(settings.get("window.code") or "")
        operator = OperatorService(self._db).get(acting)
        who = f"{operator.name}（{operator.operator_id}）" if operator is not None else acting
        found = keys.read_key_file(self._db.data_dir)
        return recovery_slip.render(
            grouped(code),
            hall=f"{hall} 窗口 {window}" if hall or window else "",
            issued_on=clock.today(),
            issued_by=who,
            key_id=found.key_id if found is not None else "",
        )


def try_unlock(data_dir: Path, code: str, lang: str) -> str | None:
    """``unlock`` for the window: None when the folder was unlocked, else what went wrong, in ``lang``."""
    from local_db.errors import DatabaseProblem

    try:
        unlock(data_dir, code)
    except DatabaseProblem as problem:
        return problem.message(lang)
    return None


def unlock(data_dir: Path, code: str) -> None:
    """Open the data folder on this PC with its recovery code: the key unwrapped and stored in this PC's keyring.

    Raises ``local_db.errors.WrongRecoveryCode`` and the key problems of ``local_db.errors``."""
    keys.unlock(data_dir, code)


def grouped(code: str) -> str:
    """The code in groups of four digits, as shown, printed and read aloud."""
    return keys.grouped(code)
