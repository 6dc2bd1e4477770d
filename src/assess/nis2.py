"""NIS2 as implemented in Germany (BSIG 2025, § 28): which class of entity a company is.

A rule of thumb from the profile, with its reasoning. It counts the company as entered: linked
and partner enterprises (§ 28 Abs. 4), negligible activities (§ 28 Abs. 3) and the federal
administration (§ 29) are not considered. A classification set in the profile (``nis2_entity``)
overrides it. Where the headcount alone cannot decide and turnover or balance sheet is missing,
the class is "not determinable" and the reasoning says what follows either way.

Thresholds (§ 28 Abs. 1 and 2): headcount "mindestens" (≥), money "über" (>), turnover AND
balance sheet. Source: https://www.gesetze-im-internet.de/bsig_2025/__28.html and Anlage 1
(checked 2026-11-29 against the text of 02.12.2025 as amended in 2026).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.models.base import Lang, Text
from assess.models.profile import Nis2Entity

if TYPE_CHECKING:
    from assess.models.profile import Profile

SOURCE = "https://www.gesetze-im-internet.de/bsig_2025/__28.html"
PARTICULARLY_IMPORTANT = "§ 28 Abs. 1 BSIG"
IMPORTANT = "§ 28 Abs. 2 BSIG"

# Size thresholds of § 28: (employees at least, turnover above, balance sheet above), in EUR.
LARGE = (250, 50_000_000, 43_000_000)
MEDIUM = (50, 10_000_000, 10_000_000)

PI, IMP, NONE = Nis2Entity.PARTICULARLY_IMPORTANT, Nis2Entity.IMPORTANT, Nis2Entity.NONE
UNDETERMINED = Nis2Entity.UNDETERMINED

ENTITY_LABELS = {
    PI: Text(de="besonders wichtige Einrichtung", en="particularly important entity"),
    IMP: Text(de="wichtige Einrichtung", en="important entity"),
    NONE: Text(
        de="keine Einrichtung im Sinne von NIS2", en="not an entity within the scope of NIS2"
    ),
    UNDETERMINED: Text(
        de="nicht bestimmbar – Umsatz und Bilanzsumme angeben",
        en="not determinable – enter turnover and balance sheet",
    ),
}

SPECIAL_ROLES = {
    "qualified_trust_service": Text(
        de="qualifizierter Vertrauensdiensteanbieter", en="qualified trust service provider"
    ),
    "trust_service": Text(
        de="Vertrauensdiensteanbieter (Anlage 1 Nr. 6.1.7)",
        en="trust service provider (annex 1 no. 6.1.7)",
    ),
    "tld_registry_dns": Text(
        de="TLD-Name-Registry oder DNS-Diensteanbieter", en="TLD name registry or DNS provider"
    ),
    "telecom": Text(
        de="Anbieter öffentlicher Telekommunikationsnetze oder -dienste",
        en="provider of public telecommunications networks or services",
    ),
}


@dataclass(frozen=True)
class Classification:
    entity: Nis2Entity
    basis: str | None
    reason: Text
    from_profile: bool = False
    possible: Nis2Entity | None = None
    """Where the class is not determinable: the class the company has if the missing figures
    exceed the thresholds (otherwise it is no entity)."""

    @property
    def label(self) -> Text:
        return ENTITY_LABELS[self.entity]


def euros(value: int, lang: Lang) -> str:
    """An amount exactly, as entered: 10.000.001 € / €10,000,001 (never rounded at a border)."""
    text = f"{value:,}"
    return f"{text.replace(',', '.')} €" if lang == "de" else f"€{text}"


@dataclass(frozen=True)
class Size:
    """Whether a company reaches a size class: True, False or None (figures missing)."""

    reached: bool | None
    facts: Text


def _size(profile: Profile, limits: tuple[int, int, int]) -> Size:
    staff, turnover, balance = limits
    if profile.employees >= staff:
        return Size(
            True,
            Text(
                de=f"{profile.employees} Beschäftigte (≥ {staff})",
                en=f"{profile.employees} employees (≥ {staff})",
            ),
        )
    staff_facts = Text(
        de=f"{profile.employees} Beschäftigte (< {staff})",
        en=f"{profile.employees} employees (< {staff})",
    )
    t, b = profile.annual_turnover_eur, profile.balance_sheet_eur
    # Turnover AND balance sheet must both be above their limits: one figure at or below its
    # limit decides "not reached" even when the other is missing.
    below = [
        (name, value, limit)
        for name, value, limit in (("turnover", t, turnover), ("balance", b, balance))
        if value is not None and value <= limit
    ]
    if below:
        return Size(False, _join(staff_facts, _money_below(below), ", "))
    if t is None or b is None:
        missing = Text(
            de="Umsatz oder Bilanzsumme nicht angegeben",
            en="turnover or balance sheet not given",
        )
        return Size(None, _join(staff_facts, missing, ", "))
    return Size(
        True,
        Text(
            de=f"Umsatz {euros(t, 'de')} > {euros(turnover, 'de')} und Bilanzsumme "
            f"{euros(b, 'de')} > {euros(balance, 'de')}",
            en=f"turnover {euros(t, 'en')} > {euros(turnover, 'en')} and balance sheet "
            f"{euros(b, 'en')} > {euros(balance, 'en')}",
        ),
    )


def _money_below(below: list[tuple[str, int, int]]) -> Text:
    names = {"turnover": ("Umsatz", "turnover"), "balance": ("Bilanzsumme", "balance sheet")}
    de = " und ".join(f"{names[n][0]} {euros(v, 'de')} ≤ {euros(lim, 'de')}" for n, v, lim in below)
    en = " and ".join(f"{names[n][1]} {euros(v, 'en')} ≤ {euros(lim, 'en')}" for n, v, lim in below)
    return Text(de=de, en=en)


def _join(first: Text, second: Text, sep: str = " ") -> Text:
    return Text(de=f"{first.de}{sep}{second.de}", en=f"{first.en}{sep}{second.en}")


def _because(facts: Text, entity: Nis2Entity) -> Text:
    label = ENTITY_LABELS[entity]
    return Text(de=f"{facts.de} → {label.de}", en=f"{facts.en} → {label.en}")


def _unless_larger(facts: Text, entity: Nis2Entity, larger: Nis2Entity, limits: Text) -> Text:
    """The class reached, with the larger class the missing figures could still give."""
    reason = _because(facts, entity)
    other = ENTITY_LABELS[larger]
    return Text(
        de=f"{reason.de}; {other.de}, falls {limits.de}",
        en=f"{reason.en}; {other.en} if {limits.en}",
    )


LARGE_MONEY = Text(
    de=f"Umsatz über {euros(LARGE[1], 'de')} und Bilanzsumme über {euros(LARGE[2], 'de')}",
    en=f"turnover above {euros(LARGE[1], 'en')} and balance sheet above {euros(LARGE[2], 'en')}",
)
MEDIUM_MONEY = Text(
    de=f"Umsatz und Bilanzsumme über je {euros(MEDIUM[1], 'de')}",
    en=f"turnover and balance sheet each above {euros(MEDIUM[1], 'en')}",
)


def _open(facts: Text, possible: Nis2Entity, limits: Text) -> Classification:
    """Not determinable: the headcount does not decide and figures are missing."""
    label = ENTITY_LABELS[possible]
    reason = Text(
        de=f"{facts.de} → nicht bestimmbar: {label.de}, falls {limits.de}; sonst keine Einrichtung",
        en=f"{facts.en} → not determinable: {label.en} if {limits.en}; otherwise no entity",
    )
    basis = PARTICULARLY_IMPORTANT if possible == PI else IMPORTANT
    return Classification(UNDETERMINED, basis, reason, possible=possible)


def classify(profile: Profile) -> Classification:
    """The company's class under § 28 BSIG, with the facts that decide it."""
    if profile.nis2_entity is not None:
        facts = Text(de="im Unternehmensprofil festgelegt", en="set in the company profile")
        basis = {PI: PARTICULARLY_IMPORTANT, IMP: IMPORTANT}.get(profile.nis2_entity)
        return Classification(
            profile.nis2_entity, basis, _because(facts, profile.nis2_entity), True
        )
    if profile.kritis_operator:
        facts = Text(de="Betreiber einer kritischen Anlage", en="operator of a critical facility")
        return Classification(PI, PARTICULARLY_IMPORTANT, _because(facts, PI))

    role = profile.nis2_special_role
    large, medium = _size(profile, LARGE), _size(profile, MEDIUM)
    if role is not None:
        return _special(role, large, medium)

    sector = profile.nis2_sector
    if sector is None:
        facts = Text(
            de="kein Sektor der Anlagen 1 oder 2 angegeben",
            en="no sector of annex 1 or 2 given",
        )
        return Classification(NONE, None, _because(facts, NONE))
    annex = "1" if sector.value.startswith("annex1_") else "2"
    where = Text(de=f"in einem Sektor der Anlage {annex}", en=f"in an annex {annex} sector")
    if annex == "1" and large.reached:
        return Classification(PI, PARTICULARLY_IMPORTANT, _because(_join(large.facts, where), PI))
    if medium.reached is None:
        return _open(_join(medium.facts, where), IMP, MEDIUM_MONEY)
    if not medium.reached:
        return Classification(NONE, None, _because(_join(medium.facts, where), NONE))
    facts = _join(medium.facts, where)
    if annex == "1" and large.reached is None:
        return Classification(IMP, IMPORTANT, _unless_larger(facts, IMP, PI, LARGE_MONEY))
    return Classification(IMP, IMPORTANT, _because(facts, IMP))


def _special(role: str, large: Size, medium: Size) -> Classification:
    """The roles § 28 classifies by themselves: trust services, TLD/DNS, telecom."""
    any_size = Text(de="unabhängig von der Größe", en="whatever its size")
    name = SPECIAL_ROLES[role]
    if role in ("qualified_trust_service", "tld_registry_dns"):
        return Classification(PI, PARTICULARLY_IMPORTANT, _because(_join(name, any_size, ", "), PI))
    # Telecom (§ 28 Abs. 1 Nr. 3) by the medium size, trust services (Anlage 1 Nr. 6.1.7 with
    # § 28 Abs. 1 Nr. 4) by the large size; below it they are important whatever their size.
    size, limits = (medium, MEDIUM_MONEY) if role == "telecom" else (large, LARGE_MONEY)
    facts = _join(name, size.facts, ", ")
    if size.reached:
        return Classification(PI, PARTICULARLY_IMPORTANT, _because(facts, PI))
    if size.reached is None:
        return Classification(IMP, IMPORTANT, _unless_larger(facts, IMP, PI, limits))
    return Classification(IMP, IMPORTANT, _because(facts, IMP))
