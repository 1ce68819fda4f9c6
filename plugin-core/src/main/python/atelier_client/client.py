"""A connection to the Atelier daemon, the Python twin of the Java ``DaemonClient``.

::

    with DaemonClient.connect(launcher=["atelier", "daemon"], client_name="krita 5.2") as client:
        job = client.submit("upscale", {"factor": 2}, image=(w, h, rgba), on_progress=progress)
        result = job.wait()
        w2, h2, pixels = result.image

One reader thread per connection routes replies to waiting callers by ``id`` and job events to their ``Job`` by
``job``. **Progress callbacks run on that reader thread**: a UI (Qt in Krita, Blender's main loop) must hand the
values over to its own thread (a queued signal, a timer, ``bpy.app.timers``) instead of touching widgets there,
and must return quickly, since no other frame is read while a callback runs.

Every public method may raise ``AtelierError`` (``.code``, ``.name``, message); errors sent by the daemon keep
its code, name and message.
"""

import concurrent.futures
import errno
import itertools
import logging
import os
import socket
import subprocess
import threading
import time
from collections import OrderedDict

from .paths import ensure_private_dir, resolve_socket
from .protocol import (DEFAULT_LIMITS, VERSION, ErrorCode, FrameReader, MessageType, ProtocolError,
                       encode_frame_parts)

__all__ = ["AtelierError", "DaemonClient", "Job", "Result"]

_log = logging.getLogger("atelier_client")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_START_LOCKS = {}
_START_LOCKS_GUARD = threading.Lock()
_LAUNCHED = []  # daemons started by this process, kept so they are reaped (poll) instead of left as zombies


class AtelierError(Exception):
    """An Atelier operation failed in a way to show the user: a stable code, its name and one human line."""

    def __init__(self, code, message, name=None):
        super(AtelierError, self).__init__(message)
        self.code = int(code)
        self.error_code = ErrorCode.from_wire(self.code)
        self.name = name if name else self.error_code.name
        self.message = message

    def describe(self):
        """Returns "NAME (code): message", the form the CLI prints."""
        return "%s (%d): %s" % (self.name, self.code, self.message)

    def __repr__(self):
        return "AtelierError(%d, %r, %r)" % (self.code, self.message, self.name)


def _error_from_frame(frame):
    h = frame.header
    code = h.get("code")
    if isinstance(code, bool) or not isinstance(code, (int, float)):
        code = ErrorCode.INTERNAL
    name = h.get("name")
    return AtelierError(int(code), str(h.get("message", "")), name if isinstance(name, str) else None)


def _lost(cause=None):
    detail = str(cause) if cause is not None and str(cause) else ""
    return AtelierError(ErrorCode.DAEMON_UNAVAILABLE,
                        "Lost the connection to the Atelier daemon" + (": " + detail if detail else ""))


def _settle(future, result=None, error=None):
    """Completes a future once; later outcomes are ignored (like CompletableFuture)."""
    try:
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)
    except concurrent.futures.InvalidStateError:
        pass
    except Exception:  # Python < 3.8 raises plain exceptions for done futures
        if not future.done():
            raise


def _seconds(value):
    return "%g" % value


#: The most images one RESULT may hold (the batch count's bound, OperationResult.MAX_IMAGES in Java).
MAX_RESULT_IMAGES = 8


def result_blob_name(index):
    """The blob name of a RESULT's image ``index`` (0-based): ``image``, then ``image.1``, ``image.2``, ..."""
    return "image" if index == 0 else "image.%d" % index


