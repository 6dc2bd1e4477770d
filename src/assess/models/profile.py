"""The company profile: decides applicability, weights, support pointers and duties."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from assess.models.base import Free, Int, NonEmpty, Number, StrictModel

if TYPE_CHECKING:
    from assess.nis2 import Classification


class Bundesland(StrEnum):
    """The 16 Länder by their ISO 3166-2:DE code suffix."""

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"


class Nis2Sector(StrEnum):
    """Sectors of BSIG 2025 Anlage 1 (annex1_*) and Anlage 2 (annex2_*).

    Anlage 1 has no sector "public administration": the federal administration falls under § 29
    BSIG, Land and municipal administrations under Land law.
    """

    ENERGY = "annex1_energy"
    TRANSPORT = "annex1_transport"
    BANKING = "annex1_banking"
    FINANCIAL_MARKET_INFRASTRUCTURE = "annex1_financial_market_infrastructure"
    HEALTH = "annex1_health"
    DRINKING_WATER = "annex1_drinking_water"
    WASTE_WATER = "annex1_waste_water"
    DIGITAL_INFRASTRUCTURE = "annex1_digital_infrastructure"
    ICT_SERVICE_MANAGEMENT = "annex1_ict_service_management"  # MSP/MSSP, Anlage 1 Nr. 6.1.10/11
    SPACE = "annex1_space"
    POSTAL_COURIER = "annex2_postal_courier"
    WASTE_MANAGEMENT = "annex2_waste_management"
    CHEMICALS = "annex2_chemicals"
    FOOD = "annex2_food"
    MANUFACTURING = "annex2_manufacturing"
    DIGITAL_PROVIDERS = "annex2_digital_providers"
    RESEARCH = "annex2_research"


class Nis2Entity(StrEnum):
    """Classes of entity under BSIG 2025 § 28."""

    PARTICULARLY_IMPORTANT = "particularly_important"
    IMPORTANT = "important"
    NONE = "none"
    UNDETERMINED = "undetermined"
    """Derived only: the headcount does not decide and turnover or balance sheet is missing."""


class Contact(StrictModel):
    name: NonEmpty
    role: Free | None = None
    phone: Free | None = None
    email: Free | None = None
    availability: Free | None = Field(
        default=None, description="When the contact can be reached, e.g. 'Mo–Fr 7–18 Uhr'."
    )


class Contacts(StrictModel):
    first_contact: Contact | None = Field(
        default=None, description="Whom staff call first in an IT emergency."
    )
    it_provider: Contact | None = None
    management: Contact | None = None
    data_protection_officer: Contact | None = None
    further: list[Contact] = Field(
        default=[],
        max_length=20,
        description="Further emergency contacts after the four above, most important first, e.g. "
        "a deputy, the insurer's hotline, a forensic provider, the bank; 'role' says what each is.",
    )


class CrownJewel(StrictModel):
    """A time-critical business process or asset."""

    name: NonEmpty
    kind: Literal["process", "asset"]
    max_downtime_hours: Number = Field(gt=0, description="Maximum tolerable downtime (MTA).")
    note: Free | None = None


class Profile(StrictModel):
    """What the tool needs to know about the company."""

    name: NonEmpty
    employees: Int = Field(ge=1)
    annual_turnover_eur: Int | None = Field(default=None, ge=0)
    balance_sheet_eur: Int | None = Field(default=None, ge=0)
    sector: NonEmpty = Field(description="The company's line of business in words.")
    nis2_sector: Nis2Sector | None = None
    nis2_special_role: (
        Literal["qualified_trust_service", "trust_service", "tld_registry_dns", "telecom"] | None
    ) = Field(
        default=None,
        description="Roles that BSIG 2025 § 28 classifies regardless of the annexes: qualified or "
        "other trust service provider, TLD registry or DNS service provider, provider of public "
        "telecommunications networks or services.",
    )
    nis2_entity: Nis2Entity | None = Field(
        default=None,
        description="Set only when the company knows its NIS2 classification better than the "
        "tool's rule of thumb (e.g. after legal advice); it then overrides the derived one.",
    )
    bundesland: Bundesland
    chamber: Literal["ihk", "hwk", "other", "none"]
    chamber_name: Free | None = None
    it_operation: Literal["own", "external", "mixed"]
    personal_data: Literal["none", "standard", "sensitive"] = Field(
        description="'sensitive': special categories (GDPR Art. 9) or data under professional "
        "secrecy, e.g. health, tax or client files."
    )
    kritis_operator: bool = Field(
        default=False, description="Operates a critical facility (KRITIS) above the thresholds."
    )
    financial_entity: bool = Field(
        default=False, description="A financial entity under DORA (EU 2022/2554)."
    )
    data_protection_supervisor: Literal["land", "bfdi"] = Field(
        default="land",
        description="'land': the authority of the company's Land supervises it (the rule for "
        "companies); 'bfdi': a federal law makes the BfDI responsible.",
    )
    remote_work: bool = False
    cloud_use: bool = False
    website: bool = False
    online_shop: bool = False
    works_council: bool = False
    crown_jewels: list[CrownJewel] = Field(default=[])
    contacts: Contacts = Field(default_factory=Contacts)

    @field_validator("nis2_sector", mode="before")
    @classmethod
    def _no_public_administration(cls, value: Any) -> Any:
        if value == "annex1_public_administration":
            raise ValueError(
                "public administration is no sector of Anlage 1 BSIG (the federal administration "
                "falls under § 29 BSIG, Land and municipal administrations under Land law); "
                "remove nis2_sector, or set nis2_entity if the company knows its class"
            )
        return value

    @field_validator("nis2_entity")
    @classmethod
    def _decided(cls, value: Nis2Entity | None) -> Nis2Entity | None:
        if value == Nis2Entity.UNDETERMINED:
            raise ValueError(
                "set nis2_entity only to a class the company knows (particularly_important, "
                "important or none); leave it out to let the tool derive it"
            )
        return value

    @property
    def shortest_max_downtime_hours(self) -> float | None:
        """The smallest maximum tolerable downtime of the crown jewels, if any are named."""
        return min((j.max_downtime_hours for j in self.crown_jewels), default=None)

    @cached_property
    def nis2(self) -> Classification:
        """The company's class under § 28 BSIG, with its reasoning."""
        from assess.nis2 import classify

        return classify(self)

    @cached_property
    def condition_values(self) -> dict[str, Any]:
        """The values that catalog conditions may read, by field name."""
        values = {n: getattr(self, n) for n in CONDITION_FIELDS if n != "nis2_classification"}
        values["nis2_classification"] = self.nis2.entity
        return values


# What a catalog condition may compare, with its type: the scalar profile fields (free texts,
# lists and nested objects are not comparable) and values derived from the profile.
CONDITION_FIELDS: dict[str, Any] = {
    name: info.annotation
    for name, info in Profile.model_fields.items()
    if name not in {"name", "sector", "chamber_name", "crown_jewels", "contacts", "nis2_entity"}
} | {"shortest_max_downtime_hours": float | None, "nis2_classification": Nis2Entity}
