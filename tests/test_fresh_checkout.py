"""A fresh checkout runs on the embedded defaults without any set-up: its data
folder does not exist yet."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_embedded_database_is_created_in_a_missing_data_folder(tmp_path):
    var = tmp_path / "var"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "SEARCH_URL"}}
    env.update(PORTAIL_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="portail.settings.dev")
    code = "from django.db import connection; connection.ensure_connection(); print(connection.vendor)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "sqlite"
    assert (var / "portail.sqlite3").exists()
