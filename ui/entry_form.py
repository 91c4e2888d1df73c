"""One entry form (any of the four kinds): typed with the keyboard, checked as it is typed, saved with Enter.

The same rules as the command line and the import apply, because the form
checks with ``validate_record`` (against the institutions held in memory, so
a keystroke never waits on the database) and saves through ``RecordService``.
A problem is shown next to its field in the clerk's words once the field has
been typed in; a missing field only after an attempt to save. A near
duplicate is asked about in a confirm dialog; a saved entry shows its receipt
number, and F9 prints the receipt. The form also corrects a record: then it
opens filled with the current version and saves a new version.

Some fields depend on another (``FieldSpec.when`` and ``labels_by``): an
application asks for the completion certificate for a first issue and the
previous certificate for a reissue or renewal; a transition case's date reads
"考试日期" or "报名日期" by situation. A field not asked is not sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk_app import clock
from clerk_app.domain.id_number import parse_id_number
from clerk_app.domain.kinds import KIND_LABELS_ZH
from clerk_app.domain.problems import Problem
from clerk_app.domain.registry import Registry
from clerk_app.domain.text import canonical_code
from clerk_app.domain.validation import DEFAULT_MAX_AGE, validate_record
from clerk_app.services.records import Approval, RecordDetail, SaveOutcome
from ui import ce_history, placeholders, print_actions
from ui.ce_sessions import SessionsEditor
from ui.context import AppContext
from ui.duplicate_dialog import NearDuplicateDialog
from ui.entry_fields import FORMS, INSTITUTION_KIND, FieldSpec, date_text
from ui.field_error import FieldError
from ui.form_card import FormCard
from ui.institution_picker import InstitutionPicker, allowed
from ui.words import word

MISSING = {"missing_field", "empty"}
MIN_FIELDS_WIDTH = 560  # narrower than this, the fields scroll sideways
LABEL_COLUMN_MAX = 230  # a longer label (English) wraps instead of pushing the fields off the screen
SEX = {"male": QT_TRANSLATE_NOOP("words", "男"), "female": QT_TRANSLATE_NOOP("words", "女")}


def label_column_width(metrics: QFontMetrics, optional: str) -> int:
    """The label column's width: the widest label of all four kinds' forms (any wording a choice gives it)."""
    labels = [QCoreApplication.translate("EntryForm", "出生日期 / 性别")]
    for specs in FORMS.values():
        for spec in specs:
            suffix = "" if spec.required else optional
            labels.append(spec.label + suffix)
            if spec.labels_by is not None:
                labels += [word(zh) + suffix for zh, _en in spec.labels_by[1].values()]
    return min(LABEL_COLUMN_MAX, max(metrics.horizontalAdvance(label) for label in labels) + 12)


class FieldsArea(QScrollArea):
    """The form's fields: as tall as they are while the screen has room, scrolled when it has not, so the
    buttons under them are never below the fold."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Sideways only when a language's long choices make the fields wider than the screen allows: the window
        # itself never grows past 1366 pixels.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(body)
        self.viewport().setAutoFillBackground(False)  # the tab's own background, not a second shade
        body.setAutoFillBackground(False)
        self.body = body
        body.installEventFilter(self)

    def sizeHint(self) -> QSize:
        body = self.body
        width = body.sizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, body.heightForWidth(width) if body.hasHeightForWidth() else body.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.body.minimumSizeHint().width(), MIN_FIELDS_WIDTH), 120)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a field shown or hidden, a message wrapped: the fields' height changed
        return super().eventFilter(watched, event)


