"""Descriptor -> widget mapping of the docker's pages, headless (QT_QPA_PLATFORM=offscreen); skipped without PyQt."""

import os
import unittest

import fakes  # noqa: F401
import descriptors

try:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from atelier import qt
    from atelier.atelier_client.panels import Panel
    from atelier.widgets import PanelPage
    _app = qt.QApplication.instance() or qt.QApplication([])
    HAVE_QT = True
except ImportError:
    HAVE_QT = False


@unittest.skipUnless(HAVE_QT, "PyQt5/PyQt6 is not installed (apt-get install python3-pyqt5)")
class WidgetsTest(unittest.TestCase):

    def test_upscale_page_has_combos_with_defaults_and_presets(self):
        page = PanelPage(Panel(descriptors.UPSCALE))
        self.assertEqual(["combo", "combo"], [w.kind for w in page.fields])
        self.assertIsInstance(page.field("factor").widget, qt.QComboBox)
        self.assertEqual(["2×", "4×", "8×"], [page.field("factor").combo.itemText(i) for i in range(3)])
        self.assertEqual({"factor": "2", "preset": "precise"}, page.values())
        page.apply_preset("creative")
        self.assertEqual("creative", page.values()["preset"])
        self.assertEqual(["Preset…", "Precise", "Balanced", "Creative"],
                         [page.presets.itemText(i) for i in range(page.presets.count())])
        page.presets.setCurrentIndex(2)
        page.presets.activated.emit(2)
        self.assertEqual("balanced", page.values()["preset"])
        self.assertTrue(page.body.isEnabled())
        self.assertTrue(page.reason.isHidden())

    def test_every_field_type_round_trips(self):
        page = PanelPage(Panel(descriptors.RETOUCH))
        self.assertEqual({"prompt": "", "grow": 8, "guidance": 7.0, "seed": -1, "hires": False, "style": "plain"},
                         page.values())
        self.assertIsInstance(page.field("prompt").widget, qt.QPlainTextEdit)
        self.assertIsInstance(page.field("grow").slider, qt.QSlider)
        self.assertIsInstance(page.field("guidance").widget, qt.QDoubleSpinBox)
        self.assertIsInstance(page.field("hires").widget, qt.QCheckBox)
        self.assertIsInstance(page.field("mask").widget, qt.QLabel)
        self.assertEqual("Uses the selection (required)", page.field("mask").widget.text())
        page.set_values({"prompt": "sky", "grow": 20, "guidance": 7.5, "seed": 4294967295, "hires": True,
                         "style": "x" * 30})
        self.assertEqual({"prompt": "sky", "grow": 20, "guidance": 7.5, "seed": 4294967295, "hires": True,
                          "style": "x" * 20}, page.values())
        page.field("grow").slider.setValue(33)
        self.assertEqual(33, page.values()["grow"])

    def test_float_slider_uses_the_step(self):
        page = PanelPage(Panel(descriptors.DETECT))
        spin = page.field("line-weight").spin
        self.assertEqual((0.3, 5.0, 0.1, 1), (spin.minimum(), spin.maximum(), round(spin.singleStep(), 3),
                                              spin.decimals()))
        page.set_values({"line_weight": 1.5, "mode": "Line art"})
        self.assertEqual(1.5, page.values()["line-weight"])
        self.assertEqual("lineart", page.values()["mode"])

    def test_unavailable_panel_is_disabled_with_its_reason(self):
        page = PanelPage(Panel(descriptors.IMG2IMG_UNAVAILABLE))
        self.assertFalse(page.body.isEnabled())
        self.assertFalse(page.reason.isHidden())
        self.assertEqual("Img2Img needs an engine that is not installed yet", page.reason.text())


if __name__ == "__main__":
    unittest.main()
