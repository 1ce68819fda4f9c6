"""Add-on settings: how to reach (and start) the Atelier daemon and where the Atelier CLI is. No bpy.

``atelier install --host blender`` writes ``settings.json`` next to this file::

    {"daemon_command": ["/path/to/bin/atelier", "daemon", ...],
     "atelier_cli": "/path/to/bin/atelier",            # or an argv list: ["java", "-cp", "...", "Main"]
     "socket": "/optional/path/atelier.sock"}
"""

import json
import os
import shutil

FILE_NAME = "settings.json"


def addon_dir():
    return os.path.dirname(os.path.abspath(__file__))


class Settings(object):
    """daemon_command: argv ([] = never start a daemon); cli: argv of the Atelier CLI ([] = unknown);
    socket: path or None (the protocol's default, $ATELIER_SOCKET first)."""

    def __init__(self, daemon_command=None, cli=None, socket=None, source=None):
        self.daemon_command = list(daemon_command or [])
        self.cli = list(cli or [])
        self.socket = socket or None
        self.source = source

    def launcher(self):
        """The command that starts the daemon, or None: the settings' command, else `atelier daemon` on PATH."""
        if self.daemon_command:
            return list(self.daemon_command)
        found = shutil.which("atelier")
        return [found, "daemon"] if found else None

    def cli_command(self):
        """The Atelier CLI's argv: the settings' one, else `atelier` on PATH; None when neither exists."""
        if self.cli:
            return list(self.cli)
        found = shutil.which("atelier")
        return [found] if found else None

    def environment(self, base=None):
        """The environment for a CLI child: ATELIER_SOCKET set when the settings name a socket."""
        env = dict(os.environ if base is None else base)
        if self.socket:
            env["ATELIER_SOCKET"] = self.socket
        return env

    def __repr__(self):
        return "Settings(daemon_command=%r, cli=%r, socket=%r, source=%r)" % (
            self.daemon_command, self.cli, self.socket, self.source)


def _argv(value, key, path):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("bad %s: %s must be a string or an array of strings" % (path, key))


def load(directory=None):
    """Reads settings.json from the add-on folder (or `directory`); a missing file gives empty settings."""
    path = os.path.join(directory or addon_dir(), FILE_NAME)
    if not os.path.isfile(path):
        return Settings(source=None)
    with open(path, "r", encoding="utf-8") as f:
        try:
            data = json.load(f)
        except ValueError as e:
            raise ValueError("bad %s: %s" % (path, e))
    if not isinstance(data, dict):
        raise ValueError("bad %s: expected a JSON object" % path)
    socket = data.get("socket")
    if socket is not None and not isinstance(socket, str):
        raise ValueError("bad %s: socket must be a string" % path)
    return Settings(_argv(data.get("daemon_command"), "daemon_command", path),
                    _argv(data.get("atelier_cli"), "atelier_cli", path), socket, source=path)
