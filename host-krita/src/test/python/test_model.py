"""Panels model and settings (no Krita, no Qt)."""

import json
import os
import tempfile
import unittest

import fakes  # noqa: F401 - the package import needs the stub krita only for parity with the other tests
import descriptors
from atelier import panels, settings
from atelier.panels import Panel


class PanelsTest(unittest.TestCase):

    def test_find_by_id_operation_or_title(self):
        ps = [Panel(d) for d in descriptors.all_panels()]
        self.assertEqual("upscale", panels.find(ps, "Upscale").id)
        self.assertEqual("img2img", panels.find(ps, "IMG2IMG").id)
        self.assertIsNone(panels.find(ps, "blur"))

    def test_selection_rules(self):
        retouch = Panel(descriptors.RETOUCH)
        self.assertTrue(retouch.uses_selection())
        self.assertTrue(retouch.requires_selection())
        detect = Panel(descriptors.DETECT)
        self.assertFalse(detect.uses_selection())
        self.assertEqual({"mode": "canny", "low": 100, "high": 200, "line-weight": 1}, detect.defaults())

    def test_widget_kinds_and_texts(self):
        kinds = [panels.widget_kind(f) for f in descriptors.RETOUCH["fields"]]
        self.assertEqual(["label", "label", "text", "int-slider", "float-spin", "seed", "check", "line"], kinds)
        self.assertEqual("combo", panels.widget_kind(descriptors.UPSCALE["fields"][0]))
        self.assertEqual("line", panels.widget_kind({"type": "colour", "id": "c"}))
        self.assertEqual("Uses the selection (required)", panels.describe_source(descriptors.RETOUCH["fields"][1]))
        self.assertEqual("Uses the active layer", panels.describe_source(descriptors.DETECT["fields"][0]))
        self.assertEqual(1, panels.slider_decimals(descriptors.DETECT["fields"][4]))
        self.assertEqual(2, panels.slider_decimals({"step": 0.25}))
        self.assertEqual(0, panels.slider_decimals(descriptors.DETECT["fields"][2]))

    def test_layer_names(self):
        p = Panel(descriptors.RETOUCH)
        self.assertEqual("Atelier Retouch", p.layer_name({}))
        self.assertEqual("Atelier Retouch: a b", p.layer_name({"prompt": " a\n b "}))
        self.assertEqual(40, len(p.layer_name({"prompt": "x" * 100})) - len("Atelier Retouch: "))

    def test_presets(self):
        p = Panel(descriptors.DETECT)
        self.assertEqual("fine-lines", p.preset("Fine lines")["id"])
        self.assertIsNone(p.preset("nope"))


class SettingsTest(unittest.TestCase):

    def test_reads_the_installers_file(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "settings.json"), "w") as f:
                json.dump({"daemon_command": ["/j/java", "-cp", "x", "Main", "daemon"], "socket": "/r/a.sock"}, f)
            s = settings.load(d)
        self.assertEqual(["/j/java", "-cp", "x", "Main", "daemon"], s.launcher())
        self.assertEqual("/r/a.sock", s.socket)

    def test_missing_file_falls_back_to_atelier_on_path(self):
        with tempfile.TemporaryDirectory() as d:
            s = settings.load(d)
            self.assertEqual([], s.daemon_command)
            exe = os.path.join(d, "atelier")
            with open(exe, "w") as f:
                f.write("#!/bin/sh\n")
            os.chmod(exe, 0o755)
            old = os.environ["PATH"]
            os.environ["PATH"] = d
            try:
                self.assertEqual([exe, "daemon"], s.launcher())
            finally:
                os.environ["PATH"] = old

    def test_bad_files_are_reported(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "settings.json"), "w") as f:
                f.write('{"daemon_command": "atelier daemon"}')
            with self.assertRaises(ValueError) as e:
                settings.load(d)
        self.assertIn("daemon_command must be an array of strings", str(e.exception))

    def test_parse_command_and_overrides(self):
        self.assertEqual(["a b", "c"], settings.parse_command('["a b", "c"]'))
        self.assertEqual(["/x/atelier", "daemon"], settings.parse_command("/x/atelier daemon"))
        self.assertEqual([], settings.parse_command("  "))
        base = settings.Settings(["a"], "/s")
        self.assertEqual(["b"], base.with_overrides(["b"], None).daemon_command)
        self.assertEqual("/s", base.with_overrides([], None).socket)


if __name__ == "__main__":
    unittest.main()
