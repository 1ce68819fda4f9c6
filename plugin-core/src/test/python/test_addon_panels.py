"""The add-ons' panel model (atelier_client.panels): lookup, selection rules, defaults, names, script params."""

import unittest

from atelier_client.panels import Panel, find, normalize_params, slider_decimals


def _source(fid, allowed, required=False):
    return {"type": "source", "id": fid, "allowed": allowed, "required": required, "default": allowed[0]}


DETECT = {
    "id": "detect", "title": "Detect", "operation": "detect",
    "fields": [
        _source("image", ["layer"]),
        {"type": "choice", "id": "mode", "choices": [{"value": "canny"}, {"value": "lineart"}], "default": "canny"},
        {"type": "slider", "id": "low", "min": 0, "max": 255, "step": 1, "integer": True, "default": 100},
        {"type": "slider", "id": "line-weight", "min": 0.3, "max": 5, "step": 0.1, "integer": False, "default": 1},
    ],
    "presets": [{"id": "fine-lines", "label": "Fine lines", "values": {"mode": "lineart", "line-weight": 0.6}}],
}
RETOUCH = {
    "id": "retouch", "title": "Retouch", "operation": "retouch",
    "fields": [_source("image", ["layer"]), _source("mask", ["selection"], required=True),
               {"type": "multiline", "id": "prompt", "default": ""}],
}
EXPAND = {"id": "expand", "title": "Expand", "available": False, "unavailableReason": "no engine",
          "fields": [_source("image", ["layer", "selection"])]}
UPSCALE = {"id": "upscale-panel", "title": "Big Picture", "operation": "upscale", "fields": []}


class PanelModelTest(unittest.TestCase):

    def setUp(self):
        self.panels = [Panel(d) for d in (DETECT, RETOUCH, EXPAND, UPSCALE)]

    def test_find_by_id_operation_or_title(self):
        self.assertEqual("detect", find(self.panels, "Detect").id)
        self.assertEqual("retouch", find(self.panels, "RETOUCH").id)
        self.assertEqual("upscale-panel", find(self.panels, "upscale").id)
        self.assertEqual("upscale-panel", find(self.panels, "big_picture").id)
        self.assertEqual("upscale-panel", find(self.panels, " Big Picture ").id)
        self.assertIsNone(find(self.panels, "blur"))

    def test_descriptor_defaults(self):
        p = Panel({"id": "x"})
        self.assertEqual(("x", "x", "", []), (p.title, p.operation, p.description, p.fields))
        self.assertTrue(p.available)
        self.assertEqual("Panel('x')", repr(p))

    def test_fields_and_defaults(self):
        detect = self.panels[0]
        self.assertEqual({"mode": "canny", "low": 100, "line-weight": 1}, detect.defaults())
        self.assertEqual(["image"], [f["id"] for f in detect.source_fields()])
        self.assertEqual("low", detect.field("low")["id"])
        self.assertIsNone(detect.field("nope"))

    def test_selection_rules(self):
        detect, retouch, expand, upscale = self.panels
        self.assertTrue(retouch.uses_selection())
        self.assertTrue(retouch.requires_selection())
        self.assertFalse(detect.uses_selection())
        self.assertFalse(detect.requires_selection())
        self.assertTrue(expand.uses_selection())
        self.assertFalse(expand.requires_selection())
        # Selection-only is needed unless the field says otherwise (Expand's optional selection).
        self.assertFalse(Panel({"id": "m", "fields": [_source("mask", ["selection"])]}).requires_selection())
        self.assertTrue(Panel({"id": "m", "fields": [{"type": "source", "id": "mask", "allowed": ["selection"],
                                                      "default": "selection"}]}).requires_selection())
        self.assertTrue(upscale.is_upscale())
        self.assertFalse(detect.is_upscale())

    def test_presets(self):
        p = self.panels[0]
        self.assertEqual("fine-lines", p.preset("Fine lines")["id"])
        self.assertEqual("fine-lines", p.preset("FINE-LINES")["id"])
        self.assertIsNone(p.preset("nope"))

    def test_unavailable_message(self):
        self.assertEqual("no engine", self.panels[2].unavailable_message())
        self.assertEqual("X is not available now", Panel({"id": "x", "title": "X", "available": False})
                         .unavailable_message())

    def test_result_names(self):
        p = Panel(RETOUCH)
        self.assertEqual("Atelier Retouch", p.result_name({}))
        self.assertEqual("Atelier Retouch", p.result_name())
        self.assertEqual("Atelier Retouch", p.result_name({"prompt": "   "}))
        self.assertEqual("Atelier Retouch: a b", p.result_name({"prompt": " a\n b "}))
        long_name = p.result_name({"prompt": "x" * 100})
        self.assertEqual(40, len(long_name) - len("Atelier Retouch: "))
        self.assertTrue(long_name.endswith("x…"))

    def test_normalize_params(self):
        self.assertEqual({"line-weight": 1.5, "mode": "lineart"},
                         normalize_params({"line_weight": 1.5, "mode": "lineart", "seed": None}))
        self.assertEqual({}, normalize_params(None))

    def test_slider_decimals(self):
        self.assertEqual(1, slider_decimals({"step": 0.1, "integer": False}))
        self.assertEqual(2, slider_decimals({"step": 0.25}))
        self.assertEqual(1, slider_decimals({"step": 1}))
        self.assertEqual(0, slider_decimals({"step": 1, "integer": True}))


if __name__ == "__main__":
    unittest.main()
