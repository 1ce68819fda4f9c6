"""An add-on's connection (atelier_client.connection) against stand-in clients: opening it from the settings,
the errors it gives, reconnecting, the panel cache, the shared connection and the job helpers."""

import shutil
import unittest

from atelier_client import AtelierError
from atelier_client.connection import (Connection, HostError, SharedConnection, message_of, progress_callback,
                                       wait)
from atelier_client.settings import Settings

PANELS = [{"id": "upscale", "title": "Upscale", "operation": "upscale", "fields": []},
          {"id": "detect", "title": "Detect", "operation": "detect", "fields": []}]


class FakeClient(object):
    def __init__(self, failures=()):
        self.failures = list(failures)
        self.submits = []
        self.closed = False

    def panels(self):
        if self.failures:
            raise self.failures.pop(0)
        return PANELS

    def submit(self, op, params=None, image=None, mask=None, priority=10, on_progress=None):
        self.submits.append((op, params, image, mask, priority, on_progress))
        return "job"

    def close(self):
        self.closed = True


def no_atelier_on_path(test):
    which, shutil.which = shutil.which, lambda name: None
    test.addCleanup(setattr, shutil, "which", which)


class ConnectionTest(unittest.TestCase):

    def connection(self, clients, settings=None, seen=None):
        clients = list(clients)

        def connect(**kw):
            if seen is not None:
                seen.append(kw)
            c = clients.pop(0)
            if isinstance(c, Exception):
                raise c
            return c
        return Connection(lambda: settings or Settings(["atelier", "daemon"], "/s.sock"), connect=connect,
                          client_name="atelier-test", no_launcher_hint="install it", start_timeout=5.0)

    def test_connects_with_the_settings_and_caches_panels(self):
        seen, client = [], FakeClient()
        conn = self.connection([client], seen=seen)
        self.assertIsNone(conn.cached_panels())
        self.assertEqual(["upscale", "detect"], [p.id for p in conn.panels()])
        self.assertEqual(["upscale", "detect"], [p.id for p in conn.cached_panels()])
        conn.panels()
        self.assertEqual([{"socket_path": "/s.sock", "launcher": ["atelier", "daemon"], "client_name": "atelier-test",
                           "start_timeout": 5.0}], seen)
        self.assertEqual("detect", conn.panel("DETECT").id)
        conn.close()
        self.assertTrue(client.closed)
        self.assertIsNone(conn.cached_panels())

    def test_unknown_operation_lists_the_known_ones(self):
        conn = self.connection([FakeClient()])
        with self.assertRaises(HostError) as e:
            conn.panel("blur")
        self.assertEqual("Atelier: unknown operation 'blur'; known: upscale, detect", str(e.exception))
        self.assertEqual((201, "UNKNOWN_OPERATION"), (e.exception.code, e.exception.name))

    def test_bad_settings_are_daemon_unavailable(self):
        def bad():
            raise ValueError("bad /a/settings.json: expected a JSON object\nmore")
        conn = Connection(bad, connect=lambda **kw: FakeClient())
        with self.assertRaises(HostError) as e:
            conn.panels()
        self.assertEqual("Atelier: bad /a/settings.json: expected a JSON object", str(e.exception))
        self.assertEqual((306, "DAEMON_UNAVAILABLE"), (e.exception.code, e.exception.name))

    def test_failing_start_says_what_to_do(self):
        refused = AtelierError(306, "No Atelier daemon answers on /x.sock", "DAEMON_UNAVAILABLE")
        conn = self.connection([refused], Settings(["java", "-jar", "a.jar"], "/x.sock"))
        with self.assertRaises(HostError) as e:
            conn.panels()
        self.assertEqual("Atelier: could not reach or start the daemon (No Atelier daemon answers on /x.sock); "
                         "check that this command starts it: java -jar a.jar", str(e.exception))
        self.assertEqual("DAEMON_UNAVAILABLE", e.exception.name)
        no_atelier_on_path(self)
        conn = self.connection([OSError("refused")], Settings([], "/x.sock"))
        with self.assertRaises(HostError) as e:
            conn.panels()
        self.assertEqual("Atelier: could not reach or start the daemon (refused); install it", str(e.exception))

    def test_reconnects_once_when_the_daemon_went_away(self):
        first = FakeClient([AtelierError(306, "gone", "SHUTTING_DOWN")])
        second = FakeClient()
        conn = self.connection([first, second])
        self.assertEqual(2, len(conn.panels()))
        self.assertTrue(first.closed)
        self.assertFalse(second.closed)

    def test_other_errors_are_not_retried(self):
        conn = self.connection([FakeClient([AtelierError(207, "nope", "BAD_REQUEST")])])
        with self.assertRaises(AtelierError) as e:
            conn.panels()
        self.assertEqual("BAD_REQUEST", e.exception.name)

    def test_submit_passes_everything(self):
        client = FakeClient()
        conn = self.connection([client])
        self.assertEqual("job", conn.submit("detect", {"low": 1}, (1, 1, b"1234"), on_progress=print))
        self.assertEqual([("detect", {"low": 1}, (1, 1, b"1234"), None, 10, print)], client.submits)


class SharedConnectionTest(unittest.TestCase):

    def test_made_once_and_replaced(self):
        made = []

        def factory():
            made.append(Connection(lambda: Settings(), connect=lambda **kw: FakeClient()))
            return made[-1]
        shared = SharedConnection(factory)
        first = shared.get()
        self.assertIs(first, shared.get())
        first.panels()
        client = first.client()
        shared.set(None)
        self.assertTrue(client.closed)
        self.assertIsNot(first, shared.get())
        self.assertEqual(2, len(made))


class HelpersTest(unittest.TestCase):

    def test_message_of(self):
        self.assertEqual("first", message_of(ValueError(" first\nsecond")))
        self.assertEqual("ValueError", message_of(ValueError("")))

    def test_host_error_is_an_atelier_error(self):
        e = HostError("Atelier: no image")
        self.assertIsInstance(e, AtelierError)
        self.assertEqual((207, "BAD_REQUEST", "Atelier: no image"), (e.code, e.name, str(e)))

    def test_progress_callback(self):
        self.assertIsNone(progress_callback(None))
        seen = []
        progress_callback(lambda f, m: seen.append((f, m)))(0.5, "half", b"preview")
        self.assertEqual([(0.5, "half")], seen)

    def test_wait_cancels_on_interrupt(self):
        class Job(object):
            cancelled = False

            def __init__(self, outcome):
                self.outcome = outcome

            def wait(self, timeout=None):
                if isinstance(self.outcome, BaseException):
                    raise self.outcome
                return (self.outcome, timeout)

            def cancel(self):
                self.cancelled = True
        self.assertEqual(("r", 3), wait(Job("r"), 3))
        job = Job(KeyboardInterrupt())
        with self.assertRaises(KeyboardInterrupt):
            wait(job)
        self.assertTrue(job.cancelled)


if __name__ == "__main__":
    unittest.main()
