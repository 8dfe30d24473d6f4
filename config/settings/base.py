"""Settings shared by every environment; everything that varies is read from the environment."""

import ipaddress
import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "knowledge",
    "trades",
    "actors",
    "questions",
    "agenda",
    "news",
    "forum",
    "search",
    "benchmarks",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.SiteAndAdminCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and the language: a kept answer skips the rest (the language is the
    # address's, part of the key). It keeps nothing for a request with a cookie (an editor), a
    # form (CSRF, below it), a response that sets a cookie or a refused request (not 200).
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the database with a request's values (redirects, sessions, views).
    "core.middleware.RejectControlCharactersMiddleware",
    "core.middleware.PublicMethodsMiddleware",
    "core.chrome.RememberedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default of the demo; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) models spinning disks. With it, the planner reads
    # the whole search index table for a common word instead of following its GIN index (43 ms
    # against 8 ms for "pierre" at 10,000 pages). 1.1 is the usual value on SSD storage.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={os.environ.get('DB_RANDOM_PAGE_COST', '1.1')}"
    )
    # Parameters bound by the server, and statements prepared from their second run on a
    # connection: a page computed after a publish runs about twenty queries that PostgreSQL took
    # longer to plan than to run (a trade page: 9 ms of planning, 2 of execution); prepared, each
    # is planned again only when its parameters call for it. DB_PREPARED=off behind a pooler in
    # transaction mode (PgBouncer's), which cannot keep prepared statements.
    if env_bool("DB_PREPARED", True):
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        # The page cache (core/pagecache.py), shared by every app server.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Per process without Redis: each worker keeps its own copies (a page is 20 to 60 kB).
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "2000"))},
        },
    }

# The page cache for anonymous visitors (core/pagecache.py). PAGE_CACHE=off turns it off (the
# benchmark's uncached runs). An entry lives PAGE_CACHE_SECONDS at most (less when what it shows
# changes with time: an offer closing); a CDN may keep a page PAGE_CACHE_CDN_SECONDS.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "60"))
# What pages show of other pages, kept by each process until content changes
# (core/page_memory.py). PAGE_MEMORY=off computes it on every request (to measure the gain).
PAGE_MEMORY_ENABLED = env_bool("PAGE_MEMORY", True)
# A CDN or caching proxy in front (off by default): FRONTEND_CACHE_PURGE_URL names its HTTP purge
# address (Varnish, nginx's cache_purge...), and wagtail.contrib.frontend_cache purges a page's
# address when it is published. Listings that show it keep their copy PAGE_CACHE_CDN_SECONDS at
# most (s-maxage). Other CDNs (Cloudflare, CloudFront): see docs/architecture.md.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first, English second. Interface strings are English msgids translated in locale/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Built front-end files (site/frontend builds into static/) are committed, so that the demo runs
# without Node.js.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Centre de ressources du patrimoine"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_MODERATION_ENABLED = True
# The admin calls no third party: no Gravatar (it would tell it every editor's e-mail hash and
# when they work) and no check for new Wagtail releases (upgrades go through requirements.lock).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every image is a core.Picture: Wagtail's image with its credit, licence and a required
# alternative text unless marked decorative (core/images.py, checked by core/image_forms.py).
WAGTAILIMAGES_IMAGE_MODEL = "core.Picture"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.PictureForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Search: the database backend, made French by search.backends.database (on PostgreSQL with the
# text search configurations created by search's migrations). With ELASTICSEARCH_URL, Elasticsearch
# 8 (the client's major version matches the server's) answers, and the database backend, kept up
# to date beside it, answers whenever Elasticsearch does not.
DATABASE_SEARCH_BACKEND = {
    "BACKEND": "search.backends.database",
    "SEARCH_CONFIG": "french_unaccent",
    "AUTOCOMPLETE_CONFIG": "simple_unaccent",
}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "hrc_"),
            "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "3")),
        },
        "database": DATABASE_SEARCH_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}

# The map's tile server and its attribution (used by the actors directory).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Pays de la Loire as (south, west, north, east) in degrees: imported coordinates must fall inside,
# and the map opens on it.
MAP_REGION_BOUNDS = (46.2, -2.7, 48.65, 0.95)
# Who may show the directory's map in an iframe (frame-ancestors of the embed view only).
ACTORS_EMBED_FRAME_ANCESTORS = env_list("ACTORS_EMBED_FRAME_ANCESTORS", "*")

