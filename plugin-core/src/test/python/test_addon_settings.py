"""The add-ons' settings (atelier_client.settings): the file's checks, the daemon launcher, typed commands."""

import json
import os
import shutil
import tempfile
import unittest

from atelier_client import settings


class SettingsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, text):
        with open(os.path.join(self.dir, settings.FILE_NAME), "w") as f:
            f.write(text)
        return os.path.join(self.dir, settings.FILE_NAME)

    def test_reads_the_installers_object(self):
        path = self.write(json.dumps({"daemon_command": ["/j/java", "daemon"], "socket": "/r/a.sock"}))
        self.assertEqual((path, {"daemon_command": ["/j/java", "daemon"], "socket": "/r/a.sock"}),
                         settings.read_file(self.dir))
        self.assertEqual("/r/a.sock", settings.socket_of({"socket": "/r/a.sock"}, path))
        self.assertIsNone(settings.socket_of({}, path))

    def test_missing_file_gives_no_data(self):
        self.assertEqual((os.path.join(self.dir, "settings.json"), None), settings.read_file(self.dir))

    def test_bad_files_are_reported(self):
        path = self.write("{nope")
        with self.assertRaises(ValueError) as e:
            settings.read_file(self.dir)
        self.assertTrue(str(e.exception).startswith("bad %s: " % path), str(e.exception))
        self.write("[1]")
        with self.assertRaises(ValueError) as e:
            settings.read_file(self.dir)
        self.assertEqual("bad %s: expected a JSON object" % path, str(e.exception))
        with self.assertRaises(ValueError) as e:
            settings.socket_of({"socket": 3}, path)
        self.assertEqual("bad %s: socket must be a string" % path, str(e.exception))

    def test_launcher_is_the_command_else_atelier_on_path(self):
        self.assertEqual(["/j/java", "daemon"], settings.Settings(["/j/java", "daemon"]).launcher())
        s = settings.Settings()
        self.assertEqual(([], None, None), (s.daemon_command, s.socket, s.source))
        exe = os.path.join(self.dir, "atelier")
        with open(exe, "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(exe, 0o755)
        old = os.environ["PATH"]
        os.environ["PATH"] = self.dir
        try:
            self.assertEqual([exe, "daemon"], s.launcher())
            os.environ["PATH"] = os.path.join(self.dir, "none")
            self.assertIsNone(s.launcher())
        finally:
            os.environ["PATH"] = old

    def test_parse_command_and_overrides(self):
        self.assertEqual(["a b", "c"], settings.parse_command('["a b", "c"]'))
        self.assertEqual(["/x/atelier", "daemon"], settings.parse_command("/x/atelier daemon"))
        self.assertEqual(["/x y/atelier"], settings.parse_command("'/x y/atelier'"))
        self.assertEqual([], settings.parse_command("  "))
        self.assertEqual([], settings.parse_command(None))
        with self.assertRaises(ValueError) as e:
            settings.parse_command('["a", 1]')
        self.assertEqual("the daemon command must be a JSON array of strings", str(e.exception))
        base = settings.Settings(["a"], "/s", "/f.json")
        self.assertEqual(["b"], base.with_overrides(["b"], None).daemon_command)
        self.assertEqual("/s", base.with_overrides([], None).socket)
        self.assertEqual("/t", base.with_overrides(None, "/t").socket)
        self.assertEqual("/f.json", base.with_overrides().source)


if __name__ == "__main__":
    unittest.main()
