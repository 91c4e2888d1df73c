"""A certificate found by its scanned QR code: holder, validity, status and CE standing, looked up off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from clerk_app import clock
from clerk_app.domain.kinds import CE_CATEGORIES
from clerk_app.domain.masking import mask_id_number
from clerk_app.services.certificate_check import CertificateCheck
from ui.context import AppContext
from ui.tasks import run_task
from ui.words import word

STATUSES = {
    "valid": QT_TRANSLATE_NOOP("words", "有效"),
    "expired": QT_TRANSLATE_NOOP("words", "已过期"),
    "revoked": QT_TRANSLATE_NOOP("words", "已注销"),
    "suspended": QT_TRANSLATE_NOOP("words", "已暂扣"),
}


class CertificateDialog(QDialog):
    def __init__(self, ctx: AppContext, certificate_no: str, code: str, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._ctx = ctx
        self.setWindowTitle(self.tr("扫码查证：%1").replace("%1", certificate_no))
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.message = QLabel(self.tr("正在查找证书 %1 …").replace("%1", certificate_no))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("certificate_no", self.tr("证书编号")),
            ("holder", self.tr("持证人")),
            ("category", self.tr("类别")),
            ("validity", self.tr("有效期")),
            ("status", self.tr("状态")),
            ("ce", self.tr("继续教育")),
        ):
            value = QLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            self.form.addRow(label, value)
        layout.addLayout(self.form)
        self.source = QLabel()
        self.source.setObjectName("derived")
        self.source.setWordWrap(True)
        layout.addWidget(self.source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        service = ctx.services.certificate_check(ctx.platform, lang=ctx.lang)
        self.found: CertificateCheck | None = None
        run_task(lambda: service.check(certificate_no, code), self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(self.tr("查找失败：%1").replace("%1", str(error)))

    def _show(self, found: CertificateCheck) -> None:
        self.found = found
        certificate = found.certificate
        if certificate is None:
            self.message.setText(
                self.tr("没有找到证书 %1：平台和本机都没有它的记录。请核对纸质证书，或请持证人到发证窗口查询。")
                .replace("%1", found.certificate_no)
            )
            self._source(found)
            return
        today = clock.today()
        valid_until = date.fromisoformat(str(certificate.get("valid_until")))
        status = str(certificate.get("status") or "")
        if status == "valid" and valid_until < today:
            status = "expired"
        self.values["certificate_no"].setText(str(certificate.get("certificate_no")))
        self.values["holder"].setText(
            self.tr("%1（%2）").replace("%1", str(certificate.get("name"))).replace("%2", mask_id_number(str(certificate.get("id_number"))))
        )
        self.values["category"].setText(word(CE_CATEGORIES.get(str(certificate.get("category")), str(certificate.get("category")))))
        # valid_from exactly as the platform sent it; a 1.1 platform sends none, and it is never made from issued_on.
        valid_from = str(certificate.get("valid_from") or "—")
        self.values["validity"].setText(self.tr("%1 至 %2").replace("%1", valid_from).replace("%2", valid_until.isoformat()))
        self.values["status"].setText(word(STATUSES.get(status, status)))
        self.values["status"].setObjectName("resultOk" if status == "valid" else "resultBad")
        self.values["ce"].setText(self._ce_line(found))
        if found.code_matches is False:
            self.message.setText(self.tr("注意：二维码中的校验码与平台记录不符，可能是旧证或不是平台签发的证书。请核对纸质证书。"))
            self.message.setObjectName("resultBad")
        else:
            self.message.setText(self.tr("已找到证书。"))
        self._source(found)
        for label in (self.message, self.values["status"]):
            label.style().unpolish(label)
            label.style().polish(label)

    def _ce_line(self, found: CertificateCheck) -> str:
        standing = found.standing
        summary = standing.summary if standing is not None else None
        if standing is None or summary is None:
            return self.tr("无法按周期统计（不知道初次领证日期）")
        line = (
            self.tr("本周期 %1 至 %2，已计入 %3 / %4 学时")
            .replace("%1", summary.cycle_start.isoformat())
            .replace("%2", summary.cycle_end.isoformat())
            .replace("%3", f"{summary.credited_hours:g}")
            .replace("%4", f"{standing.rule.hours_required:g}")
        )
        if summary.complete:
            return line + self.tr("，已满足本周期要求")
        return line + self.tr("，还差 %1 学时").replace("%1", f"{summary.missing_hours:g}")

    def _source(self, found: CertificateCheck) -> None:
        if found.online:
            self.source.setText(self.tr("以上为省平台刚刚的答复。"))
        elif found.offline_reason:
            self.source.setText(self.tr("平台暂时无法查询（%1），以上为本机保存的记录。").replace("%1", found.offline_reason))
        else:
            self.source.setText(self.tr("未设置省平台，以上为本机保存的记录。"))
