"""Statements run on the DB-API cursor of a pooled connection, on the one path where
SQLAlchemy's own work per statement (compiled-cache look-up, parameter processing,
result set-up: about 25 us here, even through ``exec_driver_sql``) costs more than the
SQL: webhook ingestion, a handful of statements per delivery. Measured on the embedded
default, recording a delivery took 435 us through Core and 175 us on the cursor.

Connections still come from SQLAlchemy's pool (``Engine.raw_connection``), or are the
one under an SQLAlchemy ``Connection``, sharing its transaction. What is written here
is the SQL text, with ``?`` placeholders turned into the driver's style, and the
conversion of timestamps, borrowed from the models' column type so that rows read
back as if the ORM had written them. Errors are the driver's own DB-API exceptions.
The service's tests run these statements on SQLite and PostgreSQL, and a test checks
that the migrations build the models' schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect
from sqlalchemy.engine.interfaces import DBAPIConnection


@dataclasses.dataclass(frozen=True)
class _DriverSQL:
    """Statement texts for one dialect's driver, and its timestamp conversion."""

    # "?" (sqlite3) or "%s" (psycopg).
    placeholder: str
    _timestamp: Callable[[Any], Any] | None

    def sql(self, text: str) -> str:
        """``text`` written with ``?`` placeholders, in this driver's style. The texts
        hold no other ``?`` and no ``%``."""
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def timestamp(self, value: dt.datetime) -> Any:
        return self._timestamp(value) if self._timestamp else value


# One per dialect and parameter style; the conversion is the same for every engine of them.
_BY_DIALECT: dict[tuple[str, str], _DriverSQL] = {}


def _driver_sql(dialect: Dialect) -> _DriverSQL:
    key = (dialect.name, str(dialect.paramstyle))
    found = _BY_DIALECT.get(key)
    if found is None:
        placeholders = {"qmark": "?", "format": "%s", "pyformat": "%s"}
        if key[1] not in placeholders:
            raise ValueError(f"unsupported driver parameter style {key[1]!r} of dialect {key[0]}")
        # The conversion SQLAlchemy applies to the models' timestamp columns, so that
        # rows written here read back exactly like rows written through the ORM.
        convert = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
        found = _BY_DIALECT[key] = _DriverSQL(placeholders[key[1]], convert)
    return found


class DriverCursor:
    """A DB-API cursor that takes statements written with ``?`` placeholders."""

    def __init__(self, connection: DBAPIConnection, dialect: Dialect) -> None:
        self.connection = connection
        self._cursor = connection.cursor()
        self._sql = _driver_sql(dialect)
        # The driver's own (PEP 249), raised for unique and foreign-key violations.
        self.integrity_error: type[Exception] = dialect.loaded_dbapi.IntegrityError

    @classmethod
    def joining(cls, connection: Connection) -> DriverCursor:
        """On the DB-API connection under ``connection``, inside its transaction."""
        return cls(connection.connection, connection.dialect)

    def execute(self, text: str, parameters: Sequence[Any]) -> DriverCursor:
        self._cursor.execute(self._sql.sql(text), parameters)
        return self

    def executemany(self, text: str, rows: Sequence[Sequence[Any]]) -> None:
        self._cursor.executemany(self._sql.sql(text), rows)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def timestamp(self, value: dt.datetime) -> Any:
        return self._sql.timestamp(value)
