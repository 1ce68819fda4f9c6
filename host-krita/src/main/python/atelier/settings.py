"""Plug-in settings: how to reach (and start) the Atelier daemon. No Krita, no Qt.

The installer writes ``settings.json`` next to this file::

    {"daemon_command": ["/path/to/java", "-cp", "...", "dev.atelier.inference.cli.Main", "daemon"],
     "socket": "/optional/path/atelier.sock"}

The docker may override both (kept in Krita's own settings); overrides win when not empty.
"""

import json
import os
import shutil

FILE_NAME = "settings.json"


def plugin_dir():
    return os.path.dirname(os.path.abspath(__file__))


class Settings(object):
    """daemon_command: list of strings ([] = never start a daemon); socket: path or None (protocol default)."""

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


def parse_command(text):
    """A daemon command typed in the docker: a JSON array, or words split like a shell would (no expansion)."""
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


def load(directory=None):
    """Reads settings.json from the plug-in folder (or `directory`); a missing file gives empty settings."""
    path = os.path.join(directory or plugin_dir(), FILE_NAME)
    if not os.path.isfile(path):
        return Settings(source=None)
    with open(path, "r", encoding="utf-8") as f:
        try:
            data = json.load(f)
        except ValueError as e:
            raise ValueError("bad %s: %s" % (path, e))
    if not isinstance(data, dict):
        raise ValueError("bad %s: expected a JSON object" % path)
    command = data.get("daemon_command", data.get("daemonCommand", []))
    if not isinstance(command, list) or not all(isinstance(v, str) for v in command):
        raise ValueError("bad %s: daemon_command must be an array of strings" % path)
    socket = data.get("socket")
    if socket is not None and not isinstance(socket, str):
        raise ValueError("bad %s: socket must be a string" % path)
    return Settings(command, socket, source=path)
