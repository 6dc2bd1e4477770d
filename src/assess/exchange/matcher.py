"""Matching a questionnaire row's text to the catalog's controls. Pure: text in, candidates
with a confidence in 0..1 out; no I/O.

How it works (and why it can be explained): every control is described by its title, question,
guidance and keywords, in German and in English. Words are folded (ä → a, ß → ss, so that
Notfall and Notfälle meet), stripped of common German and English endings (Sicherungen →
sicher, backups → backup), and German compounds are split into known parts
(Datensicherungskonzept → daten + sicher + konzept). Rare words count more than common ones
(tf-idf). Synonym groups of the domain (``synonyms.py``: Backup = Datensicherung =
Sicherungskopie, MFA = Zwei-Faktor = 2FA …) add a shared concept (``=backup``) to the row and to
every control that says any word of the group. A row's score for a control is the cosine
similarity of their word weights, blended with that of their character 4-grams (which catches
spelling variants). The candidate's ``terms`` are the words and concepts the row and the control
share.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.exchange.synonyms import GROUPS
from assess.models.catalog import Catalog

THRESHOLD = 0.55  # import at or above this confidence …
MARGIN = 0.35  # … when the runner-up is at least this share of it behind (0.55 → at most 0.36)
FLOOR = 0.2  # below this, a row is about something the catalog does not cover

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e"})
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = """
der die das den dem des ein eine einer eines einem einen und oder ist sind wird werden wurde
wurden gibt es im in zu zum zur fur von vom mit auf bei aus nach uber vor sich auch wie was
wer wo wann alle allen aller alles jede jeder jedes jeden ihr ihre ihren ihrem sie wir unser
unsere ihres kann konnen muss mussen soll sollen haben hat habe sein dass als so z b bzw
etc ggf usw ja nein dies diese dieser dieses durch um an am ob welche welcher welches gegen
the a an and or is are was were be been being do does did have has had to of for with on in
at by from your you we our there any all each which what who how when whether it its this that
these those as if can could should must will would shall not no yes e g etc
festgelegt geregelt vorhanden gibt existiert existieren regelmassig bekannt wissen weiss klar
liegt liegen besteht bestehen erfolgt durchgefuhrt does have has ensure ensured place procedures
procedure
"""
# The second block is questionnaire boilerplate ("Ist festgelegt …", "Gibt es …", "Do you
# have … in place"): it says that something is asked, not what.
_STOP = frozenset(_STOP_WORDS.split())
# Endings stripped in this order, longest first; a stem keeps at least four letters.
_SUFFIXES = (
    "ungen", "heiten", "keiten", "ischen", "lichen", "ungs", "ung", "heit", "keit", "isch",
    "lich", "ation", "ions", "ing", "ies", "ern", "en", "er", "es", "ed", "e", "n", "s",
)  # fmt: skip
_LINKS = ("", "s", "es", "n", "en")
_MIN_PART = 4


def fold(text: str) -> str:
    return text.casefold().translate(_FOLD)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_PART:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The stems of ``text`` without stop words."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1]


def _concepts() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """The synonym groups as single stems and as phrases (stems in sequence) → ``=concept``."""
    single: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for concept, entries in GROUPS.items():
        for entry in entries:
            stems = tuple(words(entry))
            if len(stems) == 1:
                single.setdefault(stems[0], "=" + concept)
            elif stems:
                phrases.setdefault(stems, "=" + concept)
    return single, phrases


_CONCEPTS, _PHRASES = _concepts()
_LONGEST = max((len(p) for p in _PHRASES), default=1)


@dataclass(frozen=True)
class Candidate:
    """A control a row may answer, how sure the matcher is, and the words they share."""

    control: str
    confidence: float
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Described:
    """A control's texts with their weights, per language."""

    id: str
    texts: dict[str, list[tuple[str, float]]]


