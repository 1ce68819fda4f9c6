"""Prep for 3D's camera placement, sidecar and CLI command (atelier.views), and the settings file."""

import json
import math
import os
import tempfile
import unittest

from atelier import settings, views


def project(cam, point):
    """Camera-space (x, y, depth) of a world point for a camera matrix (rows)."""
    m = cam["matrix"]
    d = [point[i] - m[i][3] for i in range(3)]
    axes = [[m[r][c] for r in range(3)] for c in range(3)]  # right, up, back
    x, y, z = (sum(axes[a][i] * d[i] for i in range(3)) for a in range(3))
    return x, y, -z


class CameraTest(unittest.TestCase):
    centre, radius = (1.0, 2.0, 0.5), 1.5

    def test_front_looks_along_plus_y_with_x_to_the_right(self):
        cam = views.camera(self.centre, self.radius, 0, 0)
        m = cam["matrix"]
        self.assertAlmostEqual(m[1][3], self.centre[1] - cam["distance"])  # camera on the -Y side
        self.assertEqual([round(m[i][0], 9) for i in range(3)], [1, 0, 0])  # picture right = +X
        self.assertEqual([round(m[i][1], 9) for i in range(3)], [0, 0, 1])  # picture up = +Z

    def test_every_view_sees_the_centre_in_the_middle_and_the_sphere_inside_the_frame(self):
        for name in views.ORDER:
            az, el = views.VIEWS[name]
            for ortho in (True, False):
                cam = views.camera(self.centre, self.radius, az, el, orthographic=ortho)
                x, y, depth = project(cam, self.centre)
                self.assertAlmostEqual(x, 0, places=9, msg=name)
                self.assertAlmostEqual(y, 0, places=9, msg=name)
                self.assertAlmostEqual(depth, cam["distance"], places=9)
                self.assertLess(cam["clip_start"], depth - self.radius)
                self.assertGreater(cam["clip_end"], depth + self.radius)
                for axis in range(3):
                    for sign in (-1, 1):
                        p = list(self.centre)
                        p[axis] += sign * self.radius
                        px_, py_, d = project(cam, p)
                        if ortho:
                            half = cam["ortho_scale"] / 2
                        else:
                            half = d * math.tan(math.radians(39.6) / 2)
                        self.assertLess(abs(px_), half, name)
                        self.assertLess(abs(py_), half, name)

    def test_top_view_has_the_back_at_the_top(self):
        cam = views.camera((0, 0, 0), 1, 0, 90)
        _, y, _ = project(cam, (0, 1, 0))
        self.assertGreater(y, 0)

    def test_right_view_sees_plus_x(self):
        cam = views.camera((0, 0, 0), 1, 90, 0)
        self.assertGreater(cam["matrix"][0][3], 0)

    def test_bounds(self):
        corners = [(x, y, z) for x in (0, 2) for y in (0, 4) for z in (0, 4)]
        centre, radius = views.bounds(corners)
        self.assertEqual(centre, (1, 2, 2))
        self.assertAlmostEqual(radius, math.sqrt(1 + 4 + 4))


class SidecarTest(unittest.TestCase):
    def test_views_json(self):
        chosen = views.normalize_views(["Front", "three_quarter", "front", "top"])
        self.assertEqual(views.sidecar(chosen), {"views": [
            {"file": "front.png", "name": "front", "azimuth": 0.0, "elevation": 0.0},
            {"file": "three-quarter.png", "name": "three-quarter", "azimuth": 45.0, "elevation": 20.0},
            {"file": "top.png", "name": "top", "azimuth": 0.0, "elevation": 90.0}]})
        self.assertEqual([v[0] for v in views.normalize_views(None)], ["front", "right", "back", "left"])
        with self.assertRaisesRegex(ValueError, "unknown view 'bottom'; known: front, right"):
            views.normalize_views(["bottom"])

    def test_cli_command(self):
        self.assertEqual(views.cli_command(["java", "-cp", "x", "Main"], "/o/renders", "/o",
                                           {"margin": 12, "size": "512", "upscale-small": False}),
                         ["java", "-cp", "x", "Main", "run", "prep-3d", "--input", "/o/renders", "--output", "/o",
                          "--set", "margin=12", "--set", "size=512", "--set", "upscale-small=false"])


class SettingsTest(unittest.TestCase):
    def write(self, data):
        d = tempfile.mkdtemp()
        with open(os.path.join(d, "settings.json"), "w") as f:
            json.dump(data, f)
        return d

    def test_cli_as_a_path_or_an_argv(self):
        s = settings.load(self.write({"daemon_command": ["a", "daemon"], "atelier_cli": "/x/bin/atelier",
                                      "socket": "/s.sock"}))
        self.assertEqual((s.daemon_command, s.cli_command(), s.socket), (["a", "daemon"], ["/x/bin/atelier"], "/s.sock"))
        self.assertEqual(s.environment({})["ATELIER_SOCKET"], "/s.sock")
        s = settings.load(self.write({"atelier_cli": ["java", "-cp", "y", "Main"]}))
        self.assertEqual(s.cli_command(), ["java", "-cp", "y", "Main"])
        self.assertNotIn("ATELIER_SOCKET", s.environment({}))

    def test_bad_settings_say_which_key(self):
        with self.assertRaisesRegex(ValueError, "atelier_cli must be a string or an array of strings"):
            settings.load(self.write({"atelier_cli": 3}))
        self.assertIsNone(settings.load(tempfile.mkdtemp()).source)


if __name__ == "__main__":
    unittest.main()
