"""Where the daemon's socket lives; identical to the Java ``SocketPaths``.

``$ATELIER_SOCKET``, else ``$XDG_RUNTIME_DIR/atelier/atelier.sock`` (when that folder exists), else
``<tempfile.gettempdir()>/atelier-<user>/atelier.sock``. The folder is private to the user (0700) because whoever
can connect can run jobs and read results.
"""

import getpass
import os
import re
import stat
import tempfile

__all__ = ["resolve_socket", "ensure_private_dir", "socket_user"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def socket_user():
    """Returns the user name used in the fallback folder, with characters outside [A-Za-z0-9._-] as '_'."""
    try:
        user = getpass.getuser()
    except Exception:  # no name for this uid (containers)
        user = "user"
    return _UNSAFE.sub("_", user)


def resolve_socket(env=None):
    """Returns the socket path from ``env`` (a mapping; default ``os.environ``)."""
    env = os.environ if env is None else env
    explicit = env.get("ATELIER_SOCKET")
    if explicit is not None and explicit.strip():
        return os.path.abspath(explicit)
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime is not None and runtime.strip() and os.path.isdir(runtime):
        return os.path.join(runtime, "atelier", "atelier.sock")
    return os.path.join(tempfile.gettempdir(), "atelier-" + socket_user(), "atelier.sock")


def ensure_private_dir(socket_path):
    """Creates the socket's folder with mode 0700, or checks an existing one; returns the folder.

    It must be a real folder (not a link) owned by this user; wider permissions are narrowed to 0700.
    Raises OSError otherwise.
    """
    directory = os.path.dirname(os.path.abspath(socket_path))
    if not os.path.lexists(directory):
        parent = os.path.dirname(directory)
        if parent:
            os.makedirs(parent, exist_ok=True)
        try:
            os.mkdir(directory, 0o700)
        except FileExistsError:
            pass  # another process made it first; verified below
    st = os.lstat(directory)
    if not stat.S_ISDIR(st.st_mode):
        raise OSError("socket folder %s is not a plain directory (a link or a file?)" % directory)
    if st.st_uid != os.geteuid():
        raise OSError("socket folder %s belongs to uid %d, not %d; set ATELIER_SOCKET to a path in a folder of "
                      "your own" % (directory, st.st_uid, os.geteuid()))
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(directory, 0o700)
    return directory
