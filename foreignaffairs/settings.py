"""Settings for the Huế Department of Foreign Affairs CMS.

Everything that differs between a laptop and production comes from environment variables, with defaults that
are safe for a first local run (SQLite under var/, DEBUG on, only localhost allowed). The README lists them.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A guessable key in production lets anyone forge sessions and password-reset links.
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0 (see README: Settings).")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "foreignaffairs.apps.ForeignAffairsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "foreignaffairs",
    "partners",
    "agreements",
    "projects",
    "delegations",
    "foreignaffairs.journal",
    "foreignaffairs.relationships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "foreignaffairs.accounts.sessions.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which device, if any, verified this session; then whoever still owes a code is sent to give it first.
    "django_otp.middleware.OTPMiddleware",
    "foreignaffairs.accounts.two_factor.policy.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must come last: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "foreignaffairs.urls"
WSGI_APPLICATION = "foreignaffairs.wsgi.application"
ASGI_APPLICATION = "foreignaffairs.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    # The embedded first-run database lives in var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A connection kept across requests (CONN_MAX_AGE) outlives a PostgreSQL restart or failover as a dead
        # socket, and each thread's next request used it and answered 500 (47 of 975 within a second of a
        # restart). With the check, a request that reuses a connection first tries it (SELECT 1, once per
        # request, a fraction of a millisecond on loopback) and opens a new one if it is dead.
        # DB_CONN_HEALTH_CHECKS=0 only for the drill that compares the two (`manage.py drill --postgres`).
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every app server: with several servers behind the proxy, a figure one of them drops on save must
# be dropped for all, and rate limits must count across them. Redis when REDIS_URL is set (production); the
# process's own memory for a single `make run`.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ngoaivu"),
            # A Redis that hangs fails the request within a second instead of holding a worker (and /healthz says so).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

SILENCED_SYSTEM_CHECKS = [
    # admin.E013 forbids editing a many-to-many field whose link table is a model of its own, because such a
    # table may carry extra columns the widget cannot fill. Ours (AgreementPartner, …) carry only the two keys,
    # and exist so that deleting a partner still referred to is refused (PROTECT); admin_base.ThroughM2MMixin
    # shows them with the ordinary widget and ModelForm saves them with .set().
    "admin.E013",
]

AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out pair is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "foreignaffairs.accounts.backends.ModelBackendOneQuery",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/dashboard/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Language, time and formats: Vietnamese first, English on request.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["foreignaffairs.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded agreement documents live outside any public URL; a view that checks permissions serves them.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "documents")), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]
# The full JSON export, written here by `build_export` (a timer) and sent as a file (foreignaffairs.api.snapshot).
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", VAR_DIR / "exports"))
# nginx's internal location for EXPORT_DIR (e.g. /_export/, README: Production): nginx then sends the file and the
# worker is free at once. Empty: the server sends it itself.
EXPORT_ACCEL_REDIRECT = os.environ.get("EXPORT_ACCEL_REDIRECT", "")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

COUNTRIES_FIRST = ["KR", "JP"]
COUNTRIES_FIRST_REPEAT = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "songoaivu@localhost")
# Password-reset mails (foreignaffairs.accounts.password_reset), counted in the shared cache: beyond 3 requests for
# one e-mail address, or 10 from one client address, within the hour, the same page and no mail.
PASSWORD_RESET_MAILS_PER_ADDRESS = 3
PASSWORD_RESET_REQUESTS_PER_CLIENT = 10
PASSWORD_RESET_WINDOW = 60 * 60

# Security. Production (DEBUG=0) is HTTPS-only; locally the same headers apply except the HTTPS ones.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer asks for /healthz over plain HTTP on the private network; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day without activity (foreignaffairs.accounts.sessions), and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Messages wait in the session (in the database), not in a cookie: Django signs its cookies but does not encrypt
# them, and a new API key, shown once in a message (foreignaffairs.admin.api_tokens), must travel in none.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The proxies whose word is taken for the client's address (X-Forwarded-For, X-Real-IP): addresses or networks.
# nginx on the same machine connects from the loopback; add a load balancer's address in front of it, if any.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Login throttling (foreignaffairs.accounts.lockout): five failures for one user name from one client address lock
# that pair only, for 5 minutes, then twice as long after each further failure (at most a day).
AXES_FAILURE_LIMIT = 5
AXES_HANDLER = "foreignaffairs.accounts.lockout.BackoffDatabaseHandler"
AXES_COOLOFF_TIME = "foreignaffairs.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A retry while locked is refused without counting, so retrying early does not lengthen one's own lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# A hostile, overlong user name must not overflow axes' column and turn the login page into a server error.
AXES_USERNAME_CALLABLE = "foreignaffairs.accounts.lockout.axes_username"
AXES_CLIENT_IP_CALLABLE = "foreignaffairs.accounts.lockout.axes_client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Second factor (foreignaffairs.accounts.two_factor): the name authenticator apps show beside the code, and
# django-otp's throttle (after n wrong codes in a row, 2^(n-1) seconds before the next is checked), said here so
# that nobody turns it off by leaving it out.
OTP_TOTP_ISSUER = "Sở Ngoại vụ TP. Huế"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Every select of a filter form starts with this option, which filters nothing: a form submitted untouched must
# give the whole list (django-filter's default label is a row of dashes).
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "foreignaffairs.api.schema.APIAutoSchema",
    # Bearer first: its WWW-Authenticate challenge is what makes DRF answer anonymous requests 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "foreignaffairs.api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["foreignaffairs.api.auth.ViewModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "foreignaffairs.api.pagination.CappedPageNumberPagination",
    "EXCEPTION_HANDLER": "foreignaffairs.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sở Ngoại vụ TP. Huế — API",
    "DESCRIPTION": "Read-only API and JSON export of partners, agreements, reviews and delegations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "foreignaffairs.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    },
}

SYSTEM_NAME = _("Sở Ngoại vụ thành phố Huế")