# --- Security headers ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp 4). No inline script or style anywhere on the public site:
# scripts and styles are files from static/dist. A page that embeds a third-party player adds the
# provider's origin to frame-src on its own response only (`response._csp_update`), after the
# visitor asked for the player. The map's tile server is the only third-party image origin.
# The tile server's origin ({s} subdomains become a * wildcard).
MAP_TILE_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{s}", "*")))
CSP_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:", MAP_TILE_ORIGIN],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "media-src": [CSP_SELF],
        "frame-src": [CSP_SELF],
        "object-src": ["'none'"],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_SELF],
    },
}
# The Wagtail admin (logged-in editors only) still writes inline scripts of its own (page
# listings, editing forms, the users list: seen in Chromium under the strict policy), so it gets
# the same policy with inline code allowed, rather than no policy at all (config/csp.py). Inline
# styles are allowed there too: with inline scripts allowed, forbidding them adds no protection.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [CSP_SELF, "'unsafe-inline'"],
        "style-src": [CSP_SELF, "'unsafe-inline'"],
        "img-src": [CSP_SELF, "data:", "blob:", MAP_TILE_ORIGIN],
    },
}
# A cross-origin player still receives the origin (not the path) as referrer: YouTube refuses to
# play an embed that sends none.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Admin login rate limit (django-axes): after AXES_FAILURE_LIMIT failures for one user name from
# one address, that pair is refused (HTTP 429) until the cool-off ends. Locking by the pair, not
# the user name alone, keeps an attacker from locking an editor out of the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The client's address, for every rate limit: the connection's, or the one a named proxy wrote
# in X-Forwarded-For (core/client_address.py). TRUSTED_PROXIES lists the reverse proxies'
# addresses or networks (comma-separated); TRUSTED_PROXY_COUNT says how many stand in front
# (when their addresses change). Neither, the default: no proxy is trusted.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
for _network in TRUSTED_PROXIES:
    ipaddress.ip_network(_network, strict=False)  # a mistyped entry stops the start, loudly
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"

# Error reporting, by environment: every server error is mailed to ADMINS ("Name <address>, ...")
# when it is set, and sent to Sentry when SENTRY_DSN is (config/settings/production.py). The 500
# page says the team was told only then (core/errors.py). Logs go to the console in any case.
ADMINS = [(name, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or "root@localhost"
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Replaces Django's default "django" logger, which mails ADMINS whatever this file says.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL}},
}
if ADMINS:
    LOGGING["handlers"]["mail_admins"] = {
        "class": "django.utils.log.AdminEmailHandler",
        "level": "ERROR",
        "filters": ["require_debug_false"],
    }
    LOGGING["loggers"]["django"]["handlers"] = ["mail_admins"]

# --- Mail and background work -------------------------------------------------------------------
# Every mail goes through core.mail: rendered in the request, delivered by a django-tasks task.
# Here (the demo, the tests) tasks run at once in the calling process; production stores them in
# the database for `manage.py db_worker` (config/settings/production.py, site/deploy).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEFAULT_FROM_EMAIL = (
    os.environ.get("DEFAULT_FROM_EMAIL") or "Centre de ressources du patrimoine <noreply@localhost>"
)
# The commands `manage.py run_timers` runs every hour, in order (each one idempotent); apps with
# reminders or purges add theirs here. Production adds the pruning of finished tasks.
TIMER_COMMANDS: list[tuple[str, ...]] = [
    ("send_event_reminders",),
    ("purge_registrations",),
    ("send_call_reminders",),
    ("purge_network_life_addresses",),
    ("purge_search_counts",),
    ("retry_newsletter_deliveries",),
]
# The searches report keeps this many months of counts (the current one included).
SEARCH_COUNTS_KEEP_MONTHS = int(os.environ.get("SEARCH_COUNTS_KEEP_MONTHS", "13"))

SITE_DESCRIPTION = _(
    "The resource centre of the heritage network of Pays de la Loire: trades, know-how, "
    "labels, opportunities for young professionals and replays of the network's meeting days."
)

# The circle of resource persons (questions/): each step's time, in working days (Monday to
# Friday, French public holidays excepted), the reminder before a due date, what the asker is
# promised, and how long the asker's details are kept once the question has ended.
QUESTIONS_WORKING_DAYS = {
    "route": int(os.environ.get("QUESTIONS_DAYS_TO_ROUTE", "2")),
    "accept": int(os.environ.get("QUESTIONS_DAYS_TO_ACCEPT", "2")),
    "answer": int(os.environ.get("QUESTIONS_DAYS_TO_ANSWER", "10")),
    "review": int(os.environ.get("QUESTIONS_DAYS_TO_REVIEW", "2")),
}
QUESTIONS_REMINDER_WORKING_DAYS_BEFORE = int(os.environ.get("QUESTIONS_REMINDER_DAYS_BEFORE", "1"))
QUESTIONS_PROMISED_WORKING_DAYS = int(os.environ.get("QUESTIONS_PROMISED_DAYS", "15"))
QUESTIONS_KEEP_ASKER_DAYS = int(os.environ.get("QUESTIONS_KEEP_ASKER_DAYS", "365"))
# Who is warned of new questions, help asked and late steps ("Name <address>, ...").
QUESTIONS_COORDINATORS = [
    address for _name, address in getaddresses([os.environ.get("QUESTIONS_COORDINATORS", "")]) if address
] or ["coordination@localhost"]
# The public form: at most this many questions per client address and hour.
QUESTIONS_FORM_RATE = int(os.environ.get("QUESTIONS_FORM_RATE", "5"))
# The circle's timer work (manage.py run_timers, hourly; each idempotent).
TIMER_COMMANDS = [*TIMER_COMMANDS, ("question_reminders",), ("purge_askers",)]
