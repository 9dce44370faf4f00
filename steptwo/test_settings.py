"""Settings for the test suite: the real settings in "test" mode (no secret key needed, fast hashing)."""

import os

os.environ.setdefault("STEPTWO_ENV", "test")

from steptwo.settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never outside tests

# WhiteNoise indexes every static file (about 2,800 with the NHS.UK front end) each time its middleware
# is built, and the test client builds the middleware for every Client: look files up on request instead.
WHITENOISE_AUTOREFRESH = True
