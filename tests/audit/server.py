"""A production-like server for the audit: a fresh SQLite database in a temporary
folder, the demo loaded into it, static files collected and compressed by WhiteNoise,
and gunicorn on the loopback address."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
READY_TIMEOUT_S = 60
WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(workdir):
    """The environment of ``portail.settings.production`` for a plain-HTTP server on this
    machine: everything else (DEBUG off, static storage, security headers) is as in
    production."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portail.settings.production",
        "SECRET_KEY": "audit-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
        "PORTAIL_VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # Services CI may export for the test suite are not the audit's business.
        "REDIS_URL": "",
        "SEARCH_URL": "",
        # The demo's partner sources are served by the audited server itself.
        "HARVEST_DEMO_SOURCES": "true",
        "HARVEST_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
    }


def manage(env, *args):
    return subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def _wait(process):
    if process.wait() != 0:
        raise subprocess.CalledProcessError(process.returncode, process.args)


def prepare(env, port):
    """Collect the static files while the database is created and the demo loaded."""
    collecting = manage(env, "collectstatic", "--no-input", "--clear", "-v", "0")
    try:
        _wait(manage(env, "migrate", "--no-input", "-v", "0"))
        _wait(manage(env, "load_demo", "--port", str(port)))
    finally:
        _wait(collecting)


class Server:
    """gunicorn serving ``portail.wsgi`` until the ``with`` block ends."""

    def __init__(self, env, port, log_path):
        self.env, self.port, self.log_path = env, port, log_path
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portail.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: see {self.log_path}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {READY_TIMEOUT_S} s: see {self.log_path}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
