"""Connection settings as libpq keywords, and the SQLAlchemy engine built from them.

The same settings serve psycopg2 (SQLAlchemy) and QGIS layers: a pg_service name, a DSN, or
parameters resolved from a saved QGIS connection. Passwords only ever live in memory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import psycopg2.extensions
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from ..definitions import APPLICATION_NAME, DEFAULT_SERVICE, ENV_DSN, ENV_SERVICE

_SECRET_KEYS = frozenset({"password"})


@dataclass(frozen=True)
class ConnectionSettings:
    """libpq connection keywords (service, host, port, dbname, user, password, sslmode...)."""

    params: Mapping[str, str] = field(default_factory=dict)
    label: str = ""

    @classmethod
    def from_service(cls, service: str) -> ConnectionSettings:
        return cls({"service": service}, label=f"pg_service '{service}'")

    @classmethod
    def from_dsn(cls, dsn: str) -> ConnectionSettings:
        """A libpq conninfo string or URI; raises ValueError when it cannot be parsed."""
        try:
            params = psycopg2.extensions.parse_dsn(dsn)
        except psycopg2.ProgrammingError as error:
            raise ValueError(f"Invalid connection string: {error}") from error
        settings = cls(params)
        return cls(params, label=settings.describe())

    def with_database(self, dbname: str) -> ConnectionSettings:
        return ConnectionSettings(
            {**self.params, "dbname": dbname}, label=f"{self.label} / {dbname}"
        )

    def describe(self) -> str:
        """The settings as text that is safe to show or log (no password)."""
        if self.label:
            return self.label
        return " ".join(f"{k}={v}" for k, v in self.params.items() if k not in _SECRET_KEYS)

    def dsn(self) -> str:
        """The settings as a libpq conninfo string (includes the password when there is one)."""
        return psycopg2.extensions.make_dsn(**self.params)


def settings_from_environment(environ: Mapping[str, str] | None = None) -> ConnectionSettings:
    """Headless settings: IMIS_DSN, else PGSERVICE, else the pg_service 'imis'."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_DSN):
        return ConnectionSettings.from_dsn(environ[ENV_DSN])
    return ConnectionSettings.from_service(environ.get(ENV_SERVICE) or DEFAULT_SERVICE)


def create_db_engine(settings: ConnectionSettings, **engine_options: object) -> Engine:
    """An engine whose connections are opened by libpq with exactly these settings."""
    connect_args = {"application_name": APPLICATION_NAME, "connect_timeout": 10, **settings.params}
    return create_engine(
        "postgresql+psycopg2://",
        connect_args=connect_args,
        pool_pre_ping=True,
        **engine_options,
    )
