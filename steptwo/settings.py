"""Django settings for Step Two.

Every setting that differs between machines is read from an environment variable (see the
configuration table in README.md). Nothing is read from a .env file implicitly. Defaults are the safe
choice: production mode, DEBUG off, secure cookies.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from steptwo.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("STEPTWO_VAR_DIR", str(BASE_DIR / "var")))

# "production" (the default), "development" (make run) or "test" (the test suite).
ENVIRONMENT = env_str("STEPTWO_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"STEPTWO_ENV must be production, development or test, not {ENVIRONMENT!r}")
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=False)

_INSECURE_KEY_PREFIX = "insecure-"
SECRET_KEY = env_str("SECRET_KEY", "" if IS_PRODUCTION else "insecure-development-key-not-for-real-data")
if IS_PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith(_INSECURE_KEY_PREFIX)):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "steptwo.core",
    "steptwo.organisations",
    "steptwo.accounts",
    "steptwo.patients",
    "steptwo.referrals",
    "steptwo.measures",
    "steptwo.tasks",
    "steptwo.appointments",
    "steptwo.assessments",
    "steptwo.treatment",
    "steptwo.letters",
    "steptwo.supervision",
    "steptwo.outcomes",
    "steptwo.dataset",
    *([] if IS_PRODUCTION else ["steptwo.demo"]),  # demo data (manage.py seed_demo): never in production
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "steptwo.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "steptwo.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "steptwo.urls"
WSGI_APPLICATION = "steptwo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "steptwo.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "steptwo.core.context_processors.steptwo",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite in var/ by default: WAL so readers never block the writer, IMMEDIATE transactions so a
# writer waits (up to the busy timeout) instead of failing with "database is locked".
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'steptwo.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", DEFAULT_SQLITE_URL), conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME")} if env_str("SQLITE_TEST_NAME") else {}
else:
    # PostgreSQL: no JIT compilation. It pays off only for queries running many seconds; for the outcome
    # reports' queries it spent 80 ms compiling each (a tenth of a year's report on the large demo).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Sign-in and sessions ----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions end after this many seconds without a request (the expiry is renewed on every request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sign-in lockout: this many failed attempts in a row lock the account for this long.
SIGN_IN_MAX_FAILURES = env_int("SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_LOCKOUT_SECONDS = env_int("SIGN_IN_LOCKOUT_SECONDS", 15 * 60)
# Public self-referral form: at most this many submissions per client IP address per hour. Counted in
# Django's default in-memory cache, so each worker process counts on its own (README, configuration).
SELF_REFERRAL_RATE_LIMIT = (env_int("SELF_REFERRAL_RATE_LIMIT", 5), 3600)

# Outcome rules where NHS England's definition leaves a question open (domain reference §10 Q2, Q3, Q5).
# The values and what each means: steptwo/outcomes/rules.py.
OUTCOMES_RELIABLE_CHANGE_BOUNDARY = env_str("OUTCOMES_RELIABLE_CHANGE_BOUNDARY", "at_least")
OUTCOMES_DETERIORATION_RULE = env_str("OUTCOMES_DETERIORATION_RULE", "either_measure")
OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR = env_str("OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR", "finished_at_caseness")

# --- Security ----------------------------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=IS_PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if IS_PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Static files ------------------------------------------------------------------------------
NHSUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
if not IS_PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing directory
STATICFILES_DIRS = [("nhsuk", NHSUK_FRONTEND_DIST)]
# The compiled NHS.UK CSS refers to /assets/images/...: serve the package's assets at /assets/.
WHITENOISE_ROOT = NHSUK_FRONTEND_DIST
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint (letters) logs every stylesheet it parses at INFO, even on import.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
