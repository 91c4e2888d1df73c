"""The provincial platform as the window and the command line both use it: status, upload, registry, secret, login.

The one place a ``PlatformClient`` is built from the settings (address,
account, device id, the hall's CA file) and handed a secret source: the
keyring by default; training mode passes its fixed secret; the command line
passes "the keyring, else ask on the terminal for this run only". Every
failure the caller should show leaves here as ``PlatformStop`` with a
catalogue ``Problem``, marked as the environment's doing (network, keyring,
TLS: exit 3) or a refusal of what was given (exit 2).

Everything here may be slow (network, many rows): the window calls it on a
worker thread. ``sync`` (and with it the HTTP stack) is imported by the
method that first needs it, so neither the window's start nor a command that
never talks to the platform loads it. One upload runs at a time in a process,
whether the window's timer, the clerk or a command started it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clerk_app.domain.problems import Problem, problem
from clerk_app.services.operators import supervisor_refusal
from clerk_app.services.settings import SPECS, SettingRefused, SettingsService
from local_db.database import Database
from local_db.errors import DatabaseProblem

if TYPE_CHECKING:
    from clerk_app.services.upload_overview import UploadOverview
    from sync.anchor import AnchorCheck
    from sync.client import PlatformClient

    # Re-exported for callers' annotations only (they load with sync, when an upload first runs).
    from sync.engine import Progress as Progress
    from sync.engine import UploadSummary as UploadSummary

__all__ = [
    "LoginOutcome", "PlatformService", "PlatformStop", "SecretSource", "Status", "UploadBusy", "explain",
    "keyring_or_asked",
]

SecretSource = Callable[[str], "str | None"]

_upload_lock = threading.Lock()


class PlatformStop(Exception):
    """What was asked of the platform side did not happen; ``problem`` says why in the clerk's words.

    ``environment`` is True when the network, the keyring, TLS or a running upload
    stopped it, False when what was given (an account, a secret) was refused.
    """

    def __init__(self, found: Problem, *, environment: bool) -> None:
        super().__init__(found.code)
        self.problem = found
        self.environment = environment


class UploadBusy(PlatformStop):
    """Another upload (automatic or by hand) is running in this program; this one did not start."""

    def __init__(self) -> None:
        super().__init__(problem("upload_busy"), environment=True)


@dataclass(frozen=True)
class Status:
    """The upload side at a glance; ``json`` is the same as ``clerk-app status --json`` prints it."""

    online: bool | None  # None: not asked, or no platform configured
    pending: int
    sending: int
    rejected: int
    last_upload: str | None
    warnings: tuple[str, ...] = ()
    json: Mapping[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, found: Mapping[str, object]) -> Status:
        """From what ``sync.status`` found (its keys are the command line's JSON)."""
        online, last = found.get("online"), found.get("last_upload")
        warnings = found.get("warnings")
        return cls(
            online=online if isinstance(online, bool) else None,
            pending=_count(found, "pending"),
            sending=_count(found, "sending"),
            rejected=_count(found, "rejected"),
            last_upload=str(last) if last else None,
            warnings=tuple(str(w) for w in warnings) if isinstance(warnings, list | tuple) else (),
            json=dict(found),
        )

    def with_warning(self, warning: str) -> Status:
        warnings = (*self.warnings, warning)
        return replace(self, warnings=warnings, json={**self.json, "warnings": list(warnings)})


@dataclass(frozen=True)
class LoginOutcome:
    account: str
    checked: bool  # the platform accepted the secret; False: it could not be asked (offline), kept unchecked


class PlatformService:
    def __init__(
        self, db: Database, *, lang: str = "zh", operator: str = "", secret_source: SecretSource | None = None
    ) -> None:
        self._db = db
        self._lang = lang
        self._operator = operator
        self._secret_source = secret_source  # None: the keyring

    def client(self, *, account: str | None = None) -> PlatformClient:
        """A client for the platform the settings name (the caller closes it); ``account`` overrides the stored one."""
        from sync.client import PlatformClient

        values = SettingsService(self._db).all()
        return PlatformClient(
            str(values["platform.url"] or ""),
            str(values["platform.account"] or "") if account is None else account,
            f"{values['hall.code']}-{values['window.code']}",
            secret_source=self._secret_source,
            ca_bundle=str(values["platform.ca_bundle"] or "") or None,
        )

    # -- status -----------------------------------------------------------------------

    def queue(self) -> Status:
        """The local queue only (no network); ``online`` is None: what is known of the platform comes from ``status``."""
        from sync.status import queue_status

        found = dict(queue_status(self._db))
        return Status.of({"online": None, **found, "warnings": []})

    def status(self) -> Status:
        """One ``/health`` request and the local counts. A certificate or address the client refuses reads as
        offline, with the reason among the warnings."""
        from sync.client import PlatformError
        from sync.status import queue_status, upload_status

        client = self.client()
        try:
            found = upload_status(self._db, client, lang=self._lang)
        except PlatformError as error:
            local = queue_status(self._db)
            found = {"online": False, **local, "warnings": [error.problem.message(self._lang)]}
        finally:
            client.close()
        return Status.of(found)

    def overview(self) -> UploadOverview:
        """What the upload screen shows (address, account, hall, clock, queue by kind, past runs): no network."""
        from clerk_app.services.upload_overview import read_overview

        return read_overview(self._db)

    def registry_refreshed_at(self) -> str | None:
        """When the institution registry was last refreshed from the platform (None: never); no network."""
        from clerk_app.services.upload_overview import registry_refreshed_at

        return registry_refreshed_at(self._db)

    def status_or_local(self) -> Status:
        """The platform side's status or, when it cannot be asked, the queue as the local database has it."""
        try:
            return self.status()
        except Exception as error:  # noqa: BLE001 - any failure still leaves the local counts to show
            return self.queue().with_warning(explain(error, self._lang))

    # -- work -------------------------------------------------------------------------

    def upload(
        self,
        *,
        end_of_day: bool,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> UploadSummary:
        """Run the upload engine once; how it ended is in the summary. Raises UploadBusy if one is running."""
        from sync.engine import UploadEngine

        if not _upload_lock.acquire(blocking=False):
            raise UploadBusy
        try:
            client = self.client()
            try:
                engine = UploadEngine(self._db, client, operator=self._operator, lang=self._lang)
                return engine.run(end_of_day=end_of_day, progress=progress, cancel=cancel or threading.Event())
            finally:
                client.close()
        finally:
            _upload_lock.release()

    def refresh_registry(self) -> int:
        """Fetch the institutions changed on the platform since the last refresh; how many changed here."""
        from sync.client import PlatformError
        from sync.credentials import KeyringUnavailable
        from sync.registry import refresh_registry

        client = self.client()
        try:
            return refresh_registry(self._db, client, operator=self._operator)
        except (PlatformError, KeyringUnavailable) as error:
            raise PlatformStop(error.problem, environment=True) from None
        finally:
            client.close()

    def look_up_person(self, id_number: str) -> str:
        """Ask the platform for the person's certificates (``GET /qualifications``) and the CE hours accepted
        anywhere (``GET /ce-hours``), and keep both (``local_db.platform_cache``) for when the network is gone;
        returns when they were read. ``PlatformStop`` when the platform could not be asked (nothing kept)."""
        from clerk_app import clock
        from local_db import platform_cache
        from sync.client import PlatformError
        from sync.credentials import KeyringUnavailable

        client = self.client()
        try:
            certificates = client.qualifications(id_number)
            hours = client.ce_hours(id_number)
        except (PlatformError, KeyringUnavailable) as error:
            raise PlatformStop(error.problem, environment=True) from None
        finally:
            client.close()
        at = clock.now_text()
        with self._db.write() as session:
            platform_cache.save_qualifications(session, certificates, at=at)
            platform_cache.save_ce_hours(session, id_number, hours, at=at)
        return at

    def look_up_certificate(self, certificate_no: str) -> list[Mapping[str, object]]:
        """Ask the platform for the certificate with this number as printed (or the holder's ID number), contract
        1.2 ``GET /qualifications?certificate_no=``, e.g. read from a scanned QR code; what it answers is kept
        (``local_db.platform_cache``) and returned. ``PlatformStop`` when the platform could not be asked."""
        from clerk_app import clock
        from local_db import platform_cache
        from sync.client import PlatformError
        from sync.credentials import KeyringUnavailable

        client = self.client()
        try:
            found = client.qualifications(certificate_no=certificate_no)
        except (PlatformError, KeyringUnavailable) as error:
            raise PlatformStop(error.problem, environment=True) from None
        finally:
            client.close()
        with self._db.write() as session:
            platform_cache.save_qualifications(session, found, at=clock.now_text())
        return list(found)

    def certificates_of(self, id_number: str) -> tuple[list[Mapping[str, object]], str | None]:
        """The person's certificates, newest paper first: asked of the platform (and kept) when it answers, else
        as kept here; with why the platform could not be asked (None: it answered, or no platform is set)."""
        from local_db import platform_cache

        reason = None
        if SettingsService(self._db).get("platform.url"):
            try:
                self.look_up_person(id_number)
            except PlatformStop as stop:
                reason = stop.problem.message(self._lang)
        with self._db.read() as session:
            return list(platform_cache.qualifications_for(session, id_number).items), reason

    def audit_anchor(self) -> AnchorCheck:
        """The local audit chain against every head the platform keeps for this window (``compared`` False
        when it could not be asked); a chain cut or rebuilt with the file shows as a problem with its seq."""
        from sync.anchor import compare_with_platform

        client = self.client()
        try:
            return compare_with_platform(self._db, client)
        finally:
            client.close()

    def store_secret(self, secret: str, *, account: str | None = None) -> None:
        """Keep the window account's secret in the OS keyring (never anywhere else)."""
        from sync.credentials import KeyringUnavailable, store_secret

        if account is None:
            account = str(SettingsService(self._db).get("platform.account"))
        try:
            store_secret(account, secret)
        except KeyringUnavailable as error:
            raise PlatformStop(error.problem, environment=True) from None

    @staticmethod
    def check_account(text: str) -> str:
        """The window account as typed, checked by the setting's rule."""
        try:
            return str(SPECS["platform.account"].parse(text))
        except ValueError as error:
            hint_zh, hint_en = (*error.args, str(error))[:2]
            refused = problem("invalid_setting", None, label="窗口账号", hint_zh=hint_zh, hint_en=hint_en)
            raise PlatformStop(refused, environment=False) from None

    def login(self, account: str, secret: str) -> LoginOutcome:
        """What ``clerk-app login`` does: check the secret with the platform when it answers, keep it in the
        keyring, remember the account. A secret the platform refuses, or one that could not be checked because
        the platform's certificate failed, is not kept; offline, it is kept unchecked."""
        from sync.client import LoginFailed, PlatformError
        from sync.online import probe
        from sync.status import remember_platform_hall

        with self._db.read() as session:  # a refused login touches nothing: not the platform, not the keyring
            refusal = supervisor_refusal(session, self._operator, ("修改设置", "change settings"))
        if refusal is not None:
            raise PlatformStop(refusal, environment=False)
        client = self.client(account=account)
        checked = False
        try:
            if client.base_url and probe(client) is not None:
                client.login(secret)
                checked = True
                remember_platform_hall(self._db, client.hall_code)  # another hall's account is said at once
        except LoginFailed as refused:
            raise PlatformStop(refused.problem, environment=False) from None
        except PlatformError as error:
            raise PlatformStop(error.problem, environment=True) from None
        finally:
            client.close()
        self.store_secret(secret, account=account)
        try:
            SettingsService(self._db).set("platform.account", account, operator=self._operator)
        except SettingRefused as refused:
            raise PlatformStop(refused.problem, environment=False) from None
        return LoginOutcome(account, checked)


def keyring_or_asked(ask: Callable[[str], str | None]) -> SecretSource:
    """A secret source: the keyring's secret; where no keyring works, ``ask`` for it (kept in memory, this run only)."""

    def secret_of(account: str) -> str | None:
        from sync.credentials import KeyringUnavailable, load_secret

        try:
            return load_secret(account)
        except KeyringUnavailable:
            secret = ask(account)
            if not secret:
                raise
            return secret

    return secret_of


def explain(error: BaseException, lang: str) -> str:
    """A failure of the platform side in the clerk's words."""
    found = getattr(error, "problem", None)  # PlatformStop, and sync's errors, carry their Problem
    if isinstance(found, Problem):
        return found.message(lang)
    if isinstance(error, DatabaseProblem):
        return error.message(lang)
    return problem("platform_failed").message(lang)


def _count(found: Mapping[str, object], key: str) -> int:
    value = found.get(key)
    return value if isinstance(value, int) else 0
