"""A small stand-in for the Atelier daemon, speaking the real protocol through atelier_client.protocol.

Used by test_client_fake.py in-process (FakeDaemon) and as a launcher (``python3 fake_daemon.py`` serves on
$ATELIER_SOCKET until SHUTDOWN). Operations:

* ``upscale`` {factor}: ACCEPTED, PROGRESS 0.5 (with a 1x1 preview), RESULT scaled by nearest neighbour.
* ``batch`` {batch-count}: ACCEPTED, RESULT with batch-count images (``"images": N``, blobs image, image.1, ...):
  image k is the input with k added to every red byte (mod 256), like N variations.
* ``slow``: ACCEPTED, PROGRESS 0.1, then nothing until CANCEL (ERROR 303) or ``release_slow()``.
* ``fail``: ACCEPTED, then ERROR 300 for the job.
* ``drop``: ACCEPTED, then the connection is closed; the job finishes (as upscale) on the daemon side.
* anything else: ERROR 201 for the request.
"""

import os
import socket
import sys
import threading
from collections import OrderedDict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))

from atelier_client.protocol import FrameReader, MessageType, ProtocolError, encode_frame_parts  # noqa: E402


def _h(**kw):
    h = OrderedDict()
    for k, v in kw.items():
        h[k] = v
    return h


def variation(data, k):
    """The input with k added to every red byte: image k of a fake batch."""
    out = bytearray(data)
    for i in range(0, len(out), 4):
        out[i] = (out[i] + k) % 256
    return bytes(out)


def result_parts(header, w, h, images):
    """A RESULT's header and blobs for ``images`` (each w x h rgba bytes), as the daemon writes them."""
    if len(images) > 1:
        header["images"] = len(images)
    return header, [("image" if k == 0 else "image.%d" % k, "rgba8", w, h, d) for k, d in enumerate(images)]


