"""Errors raised by the plug-in itself, as atelier_client.AtelierError so callers catch one type.

``HostError`` (a problem found on the Krita side: no selection, unsupported pixel format, ...) and ``message_of``
(one line for the user from any exception) are the bundled ``atelier_client.connection``'s.
"""

from .atelier_client.connection import HostError, message_of  # noqa: F401

__all__ = ["HostError", "message_of"]
