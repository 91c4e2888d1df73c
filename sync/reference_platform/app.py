"""The reference platform's HTTP interface: the Flask routes of the contract (../shared/platform-api.yaml).

Every answer is JSON; every error body is ``{code, message}`` with a Chinese
message; 429 and 503 carry Retry-After. The routes only translate between
HTTP and the platform (``server.ReferencePlatform``), which holds the state.

A token speaks for one account and the device it logged in from. Batches and
records are that account's own (another's answer 404, as never received), and
audit heads that device's own (403); certificates and CE hours are the
province's, so any window may look a person up.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from clerk_app import clock
from clerk_app.domain.masking import mask_id_number, mask_name
from clerk_app.domain.text import canonical_code
from sync.reference_platform.faults import AFTER, BEFORE
from sync.reference_platform.judge import answerable, is_timestamp, is_uuid, read_int, unreadable
from sync.reference_platform.store import utc_key

if TYPE_CHECKING:
    from sync.reference_platform.server import ReferencePlatform

PREFIX = "/api/v1"
API_VERSION = "1.2"
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")


class CutConnection(ConnectionError):
    """Raised to end a request with no response at all: a reset (RST) or a quiet close after the commit."""

    def __init__(self, reset: bool) -> None:
        super().__init__("connection cut by an injected fault")
        self.reset = reset


class Refused(Exception):
    """Answer the request with this status and error body."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return Response(text, status=status, headers=headers, content_type="application/json; charset=utf-8")


def _refusal(refused: Refused) -> Response:
    headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after is not None else {}
    if refused.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return json_response({"code": refused.code, "message": refused.message}, refused.status, headers)


def _malformed(message: str) -> Refused:
    return Refused(400, "malformed", message)


def _timestamp(shift_s: float = 0.0) -> str:
    return (clock.now() + timedelta(seconds=shift_s)).isoformat(timespec="milliseconds")


