"""DaemonClient against a stand-in daemon (fake_daemon.py) speaking the real protocol: routing, progress,
errors, RELEASE, reconnect-and-fetch, lost jobs, and starting the daemon through a launcher."""

import os
import shutil
import sys
import tempfile
import threading
import time
import unittest

from atelier_client import AtelierError, DaemonClient, ErrorCode, MessageType
from fake_daemon import FakeDaemon

HERE = os.path.dirname(os.path.abspath(__file__))


def short_tempdir():
    # Unix socket paths are limited to ~108 bytes; /tmp keeps them short.
    return tempfile.mkdtemp(prefix="atl-", dir="/tmp" if os.path.isdir("/tmp") else None)


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


IMAGE = (2, 1, b"\xff\x00\x00\xff\x00\xff\x00\x80")


class FakeDaemonTest(unittest.TestCase):

    def setUp(self):
        self.dir = short_tempdir()
        self.socket = os.path.join(self.dir, "atelier.sock")
        self.daemon = FakeDaemon(self.socket)
        self.client = DaemonClient.connect(self.socket, client_name="test", request_timeout=5.0)

    def tearDown(self):
        self.client.close()
        self.daemon.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_hello_and_welcome(self):
        self.assertEqual("atelier", self.client.welcome["daemon"])
        self.assertEqual(1, self.client.welcome["protocol"])
        hello = self.daemon.received[0]
        self.assertEqual(MessageType.HELLO, hello[0])
        self.assertEqual({"id": 1, "client": "test", "protocol": 1}, hello[1])

    def test_panels_and_status(self):
        panels = self.client.panels()
        self.assertEqual(["upscale", "retouch"], [p["id"] for p in panels])
        self.assertTrue(panels[0]["available"])
        self.assertIsNone(panels[0]["unavailableReason"])
        self.assertEqual("no model", panels[1]["unavailableReason"])
        self.assertEqual(0, self.client.status()["queue"]["running"])

    def test_run_with_progress_then_release(self):
        seen = []
        result = self.client.run("upscale", {"factor": 2}, image=IMAGE,
                                 on_progress=lambda f, m, p: seen.append((f, m, p, threading.current_thread().name)))
        self.assertEqual((4, 2), (result.image[0], result.image[1]))
        self.assertEqual(b"\xff\x00\x00\xff" * 2 + b"\x00\xff\x00\x80" * 2, bytes(result.image[2][:16]))
        self.assertEqual((0, 0, 4, 2, ["fake"]), (result.x, result.y, result.canvas_width, result.canvas_height,
                                                  result.notices))
        self.assertEqual([(0.5, "scaling", (1, 1, b"\xff\x00\x00\xff"), "atelier-client-reader")],
                         [(f, m, (p[0], p[1], bytes(p[2])), t) for f, m, p, t in seen])
        self.assertTrue(wait_until(lambda: self.daemon.released == [result.job]))
        submit = [h for t, h in self.daemon.received if t == MessageType.SUBMIT][0]
        self.assertEqual(["id", "op", "params", "priority", "watch"], list(submit))
        self.assertEqual(10, submit["priority"])

    def test_a_batch_gives_every_image_in_order(self):
        result = self.client.run("batch", {"batch-count": 3}, image=IMAGE)
        self.assertEqual(3, len(result.images))
        self.assertEqual(result.images[0], result.image)
        self.assertEqual(result.images[1:], result.variations)
        for k, (w, h, data) in enumerate(result.images):
            self.assertEqual((2, 1), (w, h))
            self.assertEqual(bytes([(255 + k) % 256, 0, 0, 255, k, 255, 0, 128]), bytes(data))
        single = self.client.run("batch", {"batch-count": 1}, image=IMAGE)
        self.assertEqual((), single.variations)
        self.assertEqual(1, len(single.images))

    def test_submit_with_mask_and_png(self):
        png = b"\x89PNG\r\n\x1a\n" + b"rest"
        job = self.client.submit("slow", image=png, mask=(2, 1, b"\x00\xff"))
        self.assertFalse(job.done)
        self.assertEqual("j-1", job.id)
        self.daemon.release_slow(job.id)
        self.assertEqual(1, job.wait(5).image[0])
        self.assertTrue(job.done)
        with self.assertRaises(ValueError):
            self.client.submit("upscale", image=b"not a png")

    def test_job_error_keeps_the_daemons_code_and_message(self):
        job = self.client.submit("fail", image=IMAGE)
        with self.assertRaises(AtelierError) as caught:
            job.wait(5)
        self.assertEqual((300, "ENGINE_FAILURE", "the fake engine failed"),
                         (caught.exception.code, caught.exception.name, str(caught.exception)))

    def test_request_error(self):
        with self.assertRaises(AtelierError) as caught:
            self.client.submit("nope", image=IMAGE)
        self.assertEqual((201, "UNKNOWN_OPERATION"), (caught.exception.code, caught.exception.name))

    def test_cancel(self):
        job = self.client.submit("slow", image=IMAGE)
        job.cancel()
        with self.assertRaises(AtelierError) as caught:
            job.wait(5)
        self.assertEqual(ErrorCode.CANCELLED, caught.exception.code)
        with self.assertRaises(AtelierError) as caught:
            self.client.cancel("j-999")
        self.assertEqual((205, "UNKNOWN_JOB"), (caught.exception.code, caught.exception.name))

    def test_wait_timeout(self):
        job = self.client.submit("slow", image=IMAGE)
        with self.assertRaises(AtelierError) as caught:
            job.wait(0.05)
        self.assertEqual(ErrorCode.TIMEOUT, caught.exception.code)
        self.daemon.release_slow(job.id)
        self.assertEqual(1, job.wait(5).width)

    def test_echo_and_concurrent_callers(self):
        self.assertEqual(b"", self.client.echo(b""))
        payload = os.urandom(1 << 20)
        self.assertEqual(payload, self.client.echo(payload))
        results = {}

        def worker(n):
            results[n] = self.client.echo(bytes([n]) * (1000 + n))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        self.assertEqual({n: bytes([n]) * (1000 + n) for n in range(8)}, results)

    def test_fetch_by_id(self):
        job = self.client.submit("slow", image=IMAGE)
        other = DaemonClient.connect(self.socket, request_timeout=5.0)
        try:
            got = []
            t = threading.Thread(target=lambda: got.append(other.fetch(job.id)))
            t.start()
            self.assertTrue(wait_until(lambda: any(tp == MessageType.FETCH for tp, _ in self.daemon.received)))
            self.daemon.release_slow(job.id)
            t.join(5)
            self.assertEqual(1, got[0].width)
        finally:
            other.close()
        with self.assertRaises(AtelierError) as caught:
            self.client.fetch("j-404")
        self.assertEqual(205, caught.exception.code)

    def test_connection_loss_reconnects_and_fetches(self):
        job = self.client.submit("drop", image=IMAGE)
        result = job.wait(5)
        self.assertEqual((4, 2), (result.width, result.height))
        self.assertTrue(self.client.connected)
        fetches = [h for t, h in self.daemon.received if t == MessageType.FETCH]
        self.assertEqual([job.id], [h["job"] for h in fetches])

    def test_a_lost_job_is_reported(self):
        job = self.client.submit("slow", image=IMAGE)
        self.daemon.forget_jobs()
        self.daemon.drop_connections()
        with self.assertRaises(AtelierError) as caught:
            job.wait(5)
        self.assertEqual(ErrorCode.DAEMON_UNAVAILABLE, caught.exception.code)
        self.assertEqual("The daemon stopped while running job %s and its work was lost; run it again" % job.id,
                         str(caught.exception))

    def test_requests_after_loss_fail_then_reconnect_works(self):
        self.daemon.drop_connections()
        self.assertTrue(wait_until(lambda: not self.client.connected))
        with self.assertRaises(AtelierError) as caught:
            self.client.status()
        self.assertEqual(ErrorCode.DAEMON_UNAVAILABLE, caught.exception.code)
        self.client.reconnect()
        self.assertEqual("fake", self.client.status()["version"])

    def test_progress_callback_errors_do_not_kill_the_reader(self):
        def boom(*_):
            raise RuntimeError("host bug")

        import logging
        logging.getLogger("atelier_client").disabled = True
        try:
            self.assertEqual(4, self.client.run("upscale", image=IMAGE, on_progress=boom).width)
        finally:
            logging.getLogger("atelier_client").disabled = False
        self.assertEqual(b"x", self.client.echo(b"x"))

    def test_close_fails_a_waiting_job(self):
        job = self.client.submit("slow", image=IMAGE)
        threading.Timer(0.1, self.client.close).start()
        with self.assertRaises(AtelierError) as caught:
            job.wait(5)
        self.assertEqual((306, "The client was closed"), (caught.exception.code, str(caught.exception)))

    def test_context_manager_closes(self):
        with DaemonClient.connect(self.socket) as c:
            self.assertTrue(c.connected)
        self.assertFalse(c.connected)


