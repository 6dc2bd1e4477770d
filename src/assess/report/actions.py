"""What the report tells its reader to do, and by whom and when: pure functions over the models.

Who: the answer's owner; else the profile's contact for the control's role; for a role a small
firm does not have (emergency officer, security officer, HR, communications) the management or
the profile's named contact; else the role's name. When: the answer's due date; else the
assessment date plus the roadmap horizon.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assess.i18n import t as shared_t
from assess.models.base import Lang
from assess.models.condition import Condition
from assess.models.profile import Contact, Profile
from assess.report.texts import t

#: Traffic-light thresholds in percent: green from GREEN, yellow from YELLOW, red below.
GREEN, YELLOW = 80.0, 50.0
#: Firms below this size are taken not to have the dedicated roles.
SMALL_FIRM = 50
#: Share of open controls above which the result is not meaningful yet.
OPEN_LIMIT = 0.25
#: The role a profile contact stands for.
ROLE_CONTACT = {
    "geschaeftsfuehrung": "management",
    "it": "it_provider",
    "datenschutz": "data_protection_officer",
}
LAENDER: dict[str, tuple[str, str]] = {
    "BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "BY": ("Bayern", "Bavaria"),
    "BE": ("Berlin", "Berlin"),
    "BB": ("Brandenburg", "Brandenburg"),
    "HB": ("Bremen", "Bremen"),
    "HH": ("Hamburg", "Hamburg"),
    "HE": ("Hessen", "Hesse"),
    "MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "NI": ("Niedersachsen", "Lower Saxony"),
    "NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "SL": ("Saarland", "Saarland"),
    "SN": ("Sachsen", "Saxony"),
    "ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "TH": ("Thüringen", "Thuringia"),
}


def land_name(code: str, lang: Lang) -> str:
    de, en = LAENDER.get(code, (code, code))
    return de if lang == "de" else en


@dataclass(frozen=True)
class Light:
    """A traffic light: colour key, symbol and word, never the colour alone."""

    key: str
    symbol: str
    word: str


def light(percent: float | None, lang: Lang) -> Light:
    if percent is None:
        return Light("none", "–", t("light_none", lang))
    if percent >= GREEN:
        return Light("green", "✓", t("light_green", lang))
    if percent >= YELLOW:
        return Light("yellow", "!", t("light_yellow", lang))
    return Light("red", "✗", t("light_red", lang))


def due_date(assessed: dt.date, horizon: str, due: dt.date | None = None) -> dt.date:
    """The answer's due date, else the assessment date plus the horizon."""
    if due is not None:
        return due
    if horizon == "12m":
        try:
            return assessed.replace(year=assessed.year + 1)
        except ValueError:  # 29 February
            return assessed.replace(year=assessed.year + 1, day=28)
    return assessed + dt.timedelta(days={"30d": 30, "90d": 90}[horizon])


def _named(contact: Contact, label: str) -> str:
    return f"{contact.name} ({label})"


def who(owner: str | None, role: str, role_label: str, profile: Profile, lang: Lang) -> str:
    """Who does it: the answer's owner, the role's contact, the management, or the role."""
    if owner:
        return owner
    key = ROLE_CONTACT.get(role)
    contact: Contact | None = getattr(profile.contacts, key) if key else None
    if role == "it" and profile.it_operation == "own":
        contact = None  # the provider is the incident responder, not the owner of own IT
    if contact is not None and key is not None:
        return _named(contact, shared_t(key, lang))  # "EDV Maier (IT-Dienstleister)"
    if key is None and profile.employees < SMALL_FIRM:
        # a role a small firm does not have: the management, else the named first contact
        if profile.contacts.management is not None:
            return _named(profile.contacts.management, shared_t("management", lang))
        if profile.contacts.first_contact is not None:
            return _named(profile.contacts.first_contact, shared_t("first_contact", lang))
        return shared_t("management", lang)
    return role_label


_ABBREVIATIONS = {"bzw", "ggf", "vgl", "usw", "etc", "inkl", "evtl", "ca", "Nr", "Abs", "Art"}
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"(])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences; abbreviations (z. B., bzw., e.g.) do not end one."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rsplit(" ", 1)[-1].rstrip(".!?")
        word = before.split(".")[-1] if "." in before else before
        if len(word) <= 1 or word in _ABBREVIATIONS or before.lower() in ("e.g", "i.e"):
            continue
        out.append(text[start : match.start()])
        start = match.end()
    out.append(text[start:])
    return [s for s in out if s]


