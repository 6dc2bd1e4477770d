"""What questionnaires write for a status, and which status of the scale it means.

No guessing: a word not listed here (or in the catalog's scale, or in the mapping's
``vocabulary``) is an error that lists the accepted words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assess.models.catalog import Catalog, StatusId

# Common questionnaire words, beyond the scale's ids, labels and aliases. Traffic lights have
# three colours: yellow is 'partial'. Percent steps: 100 fulfilled, 75 largely, 50 and 25
# partial, 0 not. Points 0–3 are the scale's own points.
COMMON: dict[str, StatusId] = {
    "ja": "fulfilled",
    "yes": "fulfilled",
    "y": "fulfilled",
    "j": "fulfilled",
    "✓": "fulfilled",
    "✔": "fulfilled",
    "☑": "fulfilled",
    "x": "fulfilled",
    "grün": "fulfilled",
    "gruen": "fulfilled",
    "green": "fulfilled",
    "erfüllt": "fulfilled",
    "umgesetzt": "fulfilled",
    "vollständig umgesetzt": "fulfilled",
    "vollständig erfüllt": "fulfilled",
    "vollständig": "fulfilled",
    "fully": "fulfilled",
    "fully implemented": "fulfilled",
    "implemented": "fulfilled",
    "3": "fulfilled",
    "100 %": "fulfilled",
    "weitgehend": "largely",
    "überwiegend": "largely",
    "weitgehend erfüllt": "largely",
    "weitgehend umgesetzt": "largely",
    "überwiegend erfüllt": "largely",
    "largely implemented": "largely",
    "largely": "largely",
    "mostly": "largely",
    "2": "largely",
    "75 %": "largely",
    "teilweise": "partial",
    "teils": "partial",
    "teilweise erfüllt": "partial",
    "teilweise umgesetzt": "partial",
    "partially implemented": "partial",
    "partly": "partial",
    "partial": "partial",
    "partially": "partial",
    "gelb": "partial",
    "yellow": "partial",
    "amber": "partial",
    "1": "partial",
    "50 %": "partial",
    "25 %": "partial",
    "nein": "not",
    "no": "not",
    "n": "not",
    "✗": "not",
    "✘": "not",
    "☐": "not",
    "rot": "not",
    "red": "not",
    "nicht erfüllt": "not",
    "nicht umgesetzt": "not",
    "not implemented": "not",
    "0": "not",
    "0 %": "not",
    "entfällt": "na",
    "n. a.": "na",
    "n.a.": "na",
    "n/a": "na",
    "na": "na",
    "k. a.": "unknown",
    "nicht anwendbar": "na",
    "not applicable": "na",
    "entbehrlich": "na",
    "unbekannt": "unknown",
    "unknown": "unknown",
    "weiß nicht": "unknown",
    "don't know": "unknown",
    "?": "unknown",
}

_PERCENT = re.compile(r"^(\d{1,3})(?:[.,]0+)?\s*%$")
_NUMBER = re.compile(r"^(\d)(?:[.,]0+)?$")


def normalise(text: str) -> str:
    """Lower case, single spaces, ``75%`` and ``75,0 %`` written as ``75 %``."""
    word = " ".join(str(text).split()).casefold()
    match = _PERCENT.match(word)
    if match:
        return f"{int(match[1])} %"
    match = _NUMBER.match(word)
    if match:
        return match[1]
    return word


class Vocabulary:
    """Status words of one catalog, the common words and any extra words of a mapping."""

    def __init__(self, catalog: Catalog, extra: Mapping[str, StatusId] | None = None) -> None:
        shown: dict[str, StatusId] = dict(COMMON)
        for entry in catalog.scale:
            for word in (entry.id, entry.label.de, entry.label.en, *entry.aliases):
                shown[word] = entry.id
        shown.update(extra or {})
        self.shown = shown  # as written, for messages
        # Looked up as a cell's text is: normalised (so "weiß nicht" meets "Weiß nicht").
        self.words = {normalise(word): status for word, status in shown.items()}

    def status(self, text: object) -> StatusId | None:
        """The status ``text`` stands for, or None when it is not a known word (an empty cell is
        none: "None" must not read as the word "none")."""
        if text is None:
            return None
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        return self.words.get(normalise(str(text)))

    def accepted(self) -> str:
        """The accepted words, for an error message: grouped by status."""
        groups: dict[str, list[str]] = {}
        for word, status in self.shown.items():
            groups.setdefault(status, []).append(word)
        return "; ".join(
            f"{status}: {', '.join(sorted(words))}" for status, words in groups.items()
        )
