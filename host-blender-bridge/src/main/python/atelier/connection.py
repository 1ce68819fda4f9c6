"""One shared connection to the daemon for the add-on. No bpy.

Connecting may start the daemon (up to START_TIMEOUT seconds): the sidebar connects from a worker thread;
scripts connect directly.
"""

import threading

from . import settings as settings_mod
from .atelier_client import AtelierError, DaemonClient
from .panels import Panel, find

CLIENT_NAME = "atelier-blender"
START_TIMEOUT = 30.0


def message_of(error):
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]


class HostError(AtelierError):
    """A problem found on the Blender side (no image, no mask, ...): one clear line."""

    def __init__(self, message, code=207, name="BAD_REQUEST"):
        AtelierError.__init__(self, code, message, name)


class Connection(object):
    """A lazily opened DaemonClient that reopens once when the daemon went away."""

    def __init__(self, settings_provider=None, connect=None):
        self._settings_provider = settings_provider or settings_mod.load
        self._connect = connect or DaemonClient.connect
        self._lock = threading.RLock()
        self._client = None
        self._panels = None

    def settings(self):
        return self._settings_provider()

    def client(self):
        with self._lock:
            if self._client is None:
                self._client = self._open()
            return self._client

    def _open(self):
        try:
            s = self.settings()
        except (OSError, ValueError) as e:
            raise HostError("Atelier: %s" % message_of(e), 306, "DAEMON_UNAVAILABLE")
        launcher = s.launcher()
        try:
            return self._connect(socket_path=s.socket, launcher=launcher, client_name=CLIENT_NAME,
                                 start_timeout=START_TIMEOUT)
        except (AtelierError, OSError) as e:
            hint = ("reinstall with `bin/atelier install --host blender`" if not launcher
                    else "check that this command starts it: %s" % " ".join(launcher))
            raise HostError("Atelier: could not reach or start the daemon (%s); %s" % (message_of(e), hint),
                            306, "DAEMON_UNAVAILABLE")

    def reset(self):
        with self._lock:
            client, self._client, self._panels = self._client, None, None
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - closing a dead connection must not fail
                pass

    def _retrying(self, action):
        try:
            return action(self.client())
        except HostError:
            raise
        except (AtelierError, OSError) as e:
            name = getattr(e, "name", "") or ""
            if not (isinstance(e, OSError) or name in ("DAEMON_UNAVAILABLE", "SHUTTING_DOWN", "TRUNCATED_FRAME")):
                raise
            self.reset()
            return action(self.client())

    def panels(self, refresh=False):
        with self._lock:
            if self._panels is None or refresh:
                self._panels = [Panel(d) for d in self._retrying(lambda c: c.panels())]
            return list(self._panels)

    def cached_panels(self):
        """The panels fetched so far, or None (never blocks)."""
        return None if self._panels is None else list(self._panels)

    def panel(self, op):
        p = find(self.panels(), op)
        if p is None:
            known = ", ".join(x.id for x in self.panels())
            raise HostError("Atelier: unknown operation '%s'; known: %s" % (op, known), 201, "UNKNOWN_OPERATION")
        return p

    def submit(self, op, params, image, mask=None, on_progress=None):
        return self._retrying(lambda c: c.submit(op, params, image=image, mask=mask, on_progress=on_progress))

    def close(self):
        self.reset()


_shared = None
_shared_lock = threading.Lock()


def shared():
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Connection()
        return _shared


def set_shared(connection):
    """Replaces the shared connection (tests inject fakes); closes the old one."""
    global _shared
    with _shared_lock:
        old, _shared = _shared, connection
    if old is not None and old is not connection:
        old.close()
