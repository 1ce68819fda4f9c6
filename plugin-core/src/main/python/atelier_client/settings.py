"""Add-on settings: how to reach (and start) the Atelier daemon. No host modules (no Krita, Qt or bpy).

The installers write ``settings.json`` into the add-on's folder (next to its ``settings`` module)::

    {"daemon_command": ["/path/to/bin/atelier", "daemon", ...], "socket": "/optional/path/atelier.sock", ...}

``read_file`` reads and checks the JSON object and ``socket_of`` its socket; each add-on reads its own keys
(the daemon command's accepted forms differ) and builds a ``Settings`` (or a subclass with more keys).
"""

import json
import os
import shutil

__all__ = ["FILE_NAME", "Settings", "read_file", "socket_of", "parse_command"]

FILE_NAME = "settings.json"


class Settings(object):
    """daemon_command: list of strings ([] = never start a daemon); socket: path or None (the protocol's default,
    $ATELIER_SOCKET first); source: the file read, or None."""

    def __init__(self, daemon_command=None, socket=None, source=None):
        self.daemon_command = list(daemon_command or [])
        self.socket = socket or None
        self.source = source

    def launcher(self):
        """The command that starts the daemon, or None: the settings' command, else `atelier daemon` on PATH."""
        if self.daemon_command:
            return list(self.daemon_command)
        found = shutil.which("atelier")
        return [found, "daemon"] if found else None

    def with_overrides(self, daemon_command=None, socket=None):
        return Settings(daemon_command or self.daemon_command, socket or self.socket, self.source)

    def __repr__(self):
        return "Settings(daemon_command=%r, socket=%r, source=%r)" % (self.daemon_command, self.socket, self.source)


def read_file(directory):
    """(path, data) for settings.json in `directory`: data is the file's JSON object, or None when there is no
    file. Raises ValueError ("bad <path>: ...") when it is not a JSON object."""
    path = os.path.join(directory, FILE_NAME)
    if not os.path.isfile(path):
        return path, None
    with open(path, "r", encoding="utf-8") as f:
        try:
            data = json.load(f)
        except ValueError as e:
            raise ValueError("bad %s: %s" % (path, e))
    if not isinstance(data, dict):
        raise ValueError("bad %s: expected a JSON object" % path)
    return path, data


def socket_of(data, path):
    """The "socket" of a settings object (None when absent); raises ValueError when it is not a string."""
    socket = data.get("socket")
    if socket is not None and not isinstance(socket, str):
        raise ValueError("bad %s: socket must be a string" % path)
    return socket


def parse_command(text):
    """A daemon command typed by the user: a JSON array, or words split like a shell would (no expansion)."""
    text = (text or "").strip()
    if not text:
        return []
    if text.startswith("["):
        value = json.loads(text)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("the daemon command must be a JSON array of strings")
        return value
    import shlex
    return shlex.split(text)
