"""Column types that behave alike on SQLite and PostgreSQL: UTC moments, bytewise refs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """Refuses naive datetimes; stores UTC; returns aware UTC datetimes on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        # SQLite has no zone-aware type: store naive UTC text there.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def ref_string(length: int = 100) -> TypeEngine[str]:
    """Text compared byte by byte on every database, so records sort the same everywhere.

    SQLite compares text as bytes; a PostgreSQL database sorts by its locale (nb_NO puts
    "a-1" after "a_3", "Å" after "Z" differently from en_US), and then a dump of the same
    register would differ between the laptop and the server. The "C" collation is bytewise.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")
