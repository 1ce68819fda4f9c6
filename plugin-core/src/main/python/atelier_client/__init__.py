"""atelier_client: the Python client of the Atelier daemon's wire protocol (version 1).

This package is shared by the Krita and Blender add-ons, which embed Python (3.11 in practice; the code keeps to
3.8 syntax) and may use only the standard library (plus PyQt in Krita; numpy in Blender is optional here). The
host builds copy it into their add-ons: edit it only here, in ``plugin-core/src/main/python/atelier_client``.

Modules:

* ``protocol`` - frame encoder and validating reader, message types, error codes, limits; byte-identical to the
  Java codec and checked against ``testdata/protocol-vectors.json``.
* ``paths``    - where the daemon's socket lives (same rules as the Java ``SocketPaths``).
* ``client``   - ``DaemonClient``: connect (starting the daemon if asked), HELLO, panels, submit/run/cancel/fetch
  jobs with progress, echo, shutdown. Progress callbacks run on the client's reader thread.
* ``pixels``   - BGRA <-> RGBA swaps (Krita) and linear float bottom-up <-> sRGB bytes top-down (Blender).
* ``settings`` - the add-ons' settings.json (daemon command, socket) and the daemon launcher it gives.
* ``panels``   - the panel model from the daemon's descriptors, operation lookup, script parameter names.
* ``connection`` - an add-on's lazily opened, reconnecting connection made from its settings; ``HostError``.

The last three are imported as submodules (``from atelier_client.panels import Panel``).

``docs/protocol.md`` in the repository is the authoritative description of the protocol.
"""

from .client import AtelierError, DaemonClient, Job, Result
from .paths import ensure_private_dir, resolve_socket
from .pixels import bgra_to_rgba, bytes_to_rgba_float, rgba_float_to_bytes, rgba_to_bgra
from .protocol import (DEFAULT_LIMITS, MAGIC, PREFIX, VERSION, ErrorCode, Frame, FrameReader, Limits,
                       MessageType, ProtocolError, decode_frame, encode_frame, encode_frame_parts)

__all__ = [
    "AtelierError", "DaemonClient", "Job", "Result",
    "ensure_private_dir", "resolve_socket",
    "bgra_to_rgba", "rgba_to_bgra", "rgba_float_to_bytes", "bytes_to_rgba_float",
    "MAGIC", "VERSION", "PREFIX", "DEFAULT_LIMITS", "ErrorCode", "Frame", "FrameReader", "Limits", "MessageType",
    "ProtocolError", "decode_frame", "encode_frame", "encode_frame_parts",
]
