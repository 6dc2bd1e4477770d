"""The clock, injectable: SOURCE_DATE_EPOCH (reproducible builds) wins over the system clock."""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """The current time in UTC, or SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return now().date()
    return dt.date.today()
