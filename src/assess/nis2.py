"""NIS2 as implemented in Germany (BSIG 2025, § 28): which class of entity a company is.

A rule of thumb from the profile, with its reasoning. It counts the company as entered: linked
and partner enterprises, negligible activities and the special cases of public administration
are not considered. A classification set in the profile (``nis2_entity``) overrides it.
Source: https://www.gesetze-im-internet.de/bsig_2025/__28.html (checked 2026-11-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.i18n import compact
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

ENTITY_LABELS = {
    Nis2Entity.PARTICULARLY_IMPORTANT: Text(
        de="besonders wichtige Einrichtung", en="particularly important entity"
    ),
    Nis2Entity.IMPORTANT: Text(de="wichtige Einrichtung", en="important entity"),
    Nis2Entity.NONE: Text(
        de="keine Einrichtung im Sinne von NIS2", en="not an entity within the scope of NIS2"
    ),
}

SPECIAL_ROLES = {
    "qualified_trust_service": Text(
        de="qualifizierter Vertrauensdiensteanbieter", en="qualified trust service provider"
    ),
    "trust_service": Text(de="Vertrauensdiensteanbieter", en="trust service provider"),
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

    @property
    def label(self) -> Text:
        return ENTITY_LABELS[self.entity]


def _millions(value: int, lang: Lang) -> str:
    text = compact(value / 1_000_000, lang)
    return f"{text} Mio. €" if lang == "de" else f"€{text}m"


def _size(profile: Profile, limits: tuple[int, int, int]) -> tuple[bool, Text]:
    """Whether the company reaches a size class, and which figures decide it."""
    staff, turnover, balance = limits
    if profile.employees >= staff:
        return True, Text(
            de=f"{profile.employees} Beschäftigte (≥ {staff})",
            en=f"{profile.employees} employees (≥ {staff})",
        )
    t, b = profile.annual_turnover_eur, profile.balance_sheet_eur
    if t is not None and b is not None and t > turnover and b > balance:
        return True, Text(
            de=f"Umsatz {_millions(t, 'de')} > {_millions(turnover, 'de')} und Bilanzsumme "
            f"{_millions(b, 'de')} > {_millions(balance, 'de')}",
            en=f"turnover {_millions(t, 'en')} > {_millions(turnover, 'en')} and balance sheet "
            f"{_millions(b, 'en')} > {_millions(balance, 'en')}",
        )
    if t is None or b is None:
        money = Text(
            de="Umsatz oder Bilanzsumme nicht angegeben", en="turnover or balance sheet not given"
        )
    else:
        money = Text(
            de=f"Umsatz über {_millions(turnover, 'de')} und Bilanzsumme über "
            f"{_millions(balance, 'de')} nicht beide erreicht",
            en=f"turnover above {_millions(turnover, 'en')} and balance sheet above "
            f"{_millions(balance, 'en')} not both reached",
        )
    staff_facts = Text(
        de=f"{profile.employees} Beschäftigte (< {staff})",
        en=f"{profile.employees} employees (< {staff})",
    )
    return False, _join(staff_facts, money, ", ")


def _join(first: Text, second: Text, sep: str = " ") -> Text:
    return Text(de=f"{first.de}{sep}{second.de}", en=f"{first.en}{sep}{second.en}")


def _because(facts: Text, entity: Nis2Entity) -> Text:
    label = ENTITY_LABELS[entity]
    return Text(de=f"{facts.de} → {label.de}", en=f"{facts.en} → {label.en}")


def classify(profile: Profile) -> Classification:
    """The company's class under § 28 BSIG, with the facts that decide it."""
    pi, imp, none = Nis2Entity.PARTICULARLY_IMPORTANT, Nis2Entity.IMPORTANT, Nis2Entity.NONE
    if profile.nis2_entity is not None:
        facts = Text(de="im Unternehmensprofil festgelegt", en="set in the company profile")
        basis = {pi: PARTICULARLY_IMPORTANT, imp: IMPORTANT}.get(profile.nis2_entity)
        return Classification(
            profile.nis2_entity, basis, _because(facts, profile.nis2_entity), True
        )
    if profile.kritis_operator:
        facts = Text(de="Betreiber einer kritischen Anlage", en="operator of a critical facility")
        return Classification(pi, PARTICULARLY_IMPORTANT, _because(facts, pi))

    role = profile.nis2_special_role
    large, large_facts = _size(profile, LARGE)
    medium, medium_facts = _size(profile, MEDIUM)
    if role is not None:
        any_size = Text(de="unabhängig von der Größe", en="whatever its size")
        facts = _join(SPECIAL_ROLES[role], medium_facts if role == "telecom" else any_size, ", ")
        if role in ("qualified_trust_service", "tld_registry_dns") or (
            role == "telecom" and medium
        ):
            return Classification(pi, PARTICULARLY_IMPORTANT, _because(facts, pi))
        return Classification(imp, IMPORTANT, _because(facts, imp))

    sector = profile.nis2_sector
    if sector is None:
        facts = Text(
            de="kein Sektor der Anlagen 1 oder 2 angegeben",
            en="no sector of annex 1 or 2 given",
        )
        return Classification(none, None, _because(facts, none))
    annex = "1" if sector.value.startswith("annex1_") else "2"
    where = Text(de=f"in einem Sektor der Anlage {annex}", en=f"in an annex {annex} sector")
    if annex == "1" and large:
        return Classification(pi, PARTICULARLY_IMPORTANT, _because(_join(large_facts, where), pi))
    entity = imp if medium else none
    basis = IMPORTANT if medium else None
    return Classification(entity, basis, _because(_join(medium_facts, where), entity))
