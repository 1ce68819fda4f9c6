"""Socket path resolution and the private socket folder, as in the Java SocketPaths."""

import os
import stat
import tempfile
import unittest

from atelier_client.paths import ensure_private_dir, resolve_socket, socket_user


class ResolveTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_explicit_socket_wins(self):
        env = {"ATELIER_SOCKET": "/x/a.sock", "XDG_RUNTIME_DIR": self.dir}
        self.assertEqual("/x/a.sock", resolve_socket(env))

    def test_explicit_relative_socket_is_made_absolute(self):
        self.assertEqual(os.path.abspath("rel.sock"), resolve_socket({"ATELIER_SOCKET": "rel.sock"}))

    def test_blank_values_are_ignored(self):
        self.assertEqual(os.path.join(self.dir, "atelier", "atelier.sock"),
                         resolve_socket({"ATELIER_SOCKET": "  ", "XDG_RUNTIME_DIR": self.dir}))

    def test_runtime_dir_then_temp_dir(self):
        self.assertEqual(os.path.join(self.dir, "atelier", "atelier.sock"), resolve_socket({"XDG_RUNTIME_DIR": self.dir}))
        fallback = resolve_socket({"XDG_RUNTIME_DIR": "/does/not/exist"})
        self.assertEqual(os.path.join(tempfile.gettempdir(), "atelier-" + socket_user(), "atelier.sock"), fallback)
        self.assertEqual(fallback, resolve_socket({}))

    def test_user_name_is_sanitised(self):
        import getpass
        original = getpass.getuser
        getpass.getuser = lambda: "dom\\jo é"
        try:
            self.assertEqual("dom_jo__", socket_user())
        finally:
            getpass.getuser = original


class PrivateDirTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def mode(self, path):
        return stat.S_IMODE(os.lstat(path).st_mode)

    def test_folder_is_created_private(self):
        made = ensure_private_dir(os.path.join(self.dir, "a", "new", "atelier.sock"))
        self.assertEqual(os.path.join(self.dir, "a", "new"), made)
        self.assertEqual(0o700, self.mode(made))

    def test_open_folder_is_narrowed(self):
        folder = os.path.join(self.dir, "open")
        os.mkdir(folder)
        os.chmod(folder, 0o777)
        ensure_private_dir(os.path.join(folder, "atelier.sock"))
        self.assertEqual(0o700, self.mode(folder))

    def test_symlinked_folder_is_refused(self):
        real = os.path.join(self.dir, "real")
        link = os.path.join(self.dir, "link")
        os.mkdir(real)
        os.symlink(real, link)
        with self.assertRaises(OSError) as caught:
            ensure_private_dir(os.path.join(link, "a.sock"))
        self.assertEqual("socket folder %s is not a plain directory (a link or a file?)" % link, str(caught.exception))

    def test_a_file_in_the_way_is_refused(self):
        path = os.path.join(self.dir, "file")
        open(path, "w").close()
        with self.assertRaises(OSError):
            ensure_private_dir(os.path.join(path, "a.sock"))


if __name__ == "__main__":
    unittest.main()
