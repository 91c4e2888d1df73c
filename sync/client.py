"""The window's side of the platform contract (../shared/platform-api.yaml): one HTTP request per call.

Each call makes exactly one request (the upload engine decides about retries)
and turns every way it can end into either the parsed JSON or one of the
exceptions below, so the engine's rules read as rules, not status codes.
Every request has a timeout, certificates are verified (a hall's own CA
bundle if set), plain http goes only to loopback, and one ``requests``
session is reused. The bearer token lives in memory only.

The session does not trust the environment (``trust_env`` off): requests would
otherwise let ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` replace the hall's CA
file, and send ``.netrc`` credentials. Proxies are still taken from the
environment (``HTTPS_PROXY``, ``NO_PROXY``), explicitly, because halls reach
the provincial network through one; loopback never goes through a proxy.
A certificate that cannot be verified is its own failure (``TlsFailed``),
not "offline": retrying does not help, and a login must not keep a secret it
could not check.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.utils import get_environ_proxies

from clerk_app.domain.addresses import address_refusal, is_loopback
from clerk_app.domain.problems import Problem, problem
from sync.credentials import load_secret

log = logging.getLogger("sync.client")

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0
HEALTH_READ_TIMEOUT_S = 10.0  # the status line asks every minute: a hung platform must not hold it long
TOKEN_MARGIN_S = 30.0
MAX_SEQS_PER_CALL = 100  # contract 1.2: at most 100 seq numbers per audit-heads call

SecretSource = Callable[[str], "str | None"]


class PlatformError(Exception):
    """A call that did not get the answer it asked for; ``problem`` says it for the clerk."""

    problem: Problem

    def __init__(self, found: Problem, detail: str = "") -> None:
        super().__init__(detail or found.code)
        self.problem = found


class NotConfigured(PlatformError):
    pass


class AddressRefused(PlatformError):
    pass


class LoginFailed(PlatformError):
    """The platform refused the account's secret, or there is no secret to offer."""


class Unauthorized(PlatformError):
    """401 on a call with a token: the token expired or is unknown."""


class Transient(PlatformError):
    """No usable answer (connection, timeout, 5xx, broken JSON): for a POST the outcome is unknown."""


class Throttled(Transient):
    """429/503 (or 409 in_progress): come back after ``retry_after`` seconds."""

    def __init__(self, found: Problem, retry_after: float, detail: str = "") -> None:
        super().__init__(found, detail)
        self.retry_after = retry_after


class InProgress(Throttled):
    pass


class TlsFailed(PlatformError):
    """The platform's certificate could not be verified, or the hall's CA file cannot be used: nothing was sent."""


class TooLarge(PlatformError):
    pass


class Refused(PlatformError):
    """A 4xx the platform means: the request as sent will never be accepted."""

    def __init__(self, found: Problem, status: int, code: str, message: str) -> None:
        super().__init__(found, f"{status} {code}")
        self.status, self.code, self.message = status, code, message


class NotFound(PlatformError):
    pass


