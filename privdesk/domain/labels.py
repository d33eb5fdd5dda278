"""Words for the codes of the register, as catalogue msgids (English; translated where shown).

Every screen and document shows a code through ``label(group, code)`` and a translator, never
the raw code. Free labels (a subject group the DPO typed) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from privdesk.domain.errors import N_

LEGAL_BASES = {
    "6.1.a": N_("Art. 6(1)(a) – consent"),
    "6.1.b": N_("Art. 6(1)(b) – contract"),
    "6.1.c": N_("Art. 6(1)(c) – legal obligation"),
    "6.1.d": N_("Art. 6(1)(d) – vital interests"),
    "6.1.e": N_("Art. 6(1)(e) – public task"),
    "6.1.f": N_("Art. 6(1)(f) – legitimate interests"),
}

LEGAL_BASIS_EXPLANATIONS = {
    "6.1.a": N_("The person (or a guardian) has freely agreed to this specific use."),
    "6.1.b": N_("Needed to perform a contract with the person, or to prepare one."),
    "6.1.c": N_("Needed to comply with a legal obligation of the school or municipality."),
    "6.1.d": N_("Needed to protect someone's life or health."),
    "6.1.e": N_("Needed for a task in the public interest, such as teaching under the "
                "Education Act, or for official authority."),
    "6.1.f": N_("Needed for legitimate interests that outweigh the person's rights; not "
                "available to public authorities for their tasks."),
}

SPECIAL_CONDITIONS = {
    "9.2.a": N_("Art. 9(2)(a) – explicit consent"),
    "9.2.b": N_("Art. 9(2)(b) – employment and social security law"),
    "9.2.c": N_("Art. 9(2)(c) – vital interests"),
    "9.2.d": N_("Art. 9(2)(d) – not-for-profit body"),
    "9.2.e": N_("Art. 9(2)(e) – made public by the person"),
    "9.2.f": N_("Art. 9(2)(f) – legal claims"),
    "9.2.g": N_("Art. 9(2)(g) – substantial public interest"),
    "9.2.h": N_("Art. 9(2)(h) – health or social care"),
    "9.2.i": N_("Art. 9(2)(i) – public health"),
    "9.2.j": N_("Art. 9(2)(j) – archiving, research or statistics"),
    "10": N_("Art. 10 – criminal convictions and offences"),
}

DATA_CATEGORIES = {
    "identity": N_("Identity"),
    "contact": N_("Contact details"),
    "national_id": N_("National identity number"),
    "education": N_("Education and assessment"),
    "special_needs": N_("Special needs and adapted education"),
    "health": N_("Health"),
    "ethnicity": N_("Racial or ethnic origin"),
    "religion": N_("Religious or philosophical beliefs"),
    "political": N_("Political opinions"),
    "trade_union": N_("Trade union membership"),
    "genetic": N_("Genetic data"),
    "biometric": N_("Biometric data"),
    "sex_life": N_("Sex life or sexual orientation"),
    "criminal": N_("Criminal convictions and offences"),
    "financial": N_("Financial and payment data"),
    "credentials": N_("User names and passwords"),
    "location": N_("Location"),
    "behaviour": N_("Use and behaviour"),
    "communication": N_("Messages and communication"),
    "images": N_("Photos, video and sound"),
    "other": N_("Other"),
}

SUBJECT_GROUPS = {
    "pupils": N_("Pupils"),
    "guardians": N_("Parents and guardians"),
    "staff": N_("Staff"),
    "applicants": N_("Applicants"),
    "visitors": N_("Visitors"),
}

ACTIVITY_ROLES = {
    "controller": N_("Controller"),
    "processor": N_("Processor"),
}

ACTIVITY_STATUSES = {
    "planned": N_("Planned"),
    "active": N_("Active"),
    "retired": N_("Retired"),
}

PROCESSOR_ROLES = {
    "processor": N_("Processor"),
    "subprocessor": N_("Subprocessor"),
    "joint_controller": N_("Joint controller"),
    "independent_controller": N_("Independent controller"),
}

SAFEGUARDS = {
    "adequacy": N_("Adequacy decision (Art. 45)"),
    "dpf": N_("EU–US Data Privacy Framework (Art. 45)"),
    "scc": N_("Standard contractual clauses (Art. 46(2)(c))"),
    "bcr": N_("Binding corporate rules (Art. 47)"),
    "derogation": N_("Derogation for a specific situation (Art. 49)"),
    "none": N_("No safeguard"),
}

# Art. 49(1) first subparagraph, points (a) to (g).
DEROGATIONS = {
    "49.1.a": N_("Explicit consent (Art. 49(1)(a))"),
    "49.1.b": N_("Contract with the data subject (Art. 49(1)(b))"),
    "49.1.c": N_("Contract in the data subject's interest (Art. 49(1)(c))"),
    "49.1.d": N_("Important reasons of public interest (Art. 49(1)(d))"),
    "49.1.e": N_("Legal claims (Art. 49(1)(e))"),
    "49.1.f": N_("Vital interests (Art. 49(1)(f))"),
    "49.1.g": N_("Public register (Art. 49(1)(g))"),
}

BREACH_TYPES = {
    "confidentiality": N_("Confidentiality breach"),
    "integrity": N_("Integrity breach"),
    "availability": N_("Availability breach"),
}

EXPOSURES = {
    "none": N_("Nobody saw the data"),
    "known_trusted": N_("Known, trusted recipients"),
    "known_untrusted": N_("Known recipients who are not trusted"),
    "unknown": N_("Unknown recipients"),
    "public": N_("Made public"),
}

INCIDENT_STATUSES = {
    "open": N_("Open"),
    "closed": N_("Closed"),
}

NOTIFICATION_KINDS = {
    "initial": N_("Initial notification"),
    "follow_up": N_("Follow-up"),
    "complete": N_("Complete notification"),
}

REQUEST_KINDS = {
    "access": N_("Access (Art. 15)"),
    "rectification": N_("Rectification (Art. 16)"),
    "erasure": N_("Erasure (Art. 17)"),
    "restriction": N_("Restriction (Art. 18)"),
    "objection": N_("Objection (Art. 21)"),
    "portability": N_("Data portability (Art. 20)"),
}

REQUEST_STATUSES = {
    "open": N_("Open"),
    "extended": N_("Extended"),
    "answered": N_("Answered"),
    "refused": N_("Refused"),
    "withdrawn": N_("Withdrawn"),
}

RELATIONS = {
    "self": N_("The person themselves"),
    "guardian": N_("Parent or guardian"),
    "representative": N_("Representative"),
}

BREACH_CAUSES = {
    "human_error": N_("Human error"),
    "malicious_internal": N_("Deliberate act by someone inside the organisation"),
    "malicious_external": N_("Attack or deliberate act from outside"),
    "technical_failure": N_("Technical failure"),
    "lost_or_stolen": N_("Lost or stolen device or papers"),
    "other": N_("Other cause"),
}

WITHHELD_GROUNDS = {
    "other_people": N_("Other people's data (Art. 15(4))"),
    "exemption": N_("Exempt by law"),
}

SEVERITY_BANDS = {
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    "very_high": N_("Very high"),
}

LANGUAGES = {
    "nb": N_("Norwegian (bokmål)"),
    "sv": N_("Swedish"),
    "en": N_("English"),
}

GROUPS: dict[str, dict[str, str]] = {
    "legal_bases": LEGAL_BASES,
    "special_conditions": SPECIAL_CONDITIONS,
    "data_categories": DATA_CATEGORIES,
    "subjects": SUBJECT_GROUPS,
    "activity_roles": ACTIVITY_ROLES,
    "activity_statuses": ACTIVITY_STATUSES,
    "processor_roles": PROCESSOR_ROLES,
    "safeguards": SAFEGUARDS,
    "derogations": DEROGATIONS,
    "breach_types": BREACH_TYPES,
    "exposures": EXPOSURES,
    "incident_statuses": INCIDENT_STATUSES,
    "breach_causes": BREACH_CAUSES,
    "notification_kinds": NOTIFICATION_KINDS,
    "request_kinds": REQUEST_KINDS,
    "request_statuses": REQUEST_STATUSES,
    "relations": RELATIONS,
    "withheld_grounds": WITHHELD_GROUNDS,
    "severity_bands": SEVERITY_BANDS,
    "languages": LANGUAGES,
}


def label_msgid(group: str, code: str) -> str:
    """The msgid for ``code`` in ``group``; a free label (not a known code) is itself."""
    return GROUPS[group].get(code, code)


def label(group: str, code: str, gettext: Callable[[str], str] | None = None) -> str:
    """``code`` in words, translated with ``gettext`` when one is given."""
    msgid = label_msgid(group, code)
    if gettext is None or code not in GROUPS[group]:
        return msgid
    return gettext(msgid)
