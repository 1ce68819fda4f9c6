"""Atelier for Krita: the Atelier docker and a scripting API, talking to the local Atelier daemon.

Scripting::

    from atelier import run, AtelierError
    layer = run(doc, "upscale", factor=2)                 # the new layer (a krita.Node)
    run(doc, "detect", mode="lineart", line_weight=1.5)   # '_' or '-' in field ids

Modules: ``settings``, ``panels``, ``client`` (no Krita, no Qt), ``widgets`` (Qt only), ``document`` and ``api``
(Krita objects passed in), ``docker`` and ``selftest`` (Krita UI). The protocol client, and the host-agnostic
settings, panel model and connection, are the bundled sub-package ``atelier_client``.
"""

from .atelier_client import AtelierError  # noqa: F401
from .api import run  # noqa: F401

__all__ = ["run", "AtelierError"]


def _krita_ui():
    try:
        import krita
    except ImportError:
        return None
    return krita if hasattr(krita, "DockWidgetFactory") else None


if _krita_ui() is not None:
    from . import docker as _docker
    from . import selftest as _selftest

    _docker.register()
    _selftest.arm()
