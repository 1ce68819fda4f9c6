"""Add-on settings: how to reach (and start) the Atelier daemon and where the Atelier CLI is. No bpy.

``atelier install --host blender`` writes ``settings.json`` next to this file::

    {"daemon_command": ["/path/to/bin/atelier", "daemon", ...],
     "atelier_cli": "/path/to/bin/atelier",            # or an argv list: ["java", "-cp", "...", "Main"]
     "socket": "/optional/path/atelier.sock"}

The daemon part (``launcher()``, the file's checks) is the bundled ``atelier_client.settings``'.
"""

import os
import shutil

from .atelier_client import settings as _settings
from .atelier_client.settings import FILE_NAME  # noqa: F401


def addon_dir():
    return os.path.dirname(os.path.abspath(__file__))


class Settings(_settings.Settings):
    """daemon_command: argv ([] = never start a daemon); cli: argv of the Atelier CLI ([] = unknown);
    socket: path or None (the protocol's default, $ATELIER_SOCKET first)."""

    def __init__(self, daemon_command=None, cli=None, socket=None, source=None):
        _settings.Settings.__init__(self, daemon_command, socket, source)
        self.cli = list(cli or [])

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
    path, data = _settings.read_file(directory or addon_dir())
    if data is None:
        return Settings(source=None)
    socket = _settings.socket_of(data, path)
    return Settings(_argv(data.get("daemon_command"), "daemon_command", path),
                    _argv(data.get("atelier_cli"), "atelier_cli", path), socket, source=path)