def _offline(reason_zh: str, reason_en: str) -> Problem:
    return problem("upload_offline", reason=(reason_zh, reason_en))


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        account: str,
        device_id: str,
        *,
        secret_source: SecretSource | None = None,
        ca_bundle: str | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.account = account
        self.device_id = device_id
        self._secret_source: SecretSource = secret_source or load_secret
        self._timeout = timeout
        self._ca_bundle = ca_bundle or None
        self._ca_checked = False
        self.session = requests.Session()
        self.session.trust_env = False  # the environment may not replace the CA file (see the module's docstring)
        self.session.verify = self._ca_bundle or True
        self.session.proxies.update(_proxies_for(self.base_url))
        self.session.headers["Accept"] = "application/json"
        self._token: str | None = None
        self._token_until = 0.0
        self.hall_code: str | None = None

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.account)

    def close(self) -> None:
        self.session.close()

    # -- the contract's calls -----------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/health", auth=False, read_timeout=min(self._timeout[1], HEALTH_READ_TIMEOUT_S))

    def login(self, secret: str | None = None) -> None:
        """Get a new token with ``secret`` (default: the keyring's, or the training secret)."""
        if not self.account:
            raise NotConfigured(problem("upload_not_configured"))
        if secret is None:
            secret = self._secret_source(self.account)
        if not secret:
            raise LoginFailed(problem("upload_no_secret", account=self.account))
        body = {"account": self.account, "secret": secret, "device_id": self.device_id}
        try:
            answer = self._call("POST", "/auth/token", auth=False, body=json.dumps(body))
        except Unauthorized:
            self._token = None
            raise LoginFailed(problem("upload_login_failed", account=self.account)) from None
        self._token = str(answer["access_token"])
        self._token_until = time.monotonic() + max(1.0, float(answer.get("expires_in", 60)) - TOKEN_MARGIN_S)
        self.hall_code = answer.get("hall_code")

    def ensure_token(self) -> None:
        if self._token is None or time.monotonic() >= self._token_until:
            self.login()

    def post_batch(self, batch_id: str, body: str) -> dict[str, Any]:
        return self._call("POST", "/batches", body=body, headers={"Idempotency-Key": batch_id})

    def get_batch(self, batch_id: str) -> dict[str, Any] | None:
        """The stored result of a batch; None when the platform never processed it (404)."""
        try:
            return self._call("GET", f"/batches/{batch_id}")
        except NotFound:
            return None

    def audit_heads(self, limit: int = 1000) -> list[dict[str, Any]]:
        """The audit-chain heads this device sent with its batches, newest first, as the platform keeps them."""
        answer = self._call("GET", f"/devices/{self.device_id}/audit-heads", params={"limit": str(limit)})
        items = answer.get("items")
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    def audit_heads_at(self, seqs: Iterable[int]) -> list[dict[str, Any]]:
        """The heads this device sent at these audit-chain sequence numbers (contract 1.2 ``seq``), newest first.

        Asked 100 numbers at a time (the contract's most per call), so a window compares its own chain however many
        batches came later. Each item is ``{"seq", "hash", "received_at"}``; a number the platform holds no head for
        is simply absent, and a number sent several times comes once per batch that carried it. An older platform
        that ignores ``seq`` answers its newest heads: only those at the numbers asked are returned.
        """
        wanted = sorted({int(n) for n in seqs if int(n) >= 1})
        found: list[dict[str, Any]] = []
        for start in range(0, len(wanted), MAX_SEQS_PER_CALL):
            chunk = wanted[start : start + MAX_SEQS_PER_CALL]
            params: dict[str, str | list[str]] = {"limit": "1000", "seq": [str(n) for n in chunk]}
            answer = self._call("GET", f"/devices/{self.device_id}/audit-heads", params=params)
            asked = set(chunk)
            found += [item for item in _items(answer) if item.get("seq") in asked]
        found.sort(key=lambda item: str(item.get("received_at", "")), reverse=True)
        return found

    def qualifications(self, id_number: str | None = None, *, certificate_no: str | None = None) -> list[dict[str, Any]]:
        """Certificates as the platform holds them, each once with its present paper, newest first: the person's
        (by ID number), or (contract 1.2) the one with this number as printed, e.g. read from its QR code."""
        params = {"id_number": id_number} if id_number else {"certificate_no": str(certificate_no)}
        return _items(self._call("GET", "/qualifications", params=params))

    def ce_hours(self, id_number: str, category: str | None = None) -> list[dict[str, Any]]:
        """The person's CE entries accepted anywhere in the province (newest accepted version of each record,
        voided ones left out), oldest session first (contract 1.1)."""
        params = {"id_number": id_number} | ({"category": category} if category else {})
        return _items(self._call("GET", "/ce-hours", params=params))

    def institutions(self, *, updated_since: str | None, cursor: str | None, limit: int = 500) -> dict[str, Any]:
        params = {"limit": str(limit)}
        if updated_since:
            params["updated_since"] = updated_since
        if cursor:
            params["cursor"] = cursor
        return self._call("GET", "/reference/institutions", params=params)

    # -- one request ----------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        body: str | None = None,
        params: Mapping[str, str | list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        read_timeout: float | None = None,
    ) -> dict[str, Any]:
        if not self.base_url:
            raise NotConfigured(problem("upload_not_configured"))
        refusal = address_refusal(self.base_url)
        if refusal is not None:
            raise AddressRefused(problem("upload_address_refused", url=self.base_url, hint_zh=refusal[0], hint_en=refusal[1]))
        self._check_ca_bundle()
        sent_headers = dict(headers or {})
        if auth:
            self.ensure_token()
            sent_headers["Authorization"] = f"Bearer {self._token}"
        if body is not None:
            sent_headers["Content-Type"] = "application/json; charset=utf-8"
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                data=body.encode("utf-8") if body is not None else None,
                params=params,
                headers=sent_headers,
                timeout=(self._timeout[0], read_timeout or self._timeout[1]),
            )
        except requests.exceptions.SSLError as error:
            refused = _verification_failure(error)
            if refused is not None:
                raise TlsFailed(problem("tls_verify_failed", reason=_tls_reason(refused)), refused.verify_message) from None
            raise Transient(_offline("加密连接没有建立", "no encrypted connection could be made"), "tls handshake") from None
        except requests.exceptions.Timeout:
            raise Transient(_offline("等待平台答复超时", "no answer in time"), "timeout") from None
        except requests.exceptions.RequestException as error:
            raise Transient(_offline("网络连接失败", "the network connection failed"), type(error).__name__) from None
        return self._answer(response)

    def _check_ca_bundle(self) -> None:
        """The hall's CA file is there and holds certificates (read once per client, before the first request)."""
        if self._ca_bundle is None or self._ca_checked:
            return
        try:
            ssl.create_default_context(cafile=self._ca_bundle)
        except (OSError, ValueError):  # missing, unreadable, or no PEM certificate in it (ssl.SSLError is an OSError)
            raise TlsFailed(problem("tls_ca_unusable", path=self._ca_bundle), "CA bundle unusable") from None
        self._ca_checked = True

    def _answer(self, response: requests.Response) -> dict[str, Any]:
        status = response.status_code
        if status == 200:
            try:
                value = response.json()
            except ValueError:
                raise Transient(_offline("平台的答复不完整", "the platform's answer was incomplete"), "malformed JSON") from None
            if not isinstance(value, dict):
                raise Transient(_offline("平台的答复不完整", "the platform's answer was incomplete"), "JSON is not an object")
            return value
        code, message = _error_of(response)
        if status == 401:
            if self._token is not None:
                self._token = None
            raise Unauthorized(problem("upload_token_refused", account=self.account), code)
        if status == 404:
            raise NotFound(problem("upload_refused", code=code, detail=message), code)
        if status == 409:
            raise InProgress(_offline("平台正在处理这一批", "the platform is still processing this batch"), _retry_after(response), code)
        if status == 413:
            raise TooLarge(problem("upload_refused", code=code, detail=message), code)
        if status in (429, 503):
            raise Throttled(_offline("平台繁忙", "the platform is busy"), _retry_after(response), f"{status} {code}")
        if status >= 500:
            raise Transient(_offline(f"平台内部错误 {status}", f"internal error {status} at the platform"), f"{status} {code}")
        return_problem = problem("upload_refused", code=code, detail=message)
        raise Refused(return_problem, status, code, message)