def create_app(platform: ReferencePlatform) -> Flask:
    app = Flask("sync.reference_platform")
    # CutConnection must reach the server's request handler, which closes the socket.
    app.config["PROPAGATE_EXCEPTIONS"] = True

    def authorised(view: Callable[..., Response]) -> Callable[..., Response]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Response:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            session = platform.tokens.session(token.strip()) if scheme.lower() == "bearer" else None
            if session is None:
                raise Refused(401, "unauthorized", "登录已过期或无效，请重新登录后再试。")
            g.session = session
            return view(*args, **kwargs)

        return guarded

    @app.errorhandler(Exception)
    def _errors(error: Exception) -> Response:
        if isinstance(error, Refused):
            return _refusal(error)
        if isinstance(error, HTTPException):
            code = {404: "not_found", 405: "method_not_allowed"}.get(error.code or 500, "malformed")
            return json_response({"code": code, "message": f"请求无法处理：{error.name}。"}, error.code or 500)
        if isinstance(error, CutConnection):
            raise error
        app.logger.error("reference platform: internal error", exc_info=error)
        return json_response({"code": "internal_error", "message": "平台内部错误，请稍后重试。"}, 500)

    @app.before_request
    def _strike() -> Response | None:
        """Apply an armed fault that strikes before anything is processed."""
        path = _api_path()
        fault = platform.faults.take(path, BEFORE) if path is not None else None
        g.fault = fault
        if fault is None:
            return None
        if fault.kind == "error_500":
            return json_response({"code": "internal_error", "message": "平台内部错误（测试注入），请稍后重试。"}, 500)
        if fault.kind in ("throttle_503", "throttle_429"):
            status = 503 if fault.kind == "throttle_503" else 429
            busy = ("maintenance", "平台正在维护或繁忙，请稍后重试。")
            code, message = busy if status == 503 else ("throttled", "请求过于频繁，请稍后重试。")
            raise Refused(status, code, message, retry_after=fault.retry_after)
        if fault.kind == "reset":
            raise CutConnection(reset=True)
        if fault.kind == "delay" and not (request.method == "POST" and path == "/batches"):
            time.sleep(fault.seconds)
        return None

    @app.after_request
    def _strike_after(response: Response) -> Response:
        """Apply an armed fault that strikes once the request's work is committed."""
        path = _api_path()
        fault = platform.faults.take(path, AFTER) if path is not None and response.status_code < 400 else None
        if fault is not None and fault.kind == "drop_after_commit":
            raise CutConnection(reset=False)
        if fault is not None and fault.kind == "malformed_json":
            return Response(b'{"batch_id": "', status=200, content_type="application/json; charset=utf-8")
        return response

    @app.get(f"{PREFIX}/health")
    def health() -> Response:
        return json_response({"status": "ok", "server_time": _timestamp(platform.clock_offset_s), "api_version": API_VERSION})

    @app.post(f"{PREFIX}/auth/token")
    def token() -> Response:
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested beyond reading: no login in it either
            body = None
        if not isinstance(body, dict) or not all(
            isinstance(body.get(k), str) and body.get(k) and unreadable(body[k]) is None and len(body[k]) <= limit
            for k, limit in (("account", 64), ("secret", 256), ("device_id", 64))
        ):
            raise Refused(401, "unauthorized", "登录信息不完整：需要账号、密码和窗口编号。")
        access_token, expires_in, hall = platform.log_in(body["account"], body["secret"], body["device_id"])
        return json_response({"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in, "hall_code": hall})

    @app.get(f"{PREFIX}/reference/institutions")
    @authorised
    def institutions() -> Response:
        since = request.args.get("updated_since")
        try:
            since_key = utc_key(since) if since is not None else None
        except ValueError:
            raise _malformed("updated_since 应为带时区的时间，如 2026-01-05T09:00:00+08:00。") from None
        limit = _limit(500)
        after = _decode_cursor(request.args["cursor"]) if "cursor" in request.args else None
        page = platform.store.institution_page(since_key, after, limit + 1)
        items = [institution for _, institution in page[:limit]]
        next_cursor = _encode_cursor(page[limit - 1][0]) if len(page) > limit else None
        return json_response({"items": items, "next_cursor": next_cursor})

    @app.post(f"{PREFIX}/batches")
    @authorised
    def post_batch() -> Response:
        key = request.headers.get("Idempotency-Key", "")
        length = request.content_length
        limit = platform.max_body_bytes
        if length is not None and length > limit:
            raise Refused(413, "too_large", f"批次太大（{length} 字节，上限 {limit} 字节）。请分成较小的批次上传。")
        raw = request.stream.read(limit + 1)
        if len(raw) > limit:
            raise Refused(413, "too_large", f"批次太大（上限 {limit} 字节）。请分成较小的批次上传。")
        try:
            body = json.loads(raw, parse_int=read_int)  # a 5,000-digit number rejects its record, not the batch
        except (ValueError, UnicodeDecodeError):
            raise _malformed("批次内容不是有效的 JSON。") from None
        except RecursionError:
            raise _malformed("批次内容嵌套过深，不是接口规定的结构。") from None
        records = _check_batch(body, key)
        result = platform.process_batch(g.session, key, body, records, raw, g.fault, _base_url())
        return json_response(result)

    # Batches and records are the account's own: another account's are answered as never received.
    @app.get(f"{PREFIX}/batches/<batch_id>")
    @authorised
    def get_batch(batch_id: str) -> Response:
        stored = platform.store.batch(g.session.account, batch_id)
        if stored is None:
            raise Refused(404, "not_found", "省平台没有收到过这个批次。")
        return json_response(stored[1])

    @app.get(f"{PREFIX}/records/<record_id>")
    @authorised
    def get_record(record_id: str) -> Response:
        found = platform.store.record(g.session.account, record_id)
        if found is None:
            raise Refused(404, "not_found", "省平台没有接收过这条记录。")
        return json_response(found)

    # Certificates and CE hours are the province's: any window may look a person up.
    @app.get(f"{PREFIX}/qualifications")
    @authorised
    def qualifications() -> Response:
        """By the holder's ID number, or (1.2) by a certificate's number as printed; each certificate once.

        A number that names nothing (neither given, or text no certificate could carry) finds nothing: the contract
        documents no 400 here.
        """
        number = request.args.get("certificate_no")
        if "id_number" in request.args:
            held = platform.store.qualifications(_id_number_arg())
            if number is not None:
                held = [q for q in held if canonical_code(number) in (canonical_code(str(q["certificate_no"])), q["id_number"])]
        elif number is not None and 1 <= len(canonical_code(number)) <= 64 and unreadable(number) is None:
            held = platform.store.qualifications_numbered(number)
        else:
            held = []
        return json_response({"items": [platform.as_of_today(q) for q in held]})

    @app.get(f"{PREFIX}/ce-hours")
    @authorised
    def ce_hours() -> Response:
        number = _id_number_arg()
        category = request.args.get("category")
        if category not in (None, "passenger", "freight"):
            raise _malformed("category 应为 passenger 或 freight。")
        return json_response({"items": platform.store.ce_entries(number, category)})

    @app.get(f"{PREFIX}/devices/<device_id>/audit-heads")
    @authorised
    def audit_heads(device_id: str) -> Response:
        if device_id != g.session.device_id:
            raise Refused(403, "forbidden", "只能查询本窗口自己上传的审计链头。")
        heads = platform.store.audit_heads(device_id, _limit(100), account=g.session.account, seqs=_seqs())
        return json_response({"items": heads})

    @app.get(f"{PREFIX}/verify/<certificate_no>/<code>")
    def verify(certificate_no: str, code: str) -> Response:
        """The public page a certificate's QR code opens: found only with the certificate's own random code."""
        held = platform.store.verified(certificate_no, code)
        found = [platform.as_of_today(held)] if held is not None else []
        return Response(_verify_page(found), status=200 if found else 404, content_type="text/html; charset=utf-8")

    @app.get(f"{PREFIX}/verify/<certificate_no>")
    def verify_without_code(certificate_no: str) -> Response:
        """A link made from a number alone (before 1.2) reveals nothing, not even whether the certificate exists."""
        return Response(_verify_page([]), status=404, content_type="text/html; charset=utf-8")

    return app


def _api_path() -> str | None:
    """The request's path below /api/v1, as faults are matched against it."""
    return request.path.removeprefix(PREFIX) if request.path.startswith(PREFIX) else None


def _limit(default: int) -> int:
    try:
        limit = int(request.args.get("limit", str(default)))
    except ValueError:
        raise _malformed("limit 应为 1 到 1000 之间的整数。") from None
    if not 1 <= limit <= 1000:
        raise _malformed("limit 应为 1 到 1000 之间的整数。")
    return limit


MAX_SEQS = 100


def _seqs() -> list[int] | None:
    """The ``seq`` parameters of audit heads (1.2): chain sequence numbers, at most 100; None when none is given."""
    given = request.args.getlist("seq")
    if not given:
        return None
    if len(given) > MAX_SEQS:
        raise _malformed(f"seq 最多 {MAX_SEQS} 个。")
    try:
        seqs = [int(n) for n in given]
    except ValueError:
        raise _malformed("seq 应为正整数（审计链的序号）。") from None
    if any(n < 1 for n in seqs):
        raise _malformed("seq 应为正整数（审计链的序号）。")
    return seqs


def _id_number_arg() -> str:
    number = canonical_code(request.args.get("id_number", ""))
    if not _ID_NUMBER.fullmatch(number):
        raise _malformed("id_number 应为 18 位身份证号。")
    return number


def _base_url() -> str:
    return request.host_url.rstrip("/") + PREFIX


def _encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    """The position a cursor stands for. Any text is some position in the change order, so none is refused."""
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return cursor


def _check_batch(body: object, key: str) -> list[dict[str, Any]]:
    """The batch's records, or a 400 naming what makes the batch as a whole unreadable."""
    if not isinstance(body, dict):
        raise _malformed("批次应为 JSON 对象。")
    if not is_uuid(key):
        raise _malformed("缺少 Idempotency-Key 请求头，或它不是 UUID。")
    if body.get("batch_id") != key:
        raise _malformed("批次号（batch_id）必须与 Idempotency-Key 请求头相同。")
    for name in ("device_id", "operator_id"):
        value = body.get(name)
        if not isinstance(value, str) or len(value) > 64 or unreadable(value) is not None:
            raise _malformed(f"{name} 应为不超过 64 个字符的文字。")
    head = body.get("audit_head")
    if isinstance(head, dict) and isinstance(head.get("seq"), float) and head["seq"].is_integer():
        head["seq"] = int(head["seq"])  # JSON Schema's integer includes 3.0
    if head is not None and not (
        isinstance(head, dict)
        and isinstance(head.get("seq"), int) and not isinstance(head["seq"], bool) and head["seq"] >= 0
        and isinstance(head.get("hash"), str) and len(head["hash"]) <= 256 and unreadable(head["hash"]) is None
    ):
        raise _malformed("audit_head 应为 {seq: 非负整数, hash: 文字}。")
    if not is_timestamp(body.get("created_at")):
        raise _malformed("created_at 应为带时区的时间，如 2026-01-05T09:00:00+08:00。")
    records = body.get("records")
    if not isinstance(records, list) or not 1 <= len(records) <= 500:
        raise _malformed("records 应为 1 到 500 条记录的列表。")
    for n, record in enumerate(records, start=1):
        if not answerable(record):
            raise _malformed(f"第 {n} 条记录没有有效的 record_id（UUID）和 version（整数），无法逐条答复。")
    return records


def _verify_page(found: list[dict[str, Any]]) -> str:
    if not found:
        rows = "<p>未查到此从业资格证。</p>"
    else:
        newest = found[0]
        rows = "".join(
            f"<tr><th>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>"
            for label, value in (
                ("姓名", mask_name(str(newest.get("name", "")))),
                ("证号", mask_id_number(newest["certificate_no"])),
                ("类别", "道路货物运输驾驶员" if newest["category"] == "freight" else "道路旅客运输驾驶员"),
                ("发证日期", newest["issued_on"]),
                ("有效期至", newest["valid_until"]),
                ("状态", {"valid": "有效", "suspended": "暂扣", "revoked": "吊销", "expired": "过期"}[newest["status"]]),
            )
        )
        rows = f"<table>{rows}</table>"
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>从业资格证查验（参考平台）</title></head>"
        f"<body><h1>道路运输从业资格证查验</h1>{rows}<p>本页由开发用参考平台生成，不是真实的查验结果。</p></body></html>"
    )