def scale(width, height, data, factor):
    out = bytearray(width * factor * height * factor * 4)
    ow = width * factor
    for y in range(height * factor):
        for x in range(ow):
            s = ((y // factor) * width + (x // factor)) * 4
            d = (y * ow + x) * 4
            out[d:d + 4] = data[s:s + 4]
    return ow, height * factor, bytes(out)


class _Conn(object):
    def __init__(self, daemon, sock):
        self.daemon = daemon
        self.sock = sock
        self.lock = threading.Lock()
        self.hello = False

    def send(self, msg_type, header, blobs=()):
        parts = encode_frame_parts(msg_type, header, blobs)
        with self.lock:
            for p in parts:
                self.sock.sendall(p)

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


class FakeDaemon(object):
    def __init__(self, path):
        self.path = path
        self.jobs = {}         # job id -> ("result", w, h, bytes) | ("error", code, name, message) | None (running)
        self.watchers = {}     # job id -> conn
        self.released = []
        self.received = []     # (type, header) of every frame
        self.connections = []
        self.counter = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        if os.path.exists(path):
            os.unlink(path)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(8)
        self.inode = os.stat(path).st_ino
        self.thread = threading.Thread(target=self._accept_loop, name="fake-daemon", daemon=True)
        self.thread.start()

    def _accept_loop(self):
        while not self.stopped.is_set():
            try:
                sock, _ = self.server.accept()
            except OSError:
                return
            conn = _Conn(self, sock)
            with self.lock:
                self.connections.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def stop(self):
        try:
            self.server.close()
        except OSError:
            pass
        with self.lock:
            conns = list(self.connections)
        for c in conns:
            c.close()
        try:
            if os.stat(self.path).st_ino == self.inode:  # never a newer daemon's socket
                os.unlink(self.path)
        except OSError:
            pass
        self.stopped.set()  # last: the launcher process exits when this is set

    def drop_connections(self):
        with self.lock:
            conns = list(self.connections)
            self.connections = []
        for c in conns:
            c.close()

    def forget_jobs(self):
        with self.lock:
            self.jobs.clear()

    def _new_job(self):
        with self.lock:
            self.counter += 1
            return "j-%d" % self.counter

    def _serve(self, conn):
        reader = FrameReader(conn.sock)
        try:
            while True:
                frame = reader.read()
                if frame is None:
                    break
                with self.lock:
                    self.received.append((frame.type, dict(frame.header)))
                self._handle(conn, frame)
        except (OSError, ProtocolError):
            pass
        conn.close()

    def _finish(self, job, outcome):
        with self.lock:
            self.jobs[job] = outcome
            conn = self.watchers.pop(job, None)
        if conn is None:
            return
        try:
            if outcome[0] == "result":
                _, w, h, data = outcome[:4]
                conn.send(MessageType.RESULT, *result_parts(
                    _h(job=job, x=0, y=0, canvasWidth=w, canvasHeight=h, notices=["fake"]), w, h,
                    [data] + list(outcome[4:])))
            else:
                _, code, name, message = outcome
                conn.send(MessageType.ERROR, _h(job=job, code=code, name=name, message=message))
        except OSError:
            pass

    def release_slow(self, job):
        self._finish(job, ("result", 1, 1, b"\x01\x02\x03\x04"))

    def _handle(self, conn, frame):
        h = frame.header
        rid = h.get("id")
        t = frame.type
        if t == MessageType.HELLO:
            conn.send(MessageType.WELCOME, _h(id=rid, daemon="atelier", version="fake", protocol=1, pid=os.getpid()))
        elif t == MessageType.LIST_PANELS:
            panels = [_h(id="upscale", title="Upscale", available=True),
                      _h(id="retouch", title="Retouch", available=False, unavailableReason="no model")]
            conn.send(MessageType.PANELS, _h(id=rid, panels=panels))
        elif t == MessageType.STATUS:
            conn.send(MessageType.STATUS_REPLY, _h(id=rid, version="fake", pid=os.getpid(), uptimeMs=1, engines=[],
                                                   queue=_h(queued=0, running=0, done=0, failed=0, cancelled=0)))
        elif t == MessageType.ECHO:
            conn.send(MessageType.ECHO, _h(id=rid), frame.to_blob_tuples())
        elif t == MessageType.SUBMIT:
            self._submit(conn, frame)
        elif t == MessageType.CANCEL:
            job = h.get("job")
            with self.lock:
                known = job in self.jobs
                running = known and self.jobs[job] is None
            if not known:
                conn.send(MessageType.ERROR, _h(id=rid, code=205, name="UNKNOWN_JOB", message="No job " + job))
                return
            conn.send(MessageType.OK, _h(id=rid))
            if running:
                self._finish(job, ("error", 303, "CANCELLED", "Job %s was cancelled" % job))
        elif t == MessageType.FETCH:
            job = h.get("job")
            with self.lock:
                known = job in self.jobs
                outcome = self.jobs.get(job)
                if known and outcome is None:
                    self.watchers[job] = conn
            if not known:
                conn.send(MessageType.ERROR, _h(id=rid, job=job, code=205, name="UNKNOWN_JOB",
                                                message="No job " + job))
            elif outcome is not None:
                if outcome[0] == "result":
                    _, w, hh, data = outcome[:4]
                    conn.send(MessageType.RESULT, *result_parts(
                        _h(id=rid, job=job, x=0, y=0, canvasWidth=w, canvasHeight=hh, notices=[]), w, hh,
                        [data] + list(outcome[4:])))
                else:
                    conn.send(MessageType.ERROR, _h(id=rid, job=job, code=outcome[1], name=outcome[2],
                                                    message=outcome[3]))
        elif t == MessageType.RELEASE:
            with self.lock:
                self.released.append(h.get("job"))
                self.jobs.pop(h.get("job"), None)
        elif t == MessageType.SHUTDOWN:
            conn.send(MessageType.OK, _h(id=rid))
            self.stop()

    def _submit(self, conn, frame):
        h = frame.header
        rid = h.get("id")
        op = h.get("op")
        if op not in ("upscale", "slow", "fail", "drop", "batch"):
            conn.send(MessageType.ERROR, _h(id=rid, code=201, name="UNKNOWN_OPERATION", message="No operation " + op))
            return
        job = self._new_job()
        with self.lock:
            self.jobs[job] = None
            self.watchers[job] = conn
        conn.send(MessageType.ACCEPTED, _h(id=rid, job=job))
        if frame.blob_info("image")["format"] == "png":
            w, hh, data = 1, 1, b"\x00\x00\x00\xff"
        else:
            w, hh, data = frame.raster("image")
        if op == "upscale" or op == "drop":
            if op == "drop":
                with self.lock:
                    self.watchers.pop(job, None)
                conn.close()
            else:
                conn.send(MessageType.PROGRESS, _h(job=job, fraction=0.5, message="scaling"),
                          [("preview", "rgba8", 1, 1, bytes(data[:4]))])
            factor = int(h.get("params", {}).get("factor", 2))
            self._finish(job, ("result",) + scale(w, hh, data, factor))
        elif op == "batch":
            count = int(h.get("params", {}).get("batch-count", 1))
            self._finish(job, ("result", w, hh) + tuple(variation(data, k) for k in range(count)))
        elif op == "slow":
            conn.send(MessageType.PROGRESS, _h(job=job, fraction=0.1, message="waiting"))
        elif op == "fail":
            self._finish(job, ("error", 300, "ENGINE_FAILURE", "the fake engine failed"))


def main():
    path = os.environ["ATELIER_SOCKET"]
    print("fake daemon on " + path, flush=True)
    daemon = FakeDaemon(path)
    daemon.stopped.wait()
    print("fake daemon stopped", flush=True)


if __name__ == "__main__":
    main()
