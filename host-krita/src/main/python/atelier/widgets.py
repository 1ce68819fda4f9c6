"""Panel descriptor -> Qt widgets (one page per panel). Qt only, no Krita: runs headless in the unit tests."""

from . import panels as panels_mod
from .atelier_client.panels import normalize_params, slider_decimals
from .qt import (ALIGN_TOP, HORIZONTAL, TEXT_SELECTABLE, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout,
                 QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRegularExpression, QRegularExpressionValidator,
                 QSlider, QSpinBox, QToolButton, QVBoxLayout, QWidget)

SEED_MAX = 4294967295


class FieldWidget(object):
    """One control for one field: `.widget` to lay out, `value()` / `set_value(v)` in the wire form."""

    def __init__(self, field):
        self.field = field
        self.kind = panels_mod.widget_kind(field)
        self.widget = getattr(self, "_build_" + self.kind.replace("-", "_"))()
        self.widget.setObjectName("atelier-field-" + field["id"])
        if field.get("help"):
            self.widget.setToolTip(field["help"])
        if "default" in field and self.kind != "label":
            self.set_value(field["default"])

    # builders -----------------------------------------------------------------------------------------------
    def _build_line(self):
        self.edit = QLineEdit()
        if self.field.get("maxLength"):
            self.edit.setMaxLength(int(self.field["maxLength"]))
        return self.edit

    def _build_text(self):
        self.edit = QPlainTextEdit()
        self.edit.setMaximumHeight(72)
        if self.field.get("label"):
            self.edit.setPlaceholderText(self.field.get("help") or self.field["label"])
        return self.edit

    def _build_int_slider(self):
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        lo, hi = int(self.field.get("min", 0)), int(self.field.get("max", 100))
        step = max(1, int(self.field.get("step", 1)))
        self.slider = QSlider(HORIZONTAL)
        self.slider.setRange(lo, hi)
        self.slider.setSingleStep(step)
        self.spin = QSpinBox()
        self.spin.setRange(lo, hi)
        self.spin.setSingleStep(step)
        self.slider.valueChanged.connect(self.spin.setValue)
        self.spin.valueChanged.connect(self.slider.setValue)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        return box

    def _build_float_spin(self):
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(slider_decimals(self.field))
        self.spin.setRange(float(self.field.get("min", 0)), float(self.field.get("max", 1)))
        self.spin.setSingleStep(float(self.field.get("step", 0.1) or 0.1))
        return self.spin

    def _build_combo(self):
        self.combo = QComboBox()
        for choice in self.field.get("choices", []):
            self.combo.addItem(choice.get("label", choice["value"]), choice["value"])
        return self.combo

    def _build_check(self):
        self.check = QCheckBox()
        return self.check

    def _build_seed(self):
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-1|\d{0,10}"), self.edit))
        self.edit.setPlaceholderText("-1 = random")
        random = QToolButton()
        random.setText("Random")
        random.setToolTip("A new random seed each run (-1)")
        random.clicked.connect(lambda: self.edit.setText("-1"))
        row.addWidget(self.edit, 1)
        row.addWidget(random)
        return box

    def _build_label(self):
        self.label = QLabel(panels_mod.describe_source(self.field))
        self.label.setWordWrap(True)
        return self.label

    # values -------------------------------------------------------------------------------------------------
    def value(self):
        k = self.kind
        if k == "line":
            return self.edit.text()
        if k == "text":
            return self.edit.toPlainText()
        if k == "int-slider":
            return int(self.spin.value())
        if k == "float-spin":
            return float(self.spin.value())
        if k == "combo":
            return self.combo.currentData()
        if k == "check":
            return bool(self.check.isChecked())
        if k == "seed":
            text = self.edit.text().strip()
            return int(text) if text not in ("", "-") else -1
        return None

    def set_value(self, value):
        k = self.kind
        if k == "line":
            self.edit.setText("" if value is None else str(value))
        elif k == "text":
            self.edit.setPlainText("" if value is None else str(value))
        elif k == "int-slider":
            self.spin.setValue(int(round(float(value))))
        elif k == "float-spin":
            self.spin.setValue(float(value))
        elif k == "combo":
            wanted = str(value).lower()
            for i in range(self.combo.count()):
                if str(self.combo.itemData(i)).lower() == wanted or self.combo.itemText(i).lower() == wanted:
                    self.combo.setCurrentIndex(i)
                    return
        elif k == "check":
            self.check.setChecked(value in (True, "true", "True", 1))
        elif k == "seed":
            self.edit.setText(str(int(value)))


class PanelPage(QWidget):
    """A panel's page: description, why it is unavailable, presets, then one row per field."""

    def __init__(self, panel, parent=None):
        QWidget.__init__(self, parent)
        self.panel = panel
        self.setObjectName("atelier-page-" + panel.id)
        layout = QVBoxLayout(self)
        layout.setAlignment(ALIGN_TOP)
        self.reason = QLabel("")
        self.reason.setObjectName("atelier-unavailable")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.reason.setTextInteractionFlags(TEXT_SELECTABLE)
        self.reason.setVisible(not panel.available)
        if not panel.available:
            self.reason.setText(panel.unavailable_message())
        layout.addWidget(self.reason)
        if panel.description:
            about = QLabel(panel.description)
            about.setWordWrap(True)
            layout.addWidget(about)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        self.presets = None
        if panel.presets:
            self.presets = QComboBox()
            self.presets.setObjectName("atelier-presets")
            self.presets.addItem("Preset…", None)
            for p in panel.presets:
                self.presets.addItem(p.get("label", p["id"]), p["id"])
            self.presets.activated.connect(self._preset_chosen)
            form.addRow("Presets", self.presets)
        self.fields = []
        for f in panel.fields:
            w = FieldWidget(f)
            self.fields.append(w)
            form.addRow(f.get("label", f["id"]), w.widget)
        layout.addWidget(self.body)
        self.body.setEnabled(panel.available)

    def field(self, field_id):
        for w in self.fields:
            if w.field["id"] == field_id:
                return w
        return None

    def values(self):
        """Field id -> value for every non-source field, as the daemon binds them."""
        return dict((w.field["id"], w.value()) for w in self.fields if w.kind != "label")

    def set_values(self, values):
        for key, value in normalize_params(values).items():
            w = self.field(key)
            if w is not None:
                w.set_value(value)

    def apply_preset(self, preset_id):
        preset = self.panel.preset(preset_id)
        if preset is None:
            raise KeyError("panel '%s' has no preset '%s'" % (self.panel.id, preset_id))
        self.set_values(preset.get("values", {}))

    def _preset_chosen(self, index):
        preset_id = self.presets.itemData(index)
        if preset_id:
            self.apply_preset(preset_id)
