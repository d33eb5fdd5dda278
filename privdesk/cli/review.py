"""``privdesk review-policy FILE``: the first reading of a vendor's privacy policy."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.domain.errors import N_
from privdesk.domain.labels import label

if TYPE_CHECKING:
    from privdesk.domain.policy.review import Review

Gettext = Callable[[str], str]

LANGUAGE_NAMES = {
    "nb": N_("Norwegian (bokmål)"), "nn": N_("Norwegian (nynorsk)"), "sv": N_("Swedish"),
    "da": N_("Danish"), "en": N_("English"),
}
SEVERITY_NAMES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
PURPOSE_NAMES = {
    "payments": N_("payments"), "analytics": N_("analytics"), "advertising": N_("advertising"),
    "support_chat": N_("customer support and chat"), "hosting": N_("hosting and cloud"),
    "cdn": N_("content delivery and network security"), "video": N_("video"),
    "identity": N_("identity and log-in"), "productivity": N_("productivity suite"),
    "email": N_("e-mail"), "monitoring": N_("error monitoring"),
    "communication": N_("messaging"), "learning": N_("learning platform"),
    "social_media": N_("social media"), "authority": N_("public authority"),
    "other": N_("other"),
}
KIND_NAMES = {
    "period": N_("period"), "event": N_("until an event"),
    "vague": N_("no period (\u201cas long as necessary\u201d)"), "indefinite": N_("no end"),
}
ROLE_NAMES = {"dpo": N_("Data protection officer"), "privacy": N_("Privacy contact")}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review-policy", help="read a vendor's privacy policy and flag what needs attention",
        description="Read a vendor's privacy policy (plain text, HTML or PDF): what it says "
                    "about third parties, countries, retention, legal bases and children, and "
                    "the flags a DPO should look at, each with the sentence it rests on.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the policy: .txt, .html or .pdf")
    parser.add_argument("--json", action="store_true",
                        help="print the findings as JSON (docs/policy-review.md)")
    parser.add_argument("--vendors", type=Path, action="append", default=[], metavar="FILE",
                        help="extra vendor catalogue entries (JSON), added to privdesk's own; "
                             "the processors of an existing register are added too")
    add_db_option(parser)
    add_lang_option(parser)
    parser.set_defaults(handler=review_policy_command)


def _today() -> Any:
    # The policy's age is counted in the user's own calendar day.
    return datetime.now(UTC).astimezone().date()


def review_policy_command(args: argparse.Namespace, context: Context) -> int:
    from privdesk.documents.policy_text import read_policy_text, vendor_catalogue
    from privdesk.domain.policy.review import review_policy, review_to_json

    path: Path = args.file
    text = read_policy_text(path)
    catalogue = vendor_catalogue(args.vendors, _register_vendors(args.db))
    review = review_policy(text, catalogue, _today(), fallback_name=path.stem)
    if args.json:
        data = review_to_json(review, context.gettext)
        _write(context.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(context.stdout, render_report(review, str(path), context.gettext))
    return 0


def _register_vendors(db: str | None) -> list[dict[str, Any]]:
    """The register's processors as catalogue entries: what the DPO knows of a vendor (its
    country) beats the shipped catalogue. A register that does not exist is not created."""
    from privdesk.store.database import resolve_target
    from privdesk.store.engine import sqlite_path

    target = resolve_target(db)
    location = sqlite_path(target)
    if location is not None and not location.exists():
        return []
    from privdesk.services import open_register

    with open_register(target, create=False) as service:
        processors = service.processors()
    return [{"name": p.name.strip(), **({"country": p.country} if p.country else {})}
            for p in processors if p.name.strip()]


def _write(stream: TextIO, text: str) -> None:
    """Write UTF-8 whatever the console's encoding is (the spec asks for UTF-8 output)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


QUOTE = N_("\u201c{text}\u201d")


