"""Plug-in settings: how to reach (and start) the Atelier daemon. No Krita, no Qt.

The installer writes ``settings.json`` next to this file::

    {"daemon_command": ["/path/to/java", "-cp", "...", "dev.atelier.inference.cli.Main", "daemon"],
     "socket": "/optional/path/atelier.sock"}

The docker may override both (kept in Krita's own settings); overrides win when not empty. ``Settings`` and
``parse_command`` are the bundled ``atelier_client.settings``'.
"""

import os

from .atelier_client import settings as _settings
from .atelier_client.settings import FILE_NAME, Settings, parse_command  # noqa: F401

__all__ = ["FILE_NAME", "Settings", "parse_command", "plugin_dir", "load"]


def plugin_dir():
    return os.path.dirname(os.path.abspath(__file__))


def load(directory=None):
    """Reads settings.json from the plug-in folder (or `directory`); a missing file gives empty settings."""
    path, data = _settings.read_file(directory or plugin_dir())
    if data is None:
        return Settings(source=None)
    command = data.get("daemon_command", data.get("daemonCommand", []))
    if not isinstance(command, list) or not all(isinstance(v, str) for v in command):
        raise ValueError("bad %s: daemon_command must be an array of strings" % path)
    return Settings(command, _settings.socket_of(data, path), source=path)
