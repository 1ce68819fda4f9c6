"""One shared connection to the daemon for the plug-in (one per Krita process). No Krita, no Qt.

Connecting may start the daemon (up to 30 seconds), so the docker connects from a worker thread; scripts connect
directly. The connection is the bundled ``atelier_client.connection``'s; ``shared()`` gives the plug-in's, and
``set_shared(connection)`` replaces it (the docker does this when its settings change; tests inject fakes).
"""

from . import settings as settings_mod
from .atelier_client import connection as _connection


class Connection(_connection.Connection):
    """A lazily opened DaemonClient that reopens itself once when the daemon went away."""

    client_name = "atelier-krita"
    no_launcher_hint = ("set the daemon command in the Atelier docker's settings (⚙), or reinstall with "
                        "`bin/atelier install --host krita`")
    load_settings = staticmethod(settings_mod.load)


_shared = _connection.SharedConnection(Connection)
shared = _shared.get
set_shared = _shared.set