class NoDaemonTest(unittest.TestCase):

    def setUp(self):
        self.dir = short_tempdir()
        self.socket = os.path.join(self.dir, "sub", "atelier.sock")

    def tearDown(self):
        from atelier_client import client as client_module
        for process in list(client_module._LAUNCHED):  # only daemons these tests launched
            if process.poll() is None:
                process.kill()
            process.wait(10)
        client_module._LAUNCHED[:] = []
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_nothing_answers_without_a_launcher(self):
        with self.assertRaises(AtelierError) as caught:
            DaemonClient.connect(self.socket)
        self.assertEqual(ErrorCode.DAEMON_UNAVAILABLE, caught.exception.code)
        self.assertEqual("No Atelier daemon answers on %s; start one with 'atelier daemon'" % self.socket,
                         str(caught.exception))

    def test_launcher_starts_one_daemon_for_concurrent_clients(self):
        launcher = [sys.executable, os.path.join(HERE, "fake_daemon.py")]
        clients = []
        errors = []

        def connect():
            try:
                clients.append(DaemonClient.connect(self.socket, launcher=launcher, start_timeout=20.0))
            except AtelierError as e:
                errors.append(e)

        threads = [threading.Thread(target=connect) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        try:
            self.assertEqual([], errors)
            self.assertEqual(1, len({c.welcome["pid"] for c in clients}))
            self.assertTrue(os.path.exists(self.socket + ".start"))
            self.assertEqual(0o700, os.stat(os.path.dirname(self.socket)).st_mode & 0o777)
            with open(os.path.join(os.path.dirname(self.socket), "daemon.log")) as f:
                self.assertIn("fake daemon on " + self.socket, f.read())
            self.assertEqual(4, clients[0].run("upscale", image=IMAGE).width)
            clients[0].shutdown()
        finally:
            for c in clients:
                c.close()

    def test_wait_restarts_the_daemon_through_the_launcher(self):
        launcher = [sys.executable, os.path.join(HERE, "fake_daemon.py")]
        client = DaemonClient.connect(self.socket, launcher=launcher)
        try:
            job = client.submit("slow", image=IMAGE)
            first = client.welcome["pid"]
            client.shutdown()  # the daemon goes away with the job
            self.assertTrue(wait_until(lambda: not os.path.exists(self.socket)))
            with self.assertRaises(AtelierError) as caught:
                job.wait(20)
            self.assertIn("its work was lost", str(caught.exception))
            self.assertNotEqual(first, client.welcome["pid"])
            client.shutdown()
        finally:
            client.close()

    def test_a_launcher_that_dies_reports_its_last_line(self):
        launcher = [sys.executable, "-c", "import sys; print('starting'); print('no GPU here', flush=True); "
                                          "sys.exit(3)"]
        with self.assertRaises(AtelierError) as caught:
            DaemonClient.connect(self.socket, launcher=launcher)
        self.assertEqual(ErrorCode.DAEMON_UNAVAILABLE, caught.exception.code)
        self.assertTrue(str(caught.exception).startswith("The Atelier daemon failed to start: no GPU here (log: "),
                        str(caught.exception))

    def test_start_timeout(self):
        launcher = [sys.executable, "-c", "import time; time.sleep(5)"]
        with self.assertRaises(AtelierError) as caught:
            DaemonClient.connect(self.socket, launcher=launcher, start_timeout=0.3)
        self.assertIn("did not answer within 0.3 s", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
