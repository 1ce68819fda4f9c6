"""A fake DaemonClient (what atelier.client.Connection connects) that answers from Python functions."""

import fake_krita

fake_krita.install()

from atelier.atelier_client import AtelierError, Result  # noqa: E402
from atelier.client import Connection  # noqa: E402
from atelier.settings import Settings  # noqa: E402

import descriptors  # noqa: E402


class FakeJob(object):
    def __init__(self, outcome, on_progress):
        self.id = "job-1"
        self.outcome = outcome
        self.on_progress = on_progress
        self.cancelled = False

    @property
    def done(self):
        return True

    def wait(self, timeout=None):
        if self.on_progress:
            self.on_progress(0.5, "half way", None)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome

    def cancel(self):
        self.cancelled = True


class FakeClient(object):
    """handlers: op -> function(params, image, mask) returning a Result or an exception."""

    def __init__(self, handlers=None, panels=None):
        self.handlers = handlers or {}
        self._panels = panels if panels is not None else descriptors.all_panels()
        self.submits = []
        self.closed = False

    def panels(self):
        return self._panels

    def submit(self, op, params=None, image=None, mask=None, priority=10, on_progress=None):
        self.submits.append({"op": op, "params": dict(params or {}), "image": image, "mask": mask})
        handler = self.handlers.get(op)
        if handler is None:
            outcome = AtelierError(202, "%s needs an engine that is not installed yet" % op, "OPERATION_UNAVAILABLE")
        else:
            outcome = handler(params, image, mask)
        return FakeJob(outcome, on_progress)

    def close(self):
        self.closed = True


def connection(client):
    return Connection(lambda: Settings(["daemon"], "/tmp/none.sock"), connect=lambda **kw: client)


def result(w, h, rgba, x=0, y=0, cw=None, ch=None, variations=()):
    """A Result; `variations` are more rgba byte strings of the same size (a batch)."""
    return Result("job-1", (w, h, bytes(rgba)), x, y, cw or w, ch or h, [],
                  variations=[(w, h, bytes(v)) for v in variations])


def invert(image):
    w, h, rgba = image
    out = bytearray(rgba)
    for i in range(0, len(out), 4):
        out[i], out[i + 1], out[i + 2] = 255 - out[i], 255 - out[i + 1], 255 - out[i + 2]
    return bytes(out)


def opaque(w, h, seed=1):
    """RGBA test pixels, every byte non-zero and distinct per position."""
    out = bytearray()
    for y in range(h):
        for x in range(w):
            out += bytes([(x * 37 + seed) % 250 + 1, (y * 53 + seed) % 250 + 1, (x * y + 7 * seed) % 250 + 1, 255])
    return bytes(out)


def bgra(rgba):
    out = bytearray(rgba)
    out[0::4], out[2::4] = rgba[2::4], rgba[0::4]
    return bytes(out)
