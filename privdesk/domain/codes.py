"""The fixed codes of the interchange format (docs/interchange.md)."""

from __future__ import annotations

from typing import Any

LEGAL_BASES = ("6.1.a", "6.1.b", "6.1.c", "6.1.d", "6.1.e", "6.1.f")
SPECIAL_CONDITIONS = tuple(f"9.2.{c}" for c in "abcdefghij") + ("10",)
DATA_CATEGORIES = (
    "identity", "contact", "national_id", "education", "special_needs", "health", "ethnicity",
    "religion", "political", "trade_union", "genetic", "biometric", "sex_life", "criminal",
    "financial", "credentials", "location", "behaviour", "communication", "images", "other",
)
SPECIAL_CATEGORIES = frozenset(
    {"health", "ethnicity", "religion", "political", "trade_union", "genetic", "biometric",
     "sex_life"}
)
CRIMINAL_CATEGORY = "criminal"
SUBJECT_GROUPS = ("pupils", "guardians", "staff", "applicants", "visitors")
ACTIVITY_ROLES = ("controller", "processor")
ACTIVITY_STATUSES = ("planned", "active", "retired")
PROCESSOR_ROLES = ("processor", "subprocessor", "joint_controller", "independent_controller")
SAFEGUARDS = ("adequacy", "dpf", "scc", "bcr", "derogation", "none")
# The derogations of Art. 49(1) first subparagraph, points (a) to (g), for a transfer whose
# safeguard is ``derogation``: explicit consent, a contract with the data subject, a contract in
# their interest, important reasons of public interest, legal claims, vital interests, a public
# register.
DEROGATIONS = tuple(f"49.1.{c}" for c in "abcdefg")
BREACH_TYPES = ("confidentiality", "integrity", "availability")
EXPOSURES = ("none", "known_trusted", "known_untrusted", "unknown", "public")
INCIDENT_STATUSES = ("open", "closed")
# The cause of a breach as the authorities' forms ask it (Datatilsynet, IMY).
BREACH_CAUSES = ("human_error", "malicious_internal", "malicious_external", "technical_failure",
                 "lost_or_stolen", "other")
NOTIFICATION_KINDS = ("initial", "follow_up", "complete")
REQUEST_KINDS = ("access", "rectification", "erasure", "restriction", "objection", "portability")
REQUEST_STATUSES = ("open", "extended", "answered", "refused", "withdrawn")
RELATIONS = ("self", "guardian", "representative")
# Why something was not given out: other people's data (Art. 15(4)) or an exemption in law.
WITHHELD_GROUNDS = ("other_people", "exemption")
LANGUAGES = ("nb", "sv", "en")
SEVERITY_BANDS = ("low", "medium", "high", "very_high")
# The outcome of a DPIA screening (``domain/dpia.py``).
DPIA_RESULTS = ("required", "recommended", "not_required")
# The questions of a DPIA screening: the nine criteria of WP248 rev.01, then the items of
# Datatilsynet's (no.*) and IMY's (se.*) lists under Art. 35(4) (``domain/dpia.py`` says
# where each comes from).
DPIA_CRITERIA = (
    "evaluation", "automated_decision", "monitoring", "sensitive", "large_scale", "matching",
    "vulnerable", "innovative", "prevents_rights",
    "no.biometric", "no.location", "no.employees", "no.learning", "no.innovative",
    "no.matching",
    "se.biometric", "se.location", "se.employees", "se.pupils", "se.innovative",
)

# EU member states plus Iceland, Liechtenstein and Norway.
EEA_COUNTRIES = frozenset(
    (
        "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI "
        "ES SE IS LI NO "
    ).split()
)

# Third countries the European Commission has found adequate (Art. 45(3)), as of 2026-12: the
# Commission's list "Adequacy decisions" (commission.europa.eu, data protection, international
# dimension) — Andorra, Argentina, Canada (commercial organisations under PIPEDA), the Faroe
# Islands, Guernsey, Israel, the Isle of Man, Japan, Jersey, New Zealand, the Republic of Korea,
# Switzerland, the United Kingdom (renewed in 2025) and Uruguay; and Brazil, Commission
# Implementing Decision (EU) 2026/179 of 26 January 2026 (OJ 28.1.2026; europalov.no lists the
# EEA committee's draft decision to take it into the EEA agreement, sent 6.5.2026).
# The United States is adequate only for organisations certified under the EU–US Data Privacy
# Framework (Decision (EU) 2023/1795): that is the safeguard ``dpf``, never ``adequacy``.
ADEQUACY_COUNTRIES = frozenset(
    "AD AR BR CA FO GG IL IM JP JE NZ KR CH GB UY".split()
)
# Where an adequacy decision covers only part of the country's recipients: the DPO must check
# that the recipient is one of them.
PARTIAL_ADEQUACY = frozenset({"CA", "JP"})
DPF_COUNTRY = "US"

# ISO 3166-1 alpha-2 codes, officially assigned.
COUNTRIES = frozenset(
    (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ "
        "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR "
        "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ "
        "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
        "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
        "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI "
        "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR "
        "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW "
    ).split()
)


def is_special_category(category: str) -> bool:
    """True for the Art. 9 special categories of personal data."""
    return category in SPECIAL_CATEGORIES


def is_third_country(country: str) -> bool:
    """True when a country lies outside the EEA, so Chapter V applies."""
    return country not in EEA_COUNTRIES


def special_categories(activity: Any) -> tuple[str, ...]:
    """The Art. 9 special categories among the activity's categories of data, in order."""
    return tuple(c for c in activity.data_categories if is_special_category(c))


def lacks_special_condition(activity: Any) -> bool:
    """True when the activity processes special categories (Art. 9(1)) but records no
    condition of Art. 9(2): processing them is then prohibited."""
    return bool(special_categories(activity)) and not any(
        c.startswith("9.2.") for c in activity.special_conditions)

# The years a date or a moment may have: every date privdesk works out from them (a deadline,
# a review, a time zone) stays far inside Python's calendar, which ends in 9999.
FIRST_YEAR, LAST_YEAR = 1900, 2199