def _items(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The objects of a list answer's ``items`` (anything else in it is left out)."""
    items = answer.get("items")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _error_of(response: requests.Response) -> tuple[str, str]:
    try:
        value = response.json()
    except ValueError:
        return f"http_{response.status_code}", response.reason or ""
    if not isinstance(value, dict):
        return f"http_{response.status_code}", ""
    return str(value.get("code") or f"http_{response.status_code}"), str(value.get("message") or "")


def _proxies_for(base_url: str) -> dict[str, str]:
    """The environment's proxies for the platform (``NO_PROXY`` honoured); none for this computer.
    None for an address the client refuses anyway (every request says why), which may not even parse."""
    if address_refusal(base_url) is not None:
        return {}
    host = urlsplit(base_url).hostname or ""
    if is_loopback(host):
        return {}
    return dict(get_environ_proxies(base_url))


def _verification_failure(error: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification error inside requests' wrapping (requests -> urllib3 -> ssl), if that is the cause."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending and len(seen) < 20:
        current = pending.pop()
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.append(current)
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending.extend(e for e in linked if isinstance(e, BaseException) and all(e is not s for s in seen))
    return None


# OpenSSL's verify codes the clerk's supervisor can act on; anything else reads as "not trusted".
_TLS_REASONS: dict[int, tuple[str, str]] = {
    9: ("证书尚未生效，也可能是本机的日期不对", "the certificate is not valid yet, or this computer's date is wrong"),
    10: ("证书已过期，也可能是本机的日期不对", "the certificate has expired, or this computer's date is wrong"),
    62: ("证书与平台地址不符", "the certificate does not match the platform address"),
    64: ("证书与平台地址不符", "the certificate does not match the platform address"),
}
_UNTRUSTED = ("证书不是本机信任的机构签发的", "the certificate is not issued by an authority this computer trusts")


def _tls_reason(refused: ssl.SSLCertVerificationError) -> tuple[str, str]:
    return _TLS_REASONS.get(refused.verify_code, _UNTRUSTED)


def _retry_after(response: requests.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0
