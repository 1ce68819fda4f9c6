"""One shared connection to the daemon for the add-on. No bpy.

Connecting may start the daemon (up to 30 seconds): the sidebar connects from a worker thread; scripts connect
directly. The connection, ``HostError`` (a problem found on the Blender side: no image, no mask, ...) and
``message_of`` are the bundled ``atelier_client.connection``'s. ``shared()`` gives the add-on's connection;
``set_shared(connection)`` replaces it (tests inject fakes) and closes the old one.
"""

from . import settings as settings_mod
from .atelier_client import connection as _connection
from .atelier_client.connection import HostError, message_of  # noqa: F401


class Connection(_connection.Connection):
    """A lazily opened DaemonClient that reopens once when the daemon went away."""

    client_name = "atelier-blender"
    no_launcher_hint = "reinstall with `bin/atelier install --host blender`"
    load_settings = staticmethod(settings_mod.load)


_shared = _connection.SharedConnection(Connection)
shared = _shared.get
set_shared = _shared.set
