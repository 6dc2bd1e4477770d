"""The clock, injectable: SOURCE_DATE_EPOCH (reproducible builds) wins over the system clock."""

from __future__ import annotations

import datetime as dt
import os

from assess.errors import InputError, Problem


def _epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, None when unset; a clear error when it is no valid time."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    text = value.strip()
    problem = None
    if not (text.isascii() and text.isdigit()):
        problem = "is not a whole number of seconds (ASCII digits 0-9 only)"
    else:
        try:
            return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
        except (OverflowError, ValueError, OSError):
            problem = "is out of range (after the year 9999)"
    raise InputError(
        [
            Problem(
                "SOURCE_DATE_EPOCH",
                f"the environment variable {problem}",
                fix="set it to seconds since 1970-01-01 UTC, e.g. 1767225600, or unset it",
            )
        ]
    )


def now() -> dt.datetime:
    """The current time in UTC, or SOURCE_DATE_EPOCH when it is set."""
    epoch = _epoch()
    if epoch is not None:
        return epoch
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def today() -> dt.date:
    epoch = _epoch()
    if epoch is not None:
        return epoch.date()
    return dt.date.today()
