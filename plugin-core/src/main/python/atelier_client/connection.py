"""An add-on's connection to the daemon, opened from its settings. No host modules (no Krita, Qt or bpy).

Connecting may start the daemon (up to the connection's start timeout), so UIs connect from a worker thread;
scripts connect directly. Each add-on subclasses ``Connection`` with its client name, its settings loader and the
hint shown when no daemon command is known, and keeps one in a ``SharedConnection``.
"""

import threading

from .client import AtelierError, DaemonClient
from .panels import Panel, find

__all__ = ["START_TIMEOUT", "HostError", "message_of", "Connection", "SharedConnection", "progress_callback",
           "wait"]

START_TIMEOUT = 30.0


class HostError(AtelierError):
    """A problem found on the add-on's side (no selection, no image, unsupported pixel format, ...): one clear
    line, as an AtelierError so callers catch one type."""

    def __init__(self, message, code=207, name="BAD_REQUEST"):
        AtelierError.__init__(self, code, message, name)


def message_of(error):
    """One line for the user from any exception."""
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]


class Connection(object):
    """A lazily opened DaemonClient that reopens itself once when the daemon went away.

    settings_provider: returns the add-on's settings (``.socket``, ``.launcher()``) and may raise OSError or
    ValueError; None = the class's ``load_settings``. connect: ``DaemonClient.connect`` or a stand-in. Add-ons set
    the class attributes; the keyword arguments override them.
    """

    client_name = "atelier"
    no_launcher_hint = ""  # what to do when the settings name no daemon command and no `atelier` is on PATH
    start_timeout = START_TIMEOUT
    load_settings = None  # the add-on's settings loader (a staticmethod)

    def __init__(self, settings_provider=None, connect=None, client_name=None, no_launcher_hint=None,
                 start_timeout=None):
        self._settings_provider = settings_provider or self.load_settings
        self._connect = connect or DaemonClient.connect
        self._client_name = client_name or self.client_name
        self._no_launcher_hint = self.no_launcher_hint if no_launcher_hint is None else no_launcher_hint
        self._start_timeout = start_timeout or self.start_timeout
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
            return self._connect(socket_path=s.socket, launcher=launcher, client_name=self._client_name,
                                 start_timeout=self._start_timeout)
        except (AtelierError, OSError) as e:
            hint = self._no_launcher_hint if not launcher else (
                "check that this command starts it: %s" % " ".join(launcher))
            raise HostError("Atelier: could not reach or start the daemon (%s); %s" % (message_of(e), hint),
                            306, "DAEMON_UNAVAILABLE")

    def reset(self):
        """Drops the connection (and cached panels); the next call reconnects with the current settings."""
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
            if not _connection_lost(e):
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

    def submit(self, op, params, image, mask=None, priority=10, on_progress=None):
        return self._retrying(lambda c: c.submit(op, params, image=image, mask=mask, priority=priority,
                                                 on_progress=on_progress))

    def close(self):
        self.reset()


def _connection_lost(error):
    name = getattr(error, "name", "") or ""
    return isinstance(error, OSError) or name in ("DAEMON_UNAVAILABLE", "SHUTTING_DOWN", "TRUNCATED_FRAME")


class SharedConnection(object):
    """The add-on's one connection per process, made by `factory` on first use."""

    def __init__(self, factory):
        self._factory = factory
        self._connection = None
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._connection is None:
                self._connection = self._factory()
            return self._connection

    def set(self, connection):
        """Replaces the shared connection (a UI does this when its settings change; tests inject fakes) and
        closes the old one."""
        with self._lock:
            old, self._connection = self._connection, connection
        if old is not None and old is not connection:
            old.close()


def progress_callback(on_progress):
    """A client progress callback (fraction, message, preview) calling `on_progress(fraction, message)`, or None."""
    if on_progress is None:
        return None

    def callback(fraction, message, *_preview):
        on_progress(fraction, message)
    return callback


def wait(job, timeout=None):
    """A job's result (blocking); an interrupt (Ctrl+C in a script) cancels the job before it propagates."""
    try:
        return job.wait(timeout)
    except KeyboardInterrupt:
        job.cancel()
        raise
