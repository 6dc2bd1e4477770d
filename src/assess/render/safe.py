"""Terminal- and document-safe text: user text must not smuggle control sequences."""

from __future__ import annotations

import re

# C0/C1 controls except newline and tab (ANSI escapes start with ESC), and the bidirectional
# overrides that can make text display differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without control characters (other than newline and tab)."""
    return _UNSAFE.sub("", text)
