"""Settings read from the environment: production refuses to start unsafely, bad values fail clearly.

Settings are read once per process, so each test starts a fresh Python with a clean environment
(nothing from the shell or the test run leaks in: no DATABASE_URL, no STEPTWO_ENV=test).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
REAL_KEY = secrets.token_urlsafe(64)


def run_python(args, tmp_path, **env):
    """Run Python in the project directory with only the given environment variables set."""
    clean_env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "STEPTWO_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, *args], check=False, cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=60
    )


def import_settings(tmp_path, **env):
    return run_python(["-c", "import steptwo.settings"], tmp_path, **env)


def last_line(text):
    return text.strip().splitlines()[-1]


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = import_settings(tmp_path)

    assert result.returncode != 0
    assert last_line(result.stderr).startswith(
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set to a random value of at least 50 "
        "characters in production."
    )


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("a-short-secret-key", id="short"),
        pytest.param("insecure-" + "x" * 60, id="insecure-prefix"),
    ],
)
def test_production_refuses_to_start_with_weak_secret_key(tmp_path, key):
    result = import_settings(tmp_path, SECRET_KEY=key)

    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in last_line(result.stderr)


def test_production_deploy_check_passes_with_no_warnings(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="steptwo.example.nhs.uk",
        DEBUG="false",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_development_starts_with_no_environment_variables(tmp_path):
    result = run_python(["manage.py", "check"], tmp_path, STEPTWO_ENV="development")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false, not 'maybe'"),
        ("SECURE_COOKIES", "sometimes", "SECURE_COOKIES must be true or false, not 'sometimes'"),
        ("SESSION_IDLE_TIMEOUT_SECONDS", "half an hour", "must be a whole number, not 'half an hour'"),
        ("STEPTWO_ENV", "staging", "STEPTWO_ENV must be production, development or test, not 'staging'"),
    ],
)
def test_settings_refuse_to_start_with_a_bad_value(tmp_path, name, value, message):
    result = import_settings(tmp_path, **{"SECRET_KEY": REAL_KEY, name: value})

    assert result.returncode != 0
    assert last_line(result.stderr).startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert message in last_line(result.stderr)