def instruction_index(german: str) -> int | None:
    """Which sentence of a guidance text says what to do: the first in the imperative
    ("Legen Sie …", "Halten Sie …"), if any."""
    for i, sentence in enumerate(sentences(german)):
        if re.match(r"^\S+ Sie\b", sentence) or " Sie " in sentence[:40]:
            return i
    return None


#: A guidance text up to this length is short enough to stand whole as the instruction.
SHORT_GUIDANCE = 220


def what_to_do(guidance_de: str, guidance: str) -> str:
    """What to do, from the control's guidance in the output language: its instruction (the
    sentence in the imperative), else the whole guidance when short, else its first sentence."""
    parts = sentences(guidance)
    if not parts:
        return ""
    index = instruction_index(guidance_de)
    if index is not None:
        return parts[min(index, len(parts) - 1)]
    whole = " ".join(parts)
    return whole if len(whole) <= SHORT_GUIDANCE else parts[0]


_HOURS = re.compile(r"(\d+)\s*(Stunden|hours|h)\b")


def hours_in(within: str) -> int | None:
    """The shortest number of hours a deadline text names, if it names any."""
    found = [int(m.group(1)) for m in _HOURS.finditer(within)]
    return min(found) if found else None


def duration(hours: float, lang: Lang) -> str:
    """1 Stunde, 24 Stunden, 1,5 Stunden."""
    if hours == 1:
        return t("hours_1", lang)
    n = int(hours) if float(hours).is_integer() else hours
    return t("hours_n", lang, n=str(n).replace(".", ",") if lang == "de" else n)


_FIELDS: dict[str, tuple[str, str]] = {
    "employees": ("Beschäftigte", "employees"),
    "annual_turnover_eur": ("Jahresumsatz (EUR)", "annual turnover (EUR)"),
    "balance_sheet_eur": ("Bilanzsumme (EUR)", "balance sheet total (EUR)"),
    "nis2_sector": ("NIS2-Sektor", "NIS2 sector"),
    "nis2_special_role": ("NIS2-Sonderrolle", "NIS2 special role"),
    "nis2_classification": ("NIS2-Einstufung", "NIS2 classification"),
    "bundesland": ("Bundesland", "Land"),
    "chamber": ("Kammer", "chamber"),
    "it_operation": ("IT-Betrieb", "IT operation"),
    "personal_data": ("personenbezogene Daten", "personal data"),
    "kritis_operator": ("Betreiber einer kritischen Anlage", "operator of a critical facility"),
    "financial_entity": ("Finanzunternehmen (DORA)", "financial entity (DORA)"),
    "remote_work": ("mobiles Arbeiten", "remote work"),
    "cloud_use": ("Cloud-Nutzung", "cloud use"),
    "website": ("eigene Website", "own website"),
    "online_shop": ("Onlineshop", "online shop"),
    "works_council": ("Betriebsrat", "works council"),
    "shortest_max_downtime_hours": (
        "kürzeste tolerierbare Ausfallzeit (Stunden)",
        "shortest tolerable downtime (hours)",
    ),
}
_OPS = {"eq": "=", "ne": "≠", "in": "∈", "gte": "≥", "gt": ">", "lte": "≤", "lt": "<"}


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return shared_t("yes" if value else "no", lang)
    if value is None:
        return "–"
    if isinstance(value, list):
        return "{" + ", ".join(_value(v, lang) for v in value) + "}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(getattr(value, "value", value))


def condition_words(condition: Condition, profile: Profile, lang: Lang) -> str:
    """Why a condition excludes a control, in words: "Gilt nur bei Beschäftigte ≥ 50 (hier: 8)
    – trifft hier nicht zu."."""
    return t("soa_only_if", lang, condition=_condition(condition, profile, lang))


def _condition(condition: Condition, profile: Profile, lang: Lang) -> str:
    if condition.field is not None:
        operator = condition.operator()
        assert operator is not None  # validated: a field condition has one operator
        op, operand = operator
        de, en = _FIELDS.get(condition.field, (condition.field, condition.field))
        actual = profile.condition_values.get(condition.field)
        return t(
            "soa_field",
            lang,
            field=de if lang == "de" else en,
            op=_OPS[op],
            value=_value(operand, lang),
            actual=_value(actual, lang),
        )
    if condition.not_ is not None:
        return f"{t('not', lang)} ({_condition(condition.not_, profile, lang)})"
    joiner = f" {t('and' if condition.all is not None else 'or', lang)} "
    parts = condition.all if condition.all is not None else condition.any or []
    return joiner.join(_condition(c, profile, lang) for c in parts)
