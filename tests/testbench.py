"""Pytest plugin: a throwaway PostgreSQL cluster and a private Redis server.

Loaded with `-p tests.testbench` (see pyproject.toml) so that it runs before
pytest-django reads the settings. Both servers start once per test session
and stop when it ends. As root, PostgreSQL runs as the `postgres` user.

Set MARKTPLEIN_TEST_USE_RUNNING_SERVICES=1 with DATABASE_HOST/PORT and
REDIS_URL to use servers you started yourself.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("MARKTPLEIN_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


class TestBench:
    """The servers one test session needs."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="marktplein-testbench-"))
        self.pg_dir = self.root / "pg"
        self.redis_dir = self.root / "redis"
        self.pg_port = _free_port()
        self.redis_port = _free_port()
        self.as_root = os.geteuid() == 0

    # PostgreSQL -----------------------------------------------------------
    def _pg(self, *args: str) -> list[str]:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if self.as_root:
            return ["runuser", "-u", "postgres", "--", *command]
        return command

    def start_postgres(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL server binaries not found in {PG_BIN}")
        self.pg_dir.mkdir(parents=True)
        if self.as_root:
            uid = pwd.getpwnam("postgres").pw_uid
            os.chmod(self.root, 0o755)
            os.chown(self.pg_dir, uid, -1)
        data = self.pg_dir / "data"
        subprocess.run(
            self._pg(
                "initdb",
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale=C.UTF-8",
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-k {self.pg_dir} -p {self.pg_port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        subprocess.run(
            self._pg(
                "pg_ctl",
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.pg_dir / "log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )
        _wait_for_port(self.pg_port)

    def stop_postgres(self) -> None:
        data = self.pg_dir / "data"
        if data.exists():
            subprocess.run(
                self._pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"),
                capture_output=True,
            )

    # Redis ----------------------------------------------------------------
    def start_redis(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.redis_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                server,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.redis_dir),
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.redis_dir / "redis.pid"),
            ],
            check=True,
            capture_output=True,
        )
        _wait_for_port(self.redis_port)

    def stop_redis(self) -> None:
        pidfile = self.redis_dir / "redis.pid"
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pidfile.read_text().strip()), 15)

    # Both -----------------------------------------------------------------
    def start(self) -> None:
        self.start_postgres()
        self.start_redis()
        os.environ["DATABASE_HOST"] = "127.0.0.1"
        os.environ["DATABASE_PORT"] = str(self.pg_port)
        os.environ["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"

    def stop(self) -> None:
        self.stop_redis()
        self.stop_postgres()
        shutil.rmtree(self.root, ignore_errors=True)


_bench: TestBench | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    global _bench
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ.setdefault("MARKTPLEIN_MEDIA_ROOT", tempfile.mkdtemp(prefix="marktplein-media-"))
    if os.environ.get("MARKTPLEIN_TEST_USE_RUNNING_SERVICES"):
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    _bench = TestBench()
    try:
        _bench.start()
    except Exception:
        _bench.stop()
        raise


def pytest_unconfigure(config):
    if _bench is not None:
        _bench.stop()


def pytest_report_header(config):
    if _bench is not None:
        return [
            f"testbench: PostgreSQL on 127.0.0.1:{_bench.pg_port}, "
            f"Redis on 127.0.0.1:{_bench.redis_port} (throwaway, in {_bench.root})"
        ]
    return []
