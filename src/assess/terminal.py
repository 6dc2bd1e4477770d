"""Text for the terminal: nothing from an input file may steer it.

Control characters (ANSI escape sequences start with one), DEL, the C1 controls and the Unicode
bidi overrides and isolates (U+202E turns the rest of a line around) are shown as ``\\uXXXX``
instead of being sent to the terminal. Newlines and tabs stay. In JSON the same ``\\uXXXX`` is
a valid escape of the same character, so JSON output still parses to the original text.
"""

from __future__ import annotations

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_UNSAFE = [c for c in range(0x20) if chr(c) not in "\n\t"] + [0x7F, *range(0x80, 0xA0), *_BIDI]
_TABLE = {c: f"\\u{c:04x}" for c in _UNSAFE}


def clean(text: str) -> str:
    """``text`` with every character that could steer a terminal made visible and harmless."""
    return text.translate(_TABLE)
