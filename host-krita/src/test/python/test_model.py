"""The docker's view of panels and the plug-in's settings file (no Krita, no Qt). The panel model and the settings
themselves are atelier_client's, tested in plugin-core."""

import json
import os
import tempfile
import unittest

import fakes  # noqa: F401 - the package import needs the stub krita only for parity with the other tests
import descriptors
from atelier import panels, settings
from atelier.atelier_client.panels import Panel


class PanelsTest(unittest.TestCase):

    def test_widget_kinds_and_texts(self):
        kinds = [panels.widget_kind(f) for f in descriptors.RETOUCH["fields"]]
        self.assertEqual(["label", "label", "text", "int-slider", "float-spin", "seed", "check", "line"], kinds)
        self.assertEqual("combo", panels.widget_kind(descriptors.UPSCALE["fields"][0]))
        self.assertEqual("line", panels.widget_kind({"type": "colour", "id": "c"}))
        self.assertEqual("Uses the selection (required)", panels.describe_source(descriptors.RETOUCH["fields"][1]))
        self.assertEqual("Uses the active layer", panels.describe_source(descriptors.DETECT["fields"][0]))

    def test_built_in_subset_selection_rules(self):
        ps = [Panel(d) for d in descriptors.all_panels()]
        self.assertEqual(["retouch"], [p.id for p in ps if p.requires_selection()])
        self.assertEqual({"mode": "canny", "low": 100, "high": 200, "line-weight": 1},
                         Panel(descriptors.DETECT).defaults())


class SettingsTest(unittest.TestCase):

    def test_reads_the_installers_file(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "settings.json"), "w") as f:
                json.dump({"daemon_command": ["/j/java", "-cp", "x", "Main", "daemon"], "socket": "/r/a.sock"}, f)
            s = settings.load(d)
        self.assertEqual(["/j/java", "-cp", "x", "Main", "daemon"], s.launcher())
        self.assertEqual("/r/a.sock", s.socket)
        self.assertEqual(os.path.join(d, "settings.json"), s.source)

    def test_missing_file_gives_empty_settings_and_camel_case_is_read(self):
        with tempfile.TemporaryDirectory() as d:
            s = settings.load(d)
            self.assertEqual(([], None, None), (s.daemon_command, s.socket, s.source))
            with open(os.path.join(d, "settings.json"), "w") as f:
                json.dump({"daemonCommand": ["atelier", "daemon"]}, f)
            self.assertEqual(["atelier", "daemon"], settings.load(d).daemon_command)

    def test_bad_files_are_reported(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "settings.json"), "w") as f:
                f.write('{"daemon_command": "atelier daemon"}')
            with self.assertRaises(ValueError) as e:
                settings.load(d)
        self.assertIn("daemon_command must be an array of strings", str(e.exception))

    def test_parse_command_is_the_shared_one(self):
        self.assertEqual(["/x/atelier", "daemon"], settings.parse_command("/x/atelier daemon"))


if __name__ == "__main__":
    unittest.main()