class Result(object):
    """A finished job: ``image`` (width, height, rgba bytes) placed at (x, y) on a canvas_width x canvas_height
    canvas (expand can grow the canvas and give a negative origin), ``notices`` to show the user, and ``meta``
    (a dict of strings recording how it was made, e.g. Prep for 3D's crop box and scale). A batch (diffusion's
    batch count) has more images of the same size at the same place: ``images`` lists them all, ``image`` first,
    ``variations`` the rest."""

    __slots__ = ("job", "images", "x", "y", "canvas_width", "canvas_height", "notices", "meta")

    def __init__(self, job, image, x, y, canvas_width, canvas_height, notices, meta=None, variations=()):
        self.job = job
        self.images = (image,) + tuple(variations)
        self.x = x
        self.y = y
        self.canvas_width = canvas_width
        self.canvas_height = canvas_height
        self.notices = notices
        self.meta = dict(meta or {})

    @property
    def image(self):
        return self.images[0]

    @property
    def variations(self):
        return self.images[1:]

    @property
    def width(self):
        return self.image[0]

    @property
    def height(self):
        return self.image[1]

    def __repr__(self):
        return "Result(job=%r, image=%dx%d, images=%d, at=(%d, %d), canvas=%dx%d, notices=%r)" % (
            self.job, self.image[0], self.image[1], len(self.images), self.x, self.y, self.canvas_width,
            self.canvas_height, self.notices)


