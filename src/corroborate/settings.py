"""One Settings object, read from ``CORROBORATE_*`` environment variables.

``CORROBORATE_STORE``   SQLAlchemy URL of the store (default: SQLite file
                        ``.corroborate/store.db`` under the working directory)
``CORROBORATE_MAX_FILE_MB``  largest file ingest accepts (default 64)
``CORROBORATE_WORKERS`` parsing processes for ingest (default: all cores)
``CORROBORATE_KEY_DIR`` folder for the keys kept outside the database: the checkpoint
                        signing key and the witness-sealing key (default
                        ``.corroborate/keys`` under the working directory)
``CORROBORATE_KEY``     the witness-sealing key itself (base64 of 32 bytes), instead of a
                        key file: for machines where the key comes from a secret manager
``CORROBORATE_FAST``    ``1``: extract with the parse rules alone, without the attribution
                        encoder (five to nine times faster, markedly less accurate)
``CORROBORATE_SCHEDULER``  address of a Dask distributed scheduler (``tcp://HOST:8786``):
                        extraction runs on its workers (``extract/cluster.py``); unset, the
                        run stays on this machine

Read where the data they name is loaded (once per process):

``CORROBORATE_SOURCES``  extra source registry YAML (``taxonomy/registry.py``)
``CORROBORATE_GRADING``  grading rules overriding ``taxonomy/grading.yaml``
``CORROBORATE_SPACY_MODEL``  another installed spaCy pipeline (``extract/models/nlp.py``)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from corroborate.errors import ConfigError

DEFAULT_STORE = "sqlite:///.corroborate/store.db"
DEFAULT_KEY_DIR = Path(".corroborate/keys")
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")  # Dask's network protocols


@dataclass(frozen=True, slots=True)
class Settings:
    store_url: str = DEFAULT_STORE
    max_file_bytes: int = 64 * 1024 * 1024
    max_expanded_bytes: int = 256 * 1024 * 1024
    workers: int = max(1, os.cpu_count() or 1)
    fast: bool = False  # extraction without the attribution encoder
    key_dir: Path = DEFAULT_KEY_DIR  # keys that must never live in the database
    witness_key: str | None = field(default=None, repr=False)  # base64, from CORROBORATE_KEY
    scheduler: str | None = None  # a Dask scheduler's address: extraction on its cluster

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        settings = cls()
        if url := env.get("CORROBORATE_STORE"):
            settings = replace(settings, store_url=url)
        if mb := env.get("CORROBORATE_MAX_FILE_MB"):
            settings = replace(settings, max_file_bytes=_positive_int(mb, "MAX_FILE_MB") << 20)
        if workers := env.get("CORROBORATE_WORKERS"):
            settings = replace(settings, workers=_positive_int(workers, "WORKERS"))
        if key_dir := env.get("CORROBORATE_KEY_DIR"):
            settings = replace(settings, key_dir=Path(key_dir).expanduser())
        if key := env.get("CORROBORATE_KEY"):
            settings = replace(settings, witness_key=key)
        if fast := env.get("CORROBORATE_FAST"):
            if fast not in ("0", "1"):
                raise ConfigError(1, f"must be 0 or 1, got {fast!r}", subject="CORROBORATE_FAST")
            settings = replace(settings, fast=fast == "1")
        return settings.with_scheduler(env.get("CORROBORATE_SCHEDULER"))

    def with_scheduler(
        self, address: str | None, *, name: str = "CORROBORATE_SCHEDULER"
    ) -> Settings:
        """Extraction on the Dask cluster whose scheduler listens at ``address``
        (``tcp://HOST:PORT``, or ``tls://``, ``ws://``, ``wss://``, ``ucx://``)."""
        if not address:
            return self
        return replace(self, scheduler=_scheduler(address.strip(), name))

    def with_store(self, url_or_path: str | None) -> Settings:
        """Accept either a SQLAlchemy URL or a plain path to a SQLite file."""
        if not url_or_path:
            return self
        if "://" in url_or_path:
            return replace(self, store_url=url_or_path)
        return replace(self, store_url=f"sqlite:///{Path(url_or_path).expanduser()}")


def _positive_int(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(
            1, f"must be a positive integer, got {raw!r}", subject=f"CORROBORATE_{name}"
        )
    return value


def _scheduler(address: str, name: str) -> str:
    """A scheduler's address as Dask takes it, checked here so that a typo is one coded line
    before anything runs, not a connection attempt that times out."""
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        port = None
        parts = urlsplit("")
    if parts.scheme not in SCHEDULER_SCHEMES or not parts.hostname or not port:
        raise ConfigError(
            80,
            f"not a scheduler address: {address!r} (give scheme://host:port, e.g."
            " tcp://10.0.0.5:8786)",
            subject=name,
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError(
            80,
            f"not a scheduler address: {address!r} (nothing after the port)",
            subject=name,
        )
    return address
