"""Settings read once from the environment, with defaults that work offline on a fresh machine.

This is the only module that reads ``os.environ``; everything else asks ``get_settings()``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("CDP_INSTANCE_DIR", ROOT / "instance"))
#: Used when SECRET_KEY is unset; fine for a public (cookie-less) instance, refused for internal sign-in.
DEV_SECRET_KEY = "development-only-secret-change-me"
#: The public Fingertips API (OHID); CDP_FINGERTIPS_URL points the loader at a mirror instead.
FINGERTIPS_API_URL = "https://fingertips.phe.org.uk/api/"


@dataclass(frozen=True)
class Settings:
    """Deployment settings; see the README's table of environment variables."""

    database_url: str
    mode: str  # "public" (read-only, published releases only) or "internal"
    cache_type: str
    cache_dir: str
    cache_redis_url: str | None
    cache_timeout: int
    boundaries_source: str | None
    boundary_cache_dir: Path
    secret_key: str
    log_level: str
    # Session cookies are Secure (HTTPS only) unless CDP_INSECURE_COOKIES=1 says this is plain-HTTP development.
    secure_cookies: bool = True
    # A public worker looks for a new release at most this often (seconds); 0 looks on every request.
    release_check_seconds: float = 1.0
    # Base URL of the Fingertips API that `flask data fingertips` reads (ends with "/api/").
    fingertips_url: str = FINGERTIPS_API_URL
    # Demonstration releases stay visible beside real ones only when CDP_SHOW_DEMO=1 asks for it.
    show_demo: bool = False
    # The address the public reaches the site at (CDP_PUBLIC_URL, e.g. https://cdp.example.org): absolute links
    # printed in board packs use it, never the request's Host header; unset, packs print the path alone.
    public_url: str | None = None
    # How many reverse proxies in front of the app to believe about X-Forwarded-For/-Proto/-Host (CDP_TRUST_PROXY).
    proxy_hops: int = 0
    # Where uploaded files wait between being received, checked and loaded (internal instances).
    upload_dir: Path = INSTANCE / "uploads"
    # How many uploads one host checks or loads at once (CDP_UPLOAD_SLOTS); each user has one at a time.
    upload_slots: int = 2
    # Failed sign-ins one client address may make (CDP_SIGNIN_LIMIT, Flask-Limiter's notation), on top of the
    # per-name lock-out; counted in Redis when CACHE_REDIS_URL is set, else per worker.
    signin_limit: str = "10 per minute;50 per hour"
    # Who runs this instance (CDP_OPERATOR) and how the public contacts them (CDP_CONTACT), as the accessibility
    # statement names them; unset, the statement says so in general words instead of printing a placeholder.
    operator: str | None = None
    contact: str | None = None

    # Bounds on every store call, in seconds, so a store that stops answering costs a request seconds, not minutes:
    # connecting (CDP_STORE_CONNECT_TIMEOUT), one statement while serving (CDP_STORE_STATEMENT_TIMEOUT; `flask`
    # commands such as a load get CDP_STORE_COMMAND_TIMEOUT), waiting for a pooled connection
    # (CDP_STORE_CHECKOUT_TIMEOUT), and how long a store that failed is skipped before one request tries it again
    # (CDP_STORE_RETRY_SECONDS).
    store_connect_timeout: float = 3.0
    store_statement_timeout: float = 5.0
    store_command_timeout: float = 900.0
    store_checkout_timeout: float = 3.0
    store_retry_seconds: float = 1.0
    # The shared cache: how long one Redis call may take (CACHE_SOCKET_TIMEOUT) and how long a cache that failed
    # is skipped (CACHE_RETRY_SECONDS) before one request tries it again.
    cache_socket_timeout: float = 0.25
    cache_retry_seconds: float = 30.0

    @property
    def is_public(self) -> bool:
        return self.mode == "public"


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE / 'cdp.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Build the settings from the environment (cached; tests call ``get_settings.cache_clear()``)."""
    env = os.environ
    redis_url = env.get("CACHE_REDIS_URL") or None
    mode = env.get("CDP_MODE", "public").strip().lower()
    if mode not in ("public", "internal"):
        raise ValueError(f"CDP_MODE must be 'public' or 'internal', not {mode!r}")
    return Settings(
        database_url=env.get("DATABASE_URL") or _default_database_url(),
        mode=mode,
        cache_type=env.get("CACHE_TYPE") or ("RedisCache" if redis_url else "FileSystemCache"),
        cache_dir=env.get("CACHE_DIR") or str(INSTANCE / "cache"),
        cache_redis_url=redis_url,
        cache_timeout=int(env.get("CACHE_TIMEOUT", "86400")),
        boundaries_source=env.get("CDP_BOUNDARIES") or None,
        boundary_cache_dir=Path(env.get("CDP_BOUNDARY_CACHE") or INSTANCE / "boundaries"),
        secret_key=env.get("SECRET_KEY") or DEV_SECRET_KEY,
        log_level=env.get("LOG_LEVEL", "INFO"),
        secure_cookies=env.get("CDP_INSECURE_COOKIES", "").strip().lower() not in ("1", "true", "yes"),
        release_check_seconds=max(0.0, float(env.get("CDP_RELEASE_CHECK_SECONDS", "1"))),
        fingertips_url=env.get("CDP_FINGERTIPS_URL") or FINGERTIPS_API_URL,
        show_demo=env.get("CDP_SHOW_DEMO", "").strip().lower() in ("1", "true", "yes"),
        store_connect_timeout=_seconds(env, "CDP_STORE_CONNECT_TIMEOUT", 3.0),
        store_statement_timeout=_seconds(env, "CDP_STORE_STATEMENT_TIMEOUT", 5.0),
        store_command_timeout=_seconds(env, "CDP_STORE_COMMAND_TIMEOUT", 900.0),
        store_checkout_timeout=_seconds(env, "CDP_STORE_CHECKOUT_TIMEOUT", 3.0),
        store_retry_seconds=_seconds(env, "CDP_STORE_RETRY_SECONDS", 1.0),
        cache_socket_timeout=_seconds(env, "CACHE_SOCKET_TIMEOUT", 0.25),
        cache_retry_seconds=_seconds(env, "CACHE_RETRY_SECONDS", 30.0),
        public_url=_public_url(env.get("CDP_PUBLIC_URL", "")),
        proxy_hops=max(0, int(env.get("CDP_TRUST_PROXY") or "0")),
        upload_dir=Path(env.get("CDP_UPLOAD_DIR") or INSTANCE / "uploads"),
        upload_slots=max(1, int(env.get("CDP_UPLOAD_SLOTS") or "2")),
        signin_limit=(env.get("CDP_SIGNIN_LIMIT") or "").strip() or "10 per minute;50 per hour",
        operator=(env.get("CDP_OPERATOR") or "").strip() or None,
        contact=(env.get("CDP_CONTACT") or "").strip() or None,
    )


def _public_url(raw: str) -> str | None:
    """``CDP_PUBLIC_URL`` without a trailing slash; refused unless it is an http(s) address with a host."""
    text = raw.strip().rstrip("/")
    if not text:
        return None
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?", text):
        raise ValueError(f"CDP_PUBLIC_URL must be an http(s) address such as https://cdp.example.org, not {raw!r}")
    return text


def _seconds(env, name: str, default: float) -> float:
    """A positive number of seconds from ``name``; refused when it is not one (0 would mean "wait for ever")."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not value > 0:
        raise ValueError(f"{name} must be more than 0 seconds, not {raw!r}")
    return value
