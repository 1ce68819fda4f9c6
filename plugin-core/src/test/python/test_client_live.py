"""DaemonClient against a REAL Atelier daemon. Runs only when ATELIER_TEST_SOCKET names its socket (the inference
or host module tests start a daemon and run this file); skipped otherwise."""

import os
import threading
import unittest

from atelier_client import AtelierError, DaemonClient, ErrorCode

SOCKET = os.environ.get("ATELIER_TEST_SOCKET")


def gradient(width, height):
    data = bytearray(width * height * 4)
    for y in range(height):
        for x in range(width):
            i = (y * width + x) * 4
            data[i:i + 4] = bytes((x * 255 // max(1, width - 1), y * 255 // max(1, height - 1), 128, 255))
    return bytes(data)


@unittest.skipUnless(SOCKET, "ATELIER_TEST_SOCKET is not set (no real daemon to talk to)")
class LiveDaemonTest(unittest.TestCase):

    def setUp(self):
        self.client = DaemonClient.connect(SOCKET, client_name="python-live-test", request_timeout=60.0)

    def tearDown(self):
        self.client.close()

    def test_hello(self):
        self.assertEqual("atelier", self.client.welcome["daemon"])
        self.assertEqual(1, self.client.welcome["protocol"])
        self.assertIsInstance(self.client.welcome["pid"], int)

    def test_panels(self):
        panels = {p["id"]: p for p in self.client.panels()}
        self.assertEqual(7, len(panels), sorted(panels))
        self.assertTrue(panels["upscale"]["available"])
        for p in panels.values():
            if not p["available"]:
                self.assertTrue(p["unavailableReason"])

    def test_upscale_job_with_progress(self):
        calls = []
        lock = threading.Lock()

        def progress(fraction, message, preview):
            with lock:
                calls.append((fraction, message))

        w, h = 24, 16
        result = self.client.run("upscale", {"factor": "2"}, image=(w, h, gradient(w, h)), on_progress=progress,
                                 timeout=120)
        self.assertEqual((2 * w, 2 * h), (result.width, result.height))
        self.assertEqual(2 * w * 2 * h * 4, len(result.image[2]))
        self.assertEqual((2 * w, 2 * h), (result.canvas_width, result.canvas_height))
        self.assertTrue(calls, "the progress callback was never called")
        for fraction, message in calls:
            self.assertTrue(0.0 <= fraction <= 1.0, fraction)

    def test_cancel_unknown_job(self):
        with self.assertRaises(AtelierError) as caught:
            self.client.cancel("no-such-job")
        self.assertEqual(205, caught.exception.code)
        self.assertEqual(ErrorCode.UNKNOWN_JOB.name, caught.exception.name)

    def test_echo_one_mebibyte(self):
        payload = os.urandom(1 << 20)
        self.assertEqual(payload, self.client.echo(payload))

    def test_status(self):
        status = self.client.status()
        self.assertIn("queue", status)
        self.assertIn("engines", status)


if __name__ == "__main__":
    unittest.main()
