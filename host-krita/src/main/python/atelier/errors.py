"""Errors raised by the plug-in itself, as atelier_client.AtelierError so callers catch one type."""

from .atelier_client import AtelierError


class HostError(AtelierError):
    """A problem found on the Krita side (no selection, unsupported pixel format, ...): one clear line."""

    def __init__(self, message, code=207, name="BAD_REQUEST"):
        AtelierError.__init__(self, code, message, name)


def message_of(error):
    """One line for the user from any exception."""
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]