def render_report(review: Review, name: str, _: Gettext) -> str:
    """The review as a readable report in the language of ``_``."""
    f = review.findings
    lines: list[str] = []
    add = lines.append

    def _quote(text: str | None) -> str:
        # Quotation marks as each language sets them: “…” in English, «…» in Norwegian.
        return _(QUOTE).format(text=text) if text else ""

    none = _("none found")

    add(_("Privacy policy review: {file}").format(file=name))
    language = _(LANGUAGE_NAMES.get(f.language, f.language))
    if len(f.languages) > 1:
        mix = ", ".join(f"{_(LANGUAGE_NAMES.get(code, code))} {round(share * 100)} %"
                        for code, share in f.languages)
        add(_("Language: {language} (mixed: {mix})").format(language=language, mix=mix))
    else:
        add(_("Language: {language}").format(language=language))
    vendor = f.vendor
    parts = [vendor.name or _("not found")]
    if vendor.org_number:
        parts.append(_("org. no. {number}").format(number=vendor.org_number))
    if vendor.country:
        parts.append(vendor.country)
    add(_("Vendor: {vendor}").format(vendor=" · ".join(parts)))
    add(_("Policy date: {date}").format(
        date=f.policy_date.isoformat() if f.policy_date else _("not found")))
    add("")

    add(_("Flags ({count})").format(count=len(review.flags)))
    for flag in review.flags:
        add(f"  [{_(SEVERITY_NAMES[flag.severity])}] {flag.render(_)}")
        if flag.evidence:
            add(f"      {_quote(flag.evidence)}")
    if not review.flags:
        add(f"  {none}")
    add("")

    def section(title: str, items: Sequence[tuple[str, str | None]]) -> None:
        add(title)
        for line, evidence in items:
            add(f"  - {line}")
            if evidence:
                add(f"      {_quote(evidence)}")
        if not items:
            add(f"  {none}")
        add("")

    hidden = _("address hidden on the web page")
    section(_("Contacts"), [
        (f"{_(ROLE_NAMES[c.role])}: {c.email or hidden}", c.evidence) for c in f.contacts])
    section(_("Third parties"), [
        (f"{p.name} ({p.country or '?'})"
         + (f" – {_(PURPOSE_NAMES.get(p.purpose, p.purpose))}" if p.purpose else ""),
         p.evidence) for p in f.third_parties])
    section(_("Where the data is stored"),
            [(loc.country, loc.evidence) for loc in f.data_locations]
            + [(_("within the EU/EEA"), r.evidence) for r in f.data_regions])
    unnamed = _("country not named")
    section(_("Transfers outside the EEA"), [
        (f"{t.country or unnamed}: "
         + (label("safeguards", t.safeguard, _) if t.safeguard else _("no safeguard named")),
         t.evidence) for t in f.transfers])
    section(_("Retention"), [
        (f"{r.period or _(KIND_NAMES[r.kind])} – {r.text}", r.evidence) for r in f.retention])
    section(_("Legal bases"), [(label("legal_bases", b.basis, _), b.evidence)
                               for b in f.legal_bases])
    section(_("Data categories"), [(label("data_categories", e.value, _), None)
                                   for e in f.data_categories])
    children = f.children
    rules: list[tuple[str, str | None]] = []
    if children.min_age is not None:
        rules.append((_("minimum age {age}").format(age=children.min_age), children.evidence))
    if children.parental_consent_below is not None:
        rules.append((_("parental consent below {age}").format(
            age=children.parental_consent_below), children.evidence))
    section(_("Children"), rules)
    add(_("Promised response time: {days}").format(
        days=_("{days} days").format(days=f.response_time_days)
        if f.response_time_days is not None else _("not found")))
    add(_("Supervisory authority: {name}").format(
        name=f.authority.name if f.authority else _("not found")))
    add("")
    processors = review.draft["processors"]
    add(_("Draft processor: {name} with {count} subprocessors; print it with --json "
          "and confirm each item before it enters the register.").format(
        name=processors[0]["name"], count=len(processors) - 1))
    return "\n".join(lines) + "\n"