class Matcher:
    """Scores texts against a fixed set of controls."""

    def __init__(self, controls: Sequence[Described]) -> None:
        self.ids = [c.id for c in controls]
        parts: set[str] = set()
        raw: list[tuple[str, dict[str, float]]] = []
        for c in controls:
            for texts in c.texts.values():
                for text, _ in texts:
                    parts.update(w for w in words(text) if len(w) >= _MIN_PART)
        parts.update(w for w in _CONCEPTS if len(w) >= _MIN_PART and w.isalpha())
        self._parts = frozenset(parts)
        self._splits: dict[str, tuple[str, ...]] = {}
        for c in controls:
            for lang, texts in c.texts.items():
                counts: dict[str, float] = {}
                for text, weight in texts:
                    for term in self._terms(text):
                        counts[term] = counts.get(term, 0.0) + weight
                raw.append((c.id + "\0" + lang, counts))
        documents = len(controls)
        frequency: Counter[str] = Counter()
        for c in controls:
            seen: set[str] = set()
            for key, counts in raw:
                if key.split("\0")[0] == c.id:
                    seen.update(counts)
            frequency.update(seen)
        self._idf = {t: math.log(1 + documents / f) for t, f in frequency.items()}
        self._default_idf = math.log(1 + documents)
        self._vectors = [(key.split("\0")[0], self._weigh(counts)) for key, counts in raw]
        position = {cid: i for i, cid in enumerate(self.ids)}
        self._owner = [position[cid] for cid, _ in self._vectors]
        self._word_index: dict[str, list[tuple[int, float]]] = {}
        self._gram_index: dict[str, list[tuple[int, float]]] = {}
        for i, (_, vector) in enumerate(self._vectors):
            for term, weight in vector.items():
                self._word_index.setdefault(term, []).append((i, weight))
            for gram, weight in _grams(vector).items():
                self._gram_index.setdefault(gram, []).append((i, weight))

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> Matcher:
        """Title and keywords weigh most, then the question, then the guidance."""
        described = []
        for c in catalog.controls:
            texts: dict[str, list[tuple[str, float]]] = {}
            for lang in ("de", "en"):
                keywords = getattr(c.keywords, lang) if c.keywords else []
                texts[lang] = [
                    (c.title.get(lang), _TITLE),
                    (" ".join(keywords), _KEYWORDS),
                    (c.question.get(lang), _QUESTION),
                    (c.guidance.get(lang), _GUIDANCE),
                ]
            described.append(Described(c.id, texts))
        return cls(described)

    def _terms(self, text: str) -> list[str]:
        """Stems, the known parts of compounds, and the concepts of synonym groups."""
        stems = words(text)
        out = []
        for i, word in enumerate(stems):
            parts = self._split(word)
            out.append(word)
            out.extend(parts)
            concepts = {_CONCEPTS[t] for t in (word, *parts) if t in _CONCEPTS}
            for n in range(2, _LONGEST + 1):
                phrase = _PHRASES.get(tuple(stems[i : i + n]))
                if phrase:
                    concepts.add(phrase)
            out.extend(sorted(concepts))
        return out

    def _split(self, word: str) -> tuple[str, ...]:
        """Known parts of a compound, e.g. datensicherungskonzept → daten, sicher, konzept."""
        if len(word) < 2 * _MIN_PART:
            return ()
        found = self._splits.get(word)
        if found is None:
            found = self._splits[word] = _split(word, self._parts, self._splits)
        return found

    def _weigh(self, counts: Mapping[str, float]) -> dict[str, float]:
        vector = {
            t: (1 + math.log(n)) * self._idf.get(t, self._default_idf)
            for t, n in counts.items()
            if n > 0
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def match(self, text: str, top: int = 5) -> list[Candidate]:
        """The best ``top`` controls for ``text``, best first; ties broken by control order."""
        counts = Counter(self._terms(text))
        if not counts:
            return []
        query = self._weigh(counts)
        scores = [0.0] * len(self._vectors)
        for term, weight in query.items():
            w = _WORDS * weight
            for i, other in self._word_index.get(term, ()):
                scores[i] += w * other
        for gram, weight in _grams(query).items():
            w = _GRAMS * weight
            for i, other in self._gram_index.get(gram, ()):
                scores[i] += w * other
        best = [(-1.0, 0)] * len(self.ids)
        for i, score in enumerate(scores):
            owner = self._owner[i]
            if score > best[owner][0]:
                best[owner] = (score, i)
        ranked = heapq.nsmallest(top, range(len(self.ids)), key=lambda c: (-best[c][0], c))
        return [
            Candidate(
                self.ids[c],
                round(min(1.0, best[c][0] / _SCALE), 3),
                self._shared(query, best[c][1]),
            )
            for c in ranked
        ]

    def _shared(self, query: dict[str, float], index: int) -> tuple[str, ...]:
        vector = self._vectors[index][1]
        shared = [t for t in query if t in vector]
        return tuple(sorted(shared, key=lambda t: (-query[t] * vector[t], t))[:5])


# How much each of a control's texts counts.
_TITLE = 3.0
_KEYWORDS = 3.0
_QUESTION = 2.0
_GUIDANCE = 1.0
# Raw similarities of a paraphrased question rarely exceed this; it maps them onto 0..1.
_SCALE = 0.5
_WORDS = 0.65  # share of the word similarity in the score …
_GRAMS = 0.35  # … and of the character 4-gram similarity


def _split(word: str, parts: frozenset[str], memo: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The longest chain of known parts ``word`` is made of (with German linking s/es/n/en),
    or () when it is not such a compound."""
    if word in memo:
        return memo[word]
    best: tuple[str, ...] = ()
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, rest = word[:i], word[i:]
        if head not in parts and stem(head) not in parts:
            continue
        for link in _LINKS:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < _MIN_PART:
                continue
            tail_stem = stem(tail)
            found: tuple[str, ...] = ()
            if tail in parts or tail_stem in parts:
                found = (stem(head), tail_stem)
            else:
                deeper = _split(tail, parts, memo)
                if deeper:
                    found = (stem(head), *deeper)
            if len(found) > len(best):
                best = found
    if not best:
        # German compounds carry their meaning in the last part: keep a known tail even when
        # the head is unknown (Probewiederherstellung → wiederherstellung).
        for i in range(_MIN_PART, len(word) - 2 * _MIN_PART + 1):
            tail = word[i:]
            if tail in parts or stem(tail) in parts:
                best = (stem(tail),)
                break
    memo[word] = best
    return best


def _grams(vector: dict[str, float]) -> dict[str, float]:
    """Character 4-grams of the weighted terms, normalised."""
    grams: dict[str, float] = {}
    for term, weight in vector.items():
        padded = f"#{term}#"
        for i in range(len(padded) - 3):
            gram = padded[i : i + 4]
            grams[gram] = grams.get(gram, 0.0) + weight
    norm = math.sqrt(sum(v * v for v in grams.values())) or 1.0
    return {g: v / norm for g, v in grams.items()}


def decide(candidates: Sequence[Candidate], threshold: float = THRESHOLD) -> str:
    """``imported`` when the best is sure and clearly ahead, ``review`` when it is plausible,
    ``unmatched`` when nothing is.

    The runner-up must be behind by a share of the best (not a fixed distance): two controls
    that both fit a row well are a close call however high both score. Calibrated so that wrong
    imports stay rare: an uncertain row goes to review with its candidates."""
    if not candidates or candidates[0].confidence < FLOOR:
        return "unmatched"
    best = candidates[0].confidence
    runner = candidates[1].confidence if len(candidates) > 1 else 0.0
    if best >= threshold and best - runner >= MARGIN * best:
        return "imported"
    return "review"