class EntryForm(QWidget):
    saved = Signal(object)  # SaveOutcome
    cancelled = Signal()

    def __init__(self, ctx: AppContext, kind: str, *, correcting: RecordDetail | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self.kind = kind
        self._specs: tuple[FieldSpec, ...] = FORMS[kind]
        self._correcting = correcting
        # A correction's reason and (for an accepted record) its approval, asked by the correction dialog.
        self.why: Callable[[], tuple[str, Approval | None]] | None = None
        self._institutions: list[dict[str, Any]] = []
        self._max_age = DEFAULT_MAX_AGE
        self._labels: dict[str, QLabel] = {}
        # The fields other fields depend on (when asked, how labelled).
        self._controls = {
            control[0] for spec in self._specs for control in (spec.when, spec.labels_by) if control is not None
        }
        self._touched: set[str] = set()
        self._show_missing = False
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.last_receipt: str | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(120)
        self._check_timer.timeout.connect(self.check)
        self._build()
        self.card = FormCard(self)  # filled from the ID card on the reader (ui/form_card.py)
        self._apply_conditions()
        self.reload_institutions()
        if correcting is not None:
            self._fill(correcting.versions[-1].payload)

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        title = QLabel(
            self.tr("更正：%1（回执号 %2）")
            .replace("%1", word(KIND_LABELS_ZH[self.kind]))
            .replace("%2", self._correcting.summary.receipt_no)
            if self._correcting
            else word(KIND_LABELS_ZH[self.kind])
        )
        title.setObjectName("title")
        outer.addWidget(title)
        body = QWidget()
        # The fields scroll when they need more than the screen's height; the result and the buttons stay in sight.
        # Made before the fields, so they join the Tab order in the order of the paper form.
        self.fields = FieldsArea(body)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        # The same label column on every kind's form, so the fields do not jump when the clerk switches tabs.
        grid.setColumnMinimumWidth(0, self.label_column())
        row = 0
        for spec in self._specs:
            widget = self._widget_for(spec)
            self.widgets[spec.name] = widget
            label = QLabel(spec.label + ("" if spec.required else self.tr("（选填）")))
            label.setWordWrap(True)
            label.setBuddy(widget)
            self._labels[spec.name] = label
            error = FieldError()  # under the field, as wide as the form: read whole, and the form holds still
            self.errors[spec.name] = error
            if spec.widget == "sessions":
                # The driver's cycle stands above the sessions: "how many hours, and what is missing" is seen
                # before the hours are typed.
                self.cycle = ce_history.CeCyclePanel(self._ctx)
                self.cycle.setContentsMargins(0, 0, 0, 8)
                grid.addWidget(self.cycle, row, 1, 1, 2)
                row += 1
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(widget, row, 1, 1, 2)
            else:
                grid.addWidget(label, row, 0)
                grid.addWidget(widget, row, 1)
            grid.addWidget(error, row + 1, 1, 1, 2)
            row += 2
            if spec.widget == "id":
                self.derived = QLabel()
                self.derived.setObjectName("derived")
                grid.addWidget(QLabel(self.tr("出生日期 / 性别")), row, 0)  # measured in label_column_width too
                grid.addWidget(self.derived, row, 1)
                grid.setRowMinimumHeight(row, self.derived.fontMetrics().lineSpacing() + 10)
                row += 1
        grid.setRowStretch(row, 1)  # room to spare goes below the last field: the rows keep their height
        outer.addWidget(self.fields)  # as tall as the fields while there is room: the buttons right under them
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        outer.addWidget(self.result)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存（Enter）"))
        self.cancel_button = QPushButton(self.tr("取消（Esc）"))
        self.print_button = QPushButton(self.tr("打印回执（F9）"))
        self.print_button.setEnabled(False)
        for button in (self.save_button, self.cancel_button, self.print_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        if self._correcting is not None:
            self.print_button.hide()  # a correction's receipt is printed from the record, once saved
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self.print_button.clicked.connect(self.print_receipt)
        for keys, slot in (("Ctrl+S", self.save), ("F9", self.print_receipt)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def label_column(self) -> int:
        """The label column's width, the same on every kind's form (and under a correction's fields)."""
        return label_column_width(self.fontMetrics(), self.tr("（选填）"))

    def add_above_buttons(self, widget: QWidget) -> None:
        """What a dialog asks besides the fields (a correction's reason and approval), between them and the buttons."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.result), widget)

    def _widget_for(self, spec: FieldSpec) -> QWidget:
        widget: QWidget
        if spec.widget in ("text", "id", "date"):
            edit = QLineEdit()
            placeholders.hint(edit, spec.hint_text)
            edit.textEdited.connect(self._schedule_check)
            edit.editingFinished.connect(lambda name=spec.name: self._touch(name))
            widget = edit
        elif spec.widget == "institution":
            picker = InstitutionPicker()
            placeholders.hint(picker, spec.hint_text)
            picker.textChanged.connect(self._schedule_check)
            picker.textChanged.connect(self._institution_chosen)
            picker.editingFinished.connect(lambda name=spec.name: self._touch(name))
            widget = picker
        elif spec.widget == "choice":
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the longest choice is never cut
            if spec.default is None:
                combo.addItem(self.tr("（请选择）"), None)
            for code in spec.choices:
                combo.addItem(spec.choice_text(code), code)
            if spec.default is not None:
                combo.setCurrentIndex(combo.findData(spec.default))
            combo.currentIndexChanged.connect(lambda _i, name=spec.name: self._chosen(name))
            widget = combo
        elif spec.widget == "note":
            note = QPlainTextEdit()
            note.setTabChangesFocus(True)
            note.setFixedHeight(70)
            note.textChanged.connect(lambda name=spec.name: self._touch(name))
            widget = note
        else:
            sessions = SessionsEditor()
            sessions.changed.connect(lambda name=spec.name: self._touch(name))
            widget = sessions
        return widget

    def reload_institutions(self) -> None:
        self._institutions = self._ctx.institutions.list()
        self._max_age = int(self._ctx.settings.get("qualification.max_age"))
        self._offer_institutions()

    def _institution_chosen(self) -> None:
        sessions = self.widgets.get("sessions")
        picker = self.widgets.get("institution_code")
        if isinstance(sessions, SessionsEditor) and isinstance(picker, InstitutionPicker):
            code = canonical_code(picker.code())
            chosen = next((p for p in self._institutions if p["code"] == code), None)
            sessions.set_filed_mode((chosen.get("filing") or {}).get("mode") if chosen else None)

    def _apply_conditions(self) -> None:
        """Show the fields asked with the current choices, each labelled as those choices say."""
        values = {name: self._value(name) for name in self._controls}
        for spec in self._specs:
            if spec.when is None and spec.labels_by is None:
                continue
            asked = spec.asked(values)
            for part in (self._labels[spec.name], self.widgets[spec.name], self.errors[spec.name]):
                part.setVisible(asked)
            self._labels[spec.name].setText(spec.label_for(values) + ("" if spec.required else self.tr("（选填）")))

    def _offer_institutions(self) -> None:
        picker = self.widgets.get("institution_code")
        if not isinstance(picker, InstitutionPicker):
            return
        vehicle_class = self._value("vehicle_class") if "vehicle_class" in self.widgets else None
        picker.offer(allowed(self._institutions, INSTITUTION_KIND[self.kind], vehicle_class))

    # -- reading and filling ----------------------------------------------------

    def _value(self, name: str) -> Any:
        widget = self.widgets[name]
        if isinstance(widget, InstitutionPicker):
            return widget.code()
        if isinstance(widget, QLineEdit):
            spec = next(s for s in self._specs if s.name == name)
            return date_text(widget.text()) if spec.widget == "date" else widget.text()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, SessionsEditor):
            return widget.sessions()
        raise TypeError(name)

    def payload(self) -> dict[str, Any]:
        """What the clerk typed, as the contract's payload (empty optional fields left out)."""
        values: dict[str, Any] = {}
        choices = {name: self._value(name) for name in self._controls}
        for spec in self._specs:
            if not spec.asked(choices):
                continue
            value = self._value(spec.name)
            if value is None or value == "" or (value == [] and not spec.required):
                if spec.required and spec.widget != "choice":
                    values[spec.name] = value if value is not None else ""
                continue
            values[spec.name] = value
        return values

    def _fill(self, payload: Mapping[str, Any]) -> None:
        for spec in self._specs:
            widget = self.widgets[spec.name]
            value = payload.get(spec.name)
            if isinstance(widget, InstitutionPicker):
                widget.show_code(str(value or ""), self._institutions)
            elif isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value or ""))
            elif isinstance(widget, SessionsEditor):
                widget.set_sessions(list(value or []))
        self._apply_conditions()
        self._touched = {spec.name for spec in self._specs}
        self.check()

    def clear(self) -> None:
        for spec in self._specs:
            widget = self.widgets[spec.name]
            if isinstance(widget, (QLineEdit, QPlainTextEdit, SessionsEditor)):
                widget.clear()
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(spec.default)))
        self.card.clear()
        self._apply_conditions()
        self._touched.clear()
        self._show_missing = False
        self.check()
        self.first_field().setFocus()

    def first_field(self) -> QWidget:
        return self.widgets[self._specs[0].name]

    def is_empty(self) -> bool:
        defaults = {spec.name: spec.default for spec in self._specs}
        return all(v in ("", None, []) or v == defaults.get(k) for k, v in self.payload().items())

    # -- checking as the clerk types ---------------------------------------------

    def _schedule_check(self) -> None:
        self._check_timer.start()

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._schedule_check()

    def _chosen(self, name: str) -> None:
        if name == "vehicle_class":
            self._offer_institutions()
        if name in self._controls:
            self._apply_conditions()
        self._touch(name)

    def check(self) -> list[Problem]:
        """Validate what is typed now and show each problem beside its field; returns every problem."""
        self._check_timer.stop()
        payload = self.payload()
        # The copy of the registry the form holds, so a keystroke never waits on the database.
        registry = Registry.of({p["code"]: p for p in self._institutions}, clock.today())
        validated = validate_record(self.kind, payload, registry, max_age=self._max_age)
        shown: dict[str, list[str]] = {}
        for found in validated.errors:
            top = (found.field or "").split(".")[0]
            if top not in self.errors:
                continue
            missing = found.code in MISSING and found.field == top
            if (missing and not self._show_missing) or (not missing and top not in self._touched and not self._show_missing):
                continue
            shown.setdefault(top, []).append(found.message(self._ctx.lang))
        self._show_errors(shown)
        self._show_derived(payload.get("id_number", ""))
        return list(validated.errors)

    def _show_errors(self, messages: Mapping[str, list[str]]) -> None:
        for name, label in self.errors.items():
            text = "\n".join(messages.get(name, []))
            label.setText(text)
            label.setToolTip(text)
            widget = self.widgets[name]
            if widget.property("invalid") != bool(text):  # restyled only when this changes (each restyle costs)
                widget.setProperty("invalid", bool(text))
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _show_derived(self, id_text: str) -> None:
        if not hasattr(self, "derived"):
            return
        parsed = parse_id_number(id_text, clock.today()) if id_text else None
        if parsed is None or isinstance(parsed, Problem):
            self.derived.setText("")
            if hasattr(self, "cycle"):
                self.cycle.clear()
            return
        self.derived.setText(f"{parsed.birth_date.isoformat()}　{word(SEX[parsed.sex])}")
        if hasattr(self, "cycle"):  # the CE form: the driver's cycle, asked of the platform once per ID number
            exclude = self._correcting.summary.record_id if self._correcting else None
            typed = ce_history.typed_day(self._value("qualification_first_issued_on"))
            self.cycle.show_for(parsed.canonical, category=self._value("category"), typed=typed, exclude=exclude)

    # -- saving -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, SessionsEditor) or (focus is not None and isinstance(focus.parent(), SessionsEditor)):
                return  # Enter in the session boxes adds the line (handled there)
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        self._show_missing = True
        problems = self.check()
        if problems:
            self._focus_first_problem(problems)
            self._result(self.tr("有 %n 处需要修改，请看红色提示。", "", len(problems)), ok=False)
            return
        outcome = self._save(confirm=False)
        if not outcome.ok and all(p.code == "possible_duplicate" for p in outcome.errors):
            if self._confirm_duplicate(outcome.errors):
                outcome = self._save(confirm=True)
            else:
                self._result(self.tr("未保存：请核对是否重复录入。"), ok=False)
                return
        if not outcome.ok:
            self._show_refusal(outcome.errors)
            return
        self._saved(outcome)

    def _save(self, *, confirm: bool) -> SaveOutcome:
        payload = self.payload()
        if self._correcting is not None:
            reason, approval = self.why() if self.why is not None else (None, None)
            return self._ctx.records.correct(
                self._correcting.summary.record_id,
                payload,
                operator=self._ctx.operator_id,
                reason=reason,
                approval=approval,
                confirm_duplicate=confirm,
                from_card=self.card.fields(),
            )
        return self._ctx.records.add(
            self.kind, payload, operator=self._ctx.operator_id, confirm_duplicate=confirm, from_card=self.card.fields()
        )

    def _confirm_duplicate(self, warnings: list[Problem]) -> bool:
        return NearDuplicateDialog(self._ctx, warnings, self).exec() == QDialog.DialogCode.Accepted

    def _show_refusal(self, errors: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for found in errors:
            top = (found.field or "").split(".")[0]
            (by_field.setdefault(top, []) if top in self.errors else general).append(found.message(self._ctx.lang))
        self._show_errors(by_field)
        self._result("\n".join(general) or self.tr("未保存，请按红色提示修改。"), ok=False)
        self._focus_first_problem(errors)

    def _focus_first_problem(self, problems: list[Problem]) -> None:
        fields = {(p.field or "").split(".")[0] for p in problems}
        for spec in self._specs:
            if spec.name in fields:
                widget = self.widgets[spec.name]
                (widget.course if isinstance(widget, SessionsEditor) else widget).setFocus()
                return

    def _saved(self, outcome: SaveOutcome) -> None:
        self.last_receipt = outcome.receipt_no
        self.print_button.setEnabled(True)
        if self._correcting is not None:
            text = self.tr("已保存更正（第 %1 版）。回执号：%2").replace("%1", str(outcome.version))
        else:
            text = self.tr("已保存。受理回执号：%2　按 F9 打印回执。")
        self._result(text.replace("%2", outcome.receipt_no or ""), ok=True)
        self._ctx.records_changed.emit()
        self.saved.emit(outcome)
        if self._correcting is None:
            result = self.result.text()
            self.clear()
            self._result(result, ok=True)

    def _result(self, text: str, *, ok: bool) -> None:
        self.result.setObjectName("resultOk" if ok else "resultBad")
        self.result.setText(text)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()

    def cancel(self) -> None:
        if not self.is_empty() and self._correcting is None:
            answer = QMessageBox.question(
                self,
                self.tr("放弃录入"),
                self.tr("清空本次已填写的内容吗？（尚未保存）"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._correcting is None:
            self.clear()
            self.result.hide()
        self.cancelled.emit()

    def print_receipt(self) -> None:
        if self.last_receipt:
            print_actions.receipt(self, self._ctx, self.last_receipt)