def _to_result(frame):
    h = frame.header
    count = h.get("images", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_RESULT_IMAGES:
        raise AtelierError(ErrorCode.INTERNAL, "The daemon's RESULT declares %r images (1..%d allowed)"
                           % (count, MAX_RESULT_IMAGES))
    images = []
    for i in range(count):
        name = result_blob_name(i)
        try:
            image = frame.raster(name)
        except ValueError as e:
            raise AtelierError(ErrorCode.INTERNAL, "The daemon's RESULT: %s" % e)
        if image is None:
            raise AtelierError(ErrorCode.INTERNAL, "The daemon's RESULT has no \"%s\" blob" % name)
        if images and image[:2] != images[0][:2]:
            raise AtelierError(ErrorCode.INTERNAL, "The daemon's RESULT has images of different sizes")
        images.append(image)
    notices = [str(n) for n in h.get("notices", [])]
    meta = {str(k): str(v) for k, v in (h.get("meta") or {}).items()}
    image = images[0]
    return Result(h.get("job"), image, int(h.get("x", 0)), int(h.get("y", 0)), int(h.get("canvasWidth", image[0])),
                  int(h.get("canvasHeight", image[1])), notices, meta, images[1:])


class Job(object):
    """A submitted job: its ``id``, progress through the callback given at submit, and its outcome.

    If the connection drops while waiting, ``wait`` reconnects once (starting the daemon when the client has a
    launcher) and fetches the result by id, so a result kept by the daemon is not lost to a broken connection.
    """

    def __init__(self, client, job_id, on_progress=None):
        self._client = client
        self.id = job_id
        self.on_progress = on_progress
        self._outcome = concurrent.futures.Future()
        self._recovered = False
        self._released = False

    @property
    def done(self):
        """True once the outcome (result or error) arrived."""
        return self._outcome.done()

    def cancel(self):
        """Asks the daemon to cancel; the job then ends with CANCELLED (303) from wait()."""
        self._client.cancel(self.id)

    def wait(self, timeout=None):
        """Waits for the result (timeout in seconds, None = no limit) and returns a Result.

        Raises AtelierError: the daemon's error for a failed job (CANCELLED after cancel), TIMEOUT when the
        timeout passes first, DAEMON_UNAVAILABLE when the daemon cannot be reached again or lost the job.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
                result = self._outcome.result(remaining)
            except concurrent.futures.TimeoutError:
                raise AtelierError(ErrorCode.TIMEOUT, "Job %s did not finish within %s s" % (self.id, _seconds(timeout)))
            except AtelierError as e:
                if e.code == ErrorCode.UNKNOWN_JOB and self._recovered:
                    raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "The daemon stopped while running job %s and "
                                       "its work was lost; run it again" % self.id)
                if e.code != ErrorCode.DAEMON_UNAVAILABLE or self._recovered:
                    raise
                self._recover()
                continue
            if not self._released:
                self._released = True
                self._client._release_quietly(self.id)
            return result

    def _recover(self):
        self._recovered = True  # one reconnect per job: a daemon that keeps dying is reported, not retried forever
        self._outcome = concurrent.futures.Future()
        self._client.reconnect()
        self._client._follow(self)

    def _complete(self, result):
        _settle(self._outcome, result=result)

    def _fail(self, error):
        _settle(self._outcome, error=error)

    def __repr__(self):
        return "Job(%r, done=%r)" % (self.id, self.done)


class _Link(object):
    """One socket connection: a buffered reader for the reader thread and a locked writer."""

    def __init__(self, sock, limits):
        self.sock = sock
        self.stream = sock.makefile("rb", buffering=1 << 16)
        self.reader = FrameReader(self.stream, limits)
        self.limits = limits
        self.send_lock = threading.Lock()
        self.dead = False

    def send(self, msg_type, header, blobs=()):
        parts = encode_frame_parts(msg_type, header, blobs, self.limits)
        with self.send_lock:
            for part in parts:
                self.sock.sendall(part)

    def close(self):
        self.dead = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the reader thread blocked in recv
        except OSError:
            pass
        try:
            self.stream.close()
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


def _try_connect(path):
    if not os.path.exists(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        return sock
    except OSError:
        sock.close()
        return None


def _last_line(log):
    try:
        with open(log, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 65536))
            lines = f.read().decode("utf-8", "replace").splitlines()
        for line in reversed(lines):
            if line.strip():
                return line.strip()
    except OSError:
        pass
    return "no output"


def _start_lock(path):
    with _START_LOCKS_GUARD:
        return _START_LOCKS.setdefault(os.path.abspath(path), threading.Lock())


def _connect_or_start(socket_path, launcher, start_timeout):
    """Returns a connected socket; starts the daemon with ``launcher`` when nothing answers (like DaemonStarter)."""
    sock = _try_connect(socket_path)
    if sock is not None:
        return sock
    if not launcher:
        raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "No Atelier daemon answers on %s; start one with "
                           "'atelier daemon'" % socket_path)
    import fcntl  # POSIX only, like the Unix socket itself
    # flock excludes other processes; threads of this process queue on a lock first.
    with _start_lock(socket_path):
        try:
            directory = ensure_private_dir(socket_path)
            lock_path = os.path.join(directory, os.path.basename(socket_path) + ".start")
            with open(lock_path, "a") as lock_file:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
                try:
                    sock = _try_connect(socket_path)  # someone may have started it while we waited
                    if sock is not None:
                        return sock
                    return _launch_and_connect(socket_path, launcher, start_timeout, directory)
                finally:
                    fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)
        except OSError as e:
            raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "Could not start the Atelier daemon: %s" % e)


def _launch_and_connect(socket_path, launcher, start_timeout, directory):
    log = os.path.join(directory, "daemon.log")
    if os.path.exists(log) and os.path.getsize(log) > (1 << 20):  # keep one old log, never an ever-growing one
        os.replace(log, os.path.join(directory, "daemon.log.1"))
    _LAUNCHED[:] = [p for p in _LAUNCHED if p.poll() is None]
    env = dict(os.environ)
    env["ATELIER_SOCKET"] = socket_path
    with open(log, "ab") as out:
        # Own session: a Ctrl+C in the terminal that started the host must not kill the daemon.
        process = subprocess.Popen(list(launcher), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True, close_fds=True)
    _LAUNCHED.append(process)
    deadline = time.monotonic() + start_timeout
    while time.monotonic() < deadline:
        sock = _try_connect(socket_path)
        if sock is not None:
            return sock
        code = process.poll()
        if code is not None and code != 0:
            raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "The Atelier daemon failed to start: %s (log: %s)"
                               % (_last_line(log), log))
        time.sleep(0.02)  # polling a socket file; nothing to wait on instead
    raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "The Atelier daemon did not answer within %s s (log: %s)"
                       % (_seconds(start_timeout), log))


def _image_blob(name, image, raw_format):
    """(w, h, bytes) -> a raw blob; bare PNG bytes -> a png blob."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        if bytes(image[:8]) != _PNG_SIGNATURE:
            raise ValueError("%s: pass (width, height, bytes) or a complete PNG file" % name)
        return (name, "png", 0, 0, image)
    width, height, data = image
    return (name, raw_format, int(width), int(height), data)


class DaemonClient(object):
    """A connection to the Atelier daemon. Thread-safe; use ``DaemonClient.connect(...)`` to make one."""

    def __init__(self, socket_path=None, launcher=None, client_name="atelier-python", start_timeout=20.0,
                 request_timeout=30.0, limits=DEFAULT_LIMITS):
        self.socket_path = os.path.abspath(socket_path) if socket_path else resolve_socket()
        self.launcher = list(launcher) if launcher else None
        self.client_name = client_name
        self.start_timeout = start_timeout
        self.request_timeout = request_timeout
        self.limits = limits
        self.welcome = None
        self._ids = itertools.count(1)
        self._ids_lock = threading.Lock()
        self._pending = {}          # request id -> Future of the reply frame
        self._pending_submits = {}  # request id -> progress callback, until ACCEPTED
        self._accepted = {}         # request id -> Job registered on ACCEPTED
        self._pending_fetches = {}  # request id -> Job following by FETCH
        self._jobs = {}             # job id -> Job
        self._state_lock = threading.RLock()
        self._open_lock = threading.RLock()
        self._link = None
        self._closed = False

    @classmethod
    def connect(cls, socket_path=None, launcher=None, client_name="atelier-python", start_timeout=20.0,
                request_timeout=30.0, limits=DEFAULT_LIMITS):
        """Connects (starting the daemon with ``launcher``, an argv list, when nothing answers) and says HELLO.

        ``socket_path`` defaults to ``paths.resolve_socket()``; timeouts are in seconds.
        """
        client = cls(socket_path, launcher, client_name, start_timeout, request_timeout, limits)
        client._open()
        return client

    # -- connection

    def _open(self):
        with self._open_lock:
            sock = _connect_or_start(self.socket_path, self.launcher, self.start_timeout)
            link = _Link(sock, self.limits)
            self._link = link
            reader = threading.Thread(target=self._read_loop, args=(link,), name="atelier-client-reader")
            reader.daemon = True
            reader.start()
            header = OrderedDict()
            header["client"] = self.client_name
            header["protocol"] = VERSION
            self.welcome = self._call(MessageType.HELLO, header).header

    def reconnect(self):
        """Connects again if the connection was lost (no-op while it is alive), starting the daemon if allowed."""
        with self._open_lock:
            if self._closed:
                raise AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "The client was closed")
            old = self._link
            if old is not None and not old.dead:
                return
            self._open()

    @property
    def connected(self):
        link = self._link
        return link is not None and not link.dead

    def close(self):
        """Closes the connection; jobs keep running in the daemon (fetch them later by id with a new client).

        Callers still waiting (requests, Job.wait) get DAEMON_UNAVAILABLE "The client was closed".
        """
        self._closed = True
        link = self._link
        if link is not None:
            link.close()
        failure = AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "The client was closed")
        with self._state_lock:
            pending = list(self._pending.values())
            jobs = list(self._jobs.values())
            self._pending_fetches.clear()
        for f in pending:
            _settle(f, error=failure)
        for j in jobs:
            j._fail(failure)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # -- requests

    def panels(self):
        """Returns the panel descriptors (dicts); each has ``available`` and ``unavailableReason`` (or None)."""
        panels = self._call(MessageType.LIST_PANELS, OrderedDict()).header.get("panels", [])
        for p in panels:
            p.setdefault("available", True)
            p.setdefault("unavailableReason", None)
        return panels

    def status(self):
        """Returns the daemon's STATUS_REPLY header: version, pid, uptimeMs, engines, queue."""
        return self._call(MessageType.STATUS, OrderedDict()).header

    def submit(self, op, params=None, image=None, mask=None, priority=10, on_progress=None):
        """Submits a job and returns its Job at once.

        ``image`` is ``(width, height, rgba8 bytes)`` (or the bytes of a PNG file), ``mask`` None or
        ``(width, height, gray8 bytes)`` (0 = keep, 255 = edit; or PNG bytes). ``on_progress(fraction, message,
        preview)`` runs on the reader thread; ``preview`` is None or ``(width, height, rgba bytes)``.
        """
        if image is None:
            raise ValueError("submit needs an image")
        header = OrderedDict()
        header["op"] = op
        header["params"] = OrderedDict(params or {})
        header["priority"] = int(priority)
        header["watch"] = True
        blobs = [_image_blob("image", image, "rgba8")]
        if mask is not None:
            blobs.append(_image_blob("mask", mask, "gray8"))
        request_id = self._next_id()
        with self._state_lock:
            self._pending_submits[request_id] = on_progress
        try:
            reply = self._call(MessageType.SUBMIT, header, blobs, request_id)
            with self._state_lock:
                job = self._accepted.pop(request_id, None)
                if job is None:  # ACCEPTED without a registered job cannot happen; be safe anyway
                    job = self._jobs.setdefault(reply.header["job"], Job(self, reply.header["job"], on_progress))
            return job
        finally:
            with self._state_lock:
                self._pending_submits.pop(request_id, None)
                self._accepted.pop(request_id, None)

    def run(self, op, params=None, image=None, mask=None, priority=10, on_progress=None, timeout=None):
        """Submits a job and waits for its Result."""
        return self.submit(op, params, image, mask, priority, on_progress).wait(timeout)

    def cancel(self, job_id):
        """Asks the daemon to cancel a job (queued or running); unknown jobs raise UNKNOWN_JOB (205)."""
        header = OrderedDict()
        header["job"] = job_id
        self._call(MessageType.CANCEL, header)

    def fetch(self, job_id, on_progress=None, timeout=None):
        """Waits for a job's Result by id, also for a job submitted on an earlier connection."""
        job = Job(self, job_id, on_progress)
        self._follow(job)
        return job.wait(timeout)

    def echo(self, data):
        """Sends bytes and returns what the daemon echoes (a liveness and throughput probe)."""
        reply = self._call(MessageType.ECHO, OrderedDict(), [("payload", "bytes", 0, 0, data)])
        payload = reply.blob("payload")
        return bytes(payload) if payload is not None else b""

    def shutdown(self):
        """Asks the daemon to stop; it answers OK, then closes every connection."""
        self._call(MessageType.SHUTDOWN, OrderedDict())

    # -- internals

    def _next_id(self):
        with self._ids_lock:
            n = next(self._ids)
            if n > 2 ** 31 - 1:
                self._ids = itertools.count(2)
                n = 1
            return n

    def _follow(self, job):
        request_id = self._next_id()
        with self._state_lock:
            self._jobs[job.id] = job
            self._pending_fetches[request_id] = job
        header = OrderedDict()
        header["id"] = request_id
        header["job"] = job.id
        header["wait"] = True
        link = self._link
        try:
            if link is None or link.dead:
                raise OSError(errno.ENOTCONN, "not connected")
            link.send(MessageType.FETCH, header)
        except OSError as e:
            with self._state_lock:
                self._pending_fetches.pop(request_id, None)
            raise _lost(e)

    def _release_quietly(self, job_id):
        with self._state_lock:
            self._jobs.pop(job_id, None)
        header = OrderedDict()
        header["job"] = job_id
        link = self._link
        if link is None or link.dead:
            return  # the result expires on its own
        try:
            link.send(MessageType.RELEASE, header)
        except OSError:
            pass

    def _call(self, msg_type, header, blobs=(), preset_id=None):
        request_id = preset_id if preset_id is not None else self._next_id()
        h = OrderedDict()
        h["id"] = request_id
        for key, value in header.items():
            h[key] = value
        reply = concurrent.futures.Future()
        with self._state_lock:
            self._pending[request_id] = reply
        link = self._link
        try:
            if link is None or link.dead:
                raise _lost()
            try:
                link.send(msg_type, h, blobs)
            except OSError as e:
                link.close()  # the reader may not have noticed yet; reconnect() must not trust this link
                raise _lost(e)
            try:
                frame = reply.result(self.request_timeout)
            except concurrent.futures.TimeoutError:
                raise AtelierError(ErrorCode.TIMEOUT, "The daemon did not answer %s within %s s"
                                   % (MessageType(msg_type).name, _seconds(self.request_timeout)))
            if frame.type == MessageType.ERROR:
                raise _error_from_frame(frame)
            return frame
        finally:
            with self._state_lock:
                self._pending.pop(request_id, None)

    def _read_loop(self, link):
        end = None
        try:
            while True:
                frame = link.reader.read()
                if frame is None:
                    break
                self._route(frame)
        except ProtocolError as e:
            end = AtelierError(ErrorCode.DAEMON_UNAVAILABLE, "Lost the connection to the Atelier daemon: %s (%s)"
                               % (e, e.name))
        except (OSError, ValueError, RuntimeError) as e:
            end = _lost(e if not link.dead else None)
        except Exception as e:  # a bug while routing must still fail the waiters instead of hanging them
            _log.exception("atelier client reader failed")
            end = AtelierError(ErrorCode.INTERNAL, "The client's reader failed: %r" % (e,))
        link.close()
        if self._closed or self._link is not link:
            return  # we closed it, or a newer connection took over
        failure = end if end is not None else _lost()
        with self._state_lock:
            pending = list(self._pending.values())
            self._pending_fetches.clear()
            jobs = list(self._jobs.values())
        for f in pending:
            _settle(f, error=failure)
        for j in jobs:
            j._fail(failure)

    def _route(self, frame):
        h = frame.header
        job_id = h.get("job")
        request_id = frame.get_id()
        if frame.type == MessageType.PROGRESS:
            with self._state_lock:
                job = self._jobs.get(job_id) if job_id is not None else None
            if job is not None and job.on_progress is not None:
                try:
                    preview = frame.raster("preview") if frame.blob_info("preview") else None
                    job.on_progress(float(h.get("fraction", 0.0)), str(h.get("message", "")), preview)
                except Exception:  # a host's callback bug must not kill the reader thread
                    _log.exception("progress callback of job %s failed", job_id)
            return
        with self._state_lock:
            if (request_id is not None and frame.type == MessageType.ACCEPTED
                    and request_id in self._pending_submits and isinstance(job_id, str)):
                # Register before completing: the job's RESULT may be the very next frame.
                job = Job(self, job_id, self._pending_submits[request_id])
                self._jobs[job_id] = job
                self._accepted[request_id] = job
            waiter = self._pending.get(request_id) if request_id is not None else None
            job = None
            if waiter is None:
                if request_id is not None:
                    job = self._pending_fetches.pop(request_id, None)
                if job is None and job_id is not None:
                    job = self._jobs.get(job_id)
                if job is not None and frame.type == MessageType.ERROR:
                    self._jobs.pop(job.id, None)
        if waiter is not None:
            _settle(waiter, result=frame)
            return
        if job is not None:
            if frame.type == MessageType.RESULT:
                try:
                    job._complete(_to_result(frame))
                except (AtelierError, ValueError, KeyError, TypeError) as e:
                    job._fail(e if isinstance(e, AtelierError) else AtelierError(ErrorCode.INTERNAL, str(e)))
            elif frame.type == MessageType.ERROR:
                job._fail(_error_from_frame(frame))
