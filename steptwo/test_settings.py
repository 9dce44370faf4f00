"""Settings for the test suite: the real settings in "test" mode (no secret key needed, fast hashing)."""

import os

os.environ.setdefault("STEPTWO_ENV", "test")

from steptwo.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never outside tests
