"""Helpers for tests that run real processes: the `jinling` command and its server."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    process: subprocess.Popen


def jinling_env(tmp_path, **extra) -> dict[str, str]:
    """The environment of a `jinling` process working on a scratch store."""
    env = {**os.environ, "JINLING_STORE": str(tmp_path / "store"),
           "JINLING_TOKENS": str(tmp_path / "tokens.json")}
    return {**env, **{k: str(v) for k, v in extra.items()}}


def jinling(env, *args, check=True) -> subprocess.CompletedProcess:
    """Run the real `jinling` command."""
    result = subprocess.run([str(BIN / "jinling"), *args], env=env, capture_output=True,
                            text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"jinling {' '.join(args)} failed:\n{result.stderr}")
    return result


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Poll a URL until it answers 200; fail with the server's log if it dies or stays down."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    raise RuntimeError(f"server did not come up at {url}: {log.read_text(errors='replace')}")


def start_server(env, port) -> subprocess.Popen:
    """Start `jinling serve` on a port and wait for its health check."""
    log = Path(env["JINLING_STORE"]).parent / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen([str(BIN / "jinling"), "serve", "--port", str(port)],
                                   env=env, stdout=sink, stderr=subprocess.STDOUT)
    wait_until_up(f"http://127.0.0.1:{port}/health", process, log)
    return process


def stop(process: subprocess.Popen, seconds: float = 15) -> None:
    """Stop a server process: politely, then by force if it does not end in time."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
