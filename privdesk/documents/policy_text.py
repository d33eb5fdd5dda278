"""The text of a vendor's privacy policy from a file: plain text, HTML or PDF; and the catalogue.

Plain text comes in any of UTF-8, UTF-16, cp1252 or Latin-1 (detected); HTML loses scripts,
styles, navigation and cookie banners but keeps its paragraphs; a PDF gives its text layer.
Anything too large or not text at all is refused with a UserError.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

from privdesk.documents.inputs import POLICY, VENDORS, read_input
from privdesk.domain.errors import N_, UserError
from privdesk.domain.policy.catalogue import Catalogue, catalogue_from_json
from privdesk.resource_files import resource

MAX_BYTES = POLICY.limit
# The review takes time in proportion to the text (about 10 s per million characters);
# the longest real policies hold under 100,000, so more is not a policy.
MAX_CHARACTERS = 1_000_000

_BLOCK_TAGS = frozenset(
    """p div section article main aside header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table
    tr td th thead tbody tfoot caption blockquote pre address figure figcaption form fieldset
    legend details summary hr body html title""".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "iframe",
                        "object", "canvas", "button", "select", "head", "dialog"})
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Cookie and consent banners from common consent tools, by id or class. A policy's own
# section about cookies (id="cookies") is kept: only banner-like names count.
_BANNER = re.compile(
    r"(?:cookie|consent|gdpr|privacy)[-_ ]?(?:banner|bar|notice|popup|pop-up|modal|dialog|"
    r"wall|box|overlay|consent|prompt|layer|container)|onetrust|cookiebot|cybot|\bcmp\b|"
    r"cc-window|cc-banner|klaro|usercentrics|didomi|iubenda|termly|osano|cookieyes|complianz",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _decode_cfemail(encoded: str) -> str | None:
    # Cloudflare hides e-mail addresses as hex XOR-ed with the first byte; the page's own
    # script reverses it, so a reader without scripts must too.
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    text = bytes(b ^ key for b in data[1:]).decode("utf-8", errors="replace")
    return text if "@" in text else None


class _TextExtractor(HTMLParser):
    """Collects visible text, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skip: list[str] = []  # open tags whose content is skipped
        self._replace: list[str] = []  # open tags whose content is replaced (decoded e-mail)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if self._skip:
            if tag not in _VOID_TAGS:
                self._skip.append(tag)
            return
        if self._replace:
            if tag not in _VOID_TAGS:
                self._replace.append(tag)
            return
        marker = f"{attributes.get('id', '')} {attributes.get('class', '')} " \
                 f"{attributes.get('aria-label', '')}"
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true" \
            or bool(_HIDDEN_STYLE.search(attributes.get("style", ""))) \
            or attributes.get("role") in ("dialog", "alertdialog")
        if tag in _SKIP_TAGS or hidden or (tag not in ("html", "body") and _BANNER.search(marker)):
            if tag not in _VOID_TAGS:
                self._skip.append(tag)
            return
        if "data-cfemail" in attributes:
            email = _decode_cfemail(attributes["data-cfemail"])
            if email and tag not in _VOID_TAGS:
                self._current.append(email)
                self._replace.append(tag)
                return
        if tag == "br":
            self._current.append("\n")
            self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li":
                self._current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        for stack in (self._skip, self._replace):
            if stack:
                # Close up to the matching tag; HTML in the wild leaves tags unclosed.
                if tag in stack:
                    while stack and stack.pop() != tag:
                        pass
                return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._replace:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def text_from_html(html: str) -> str:
    """The visible text of an HTML page, one paragraph per block, blank lines between."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.paragraphs)


def _garbage(text: str) -> bool:
    if not text.strip():
        return True
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return controls > max(2, len(text) // 100)


def decode_text(data: bytes, place: str) -> str:
    """Bytes of a text file as text: BOM, then UTF-16 without BOM, UTF-8, cp1252, Latin-1."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UserError(N_("this is not a text, HTML or PDF file"), place=place)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_like_html(text: str, suffix: str) -> bool:
    head = text[:5000].lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return True
    return bool(re.search(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", head)) or (
        len(re.findall(r"</?(?:p|div|span|h[1-6]|li|br)\b", head)) >= 5
    )


def _html_charset(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4000], re.IGNORECASE)
    if match is None:
        return None
    name = match.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def reflow(page: str) -> str:
    """A PDF page's lines joined into paragraphs: a full-width line that ends mid-sentence
    goes on in the next line, even when that line starts with a capital ("handled by Stripe")."""
    lines = [line.rstrip() for line in page.strip().splitlines()]
    widths = sorted(len(line) for line in lines if line.strip())
    if not widths:
        return ""
    full = widths[len(widths) // 2] * 0.7
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous and line.strip() and len(previous.splitlines()[-1]) >= full \
                and not re.search(r"[.!?:;]['\"»”’)]*$", previous):
            out[-1] = f"{previous} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def text_from_pdf(data: bytes, place: str) -> str:
    """The text layer of a PDF, page by page; a PDF of scanned images is refused."""
    import pypdf  # heavy: loaded only when a PDF is read
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, DependencyError, ValueError, KeyError, TypeError, OSError,
            NotImplementedError, RecursionError, AttributeError, IndexError) as error:
        # pypdf reports a damaged file through many exception types; all mean "unreadable".
        raise UserError(N_("cannot read this PDF: {reason}"), place=place,
                        reason=str(error) or type(error).__name__) from error
    text = "\n\n".join(reflow(p) for p in pages if p.strip())
    if not text.strip():
        raise UserError(N_("this PDF has no text layer (a scan?); export the policy as text "
                           "or HTML"), place=place)
    return text


def policy_text(data: bytes, name: str = "") -> str:
    """The text of a policy from the bytes of its file; ``name`` is used in error messages."""
    place = name
    if len(data) > MAX_BYTES:
        raise UserError(N_("the file is larger than 20 MB; a privacy policy is far smaller"),
                        place=place)
    if not data.strip():
        raise UserError(N_("the file is empty"), place=place)
    if data.lstrip()[:5] == b"%PDF-":
        return _not_too_long(text_from_pdf(data, place), place)
    suffix = Path(name).suffix.lower()
    charset = _html_charset(data)
    if charset:
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            text = decode_text(data, place)
    else:
        text = decode_text(data, place)
    if _looks_like_html(text, suffix):
        text = text_from_html(text)
    if _garbage(text):
        raise UserError(N_("this is not a text, HTML or PDF file"), place=place)
    return _not_too_long(text, place)


def _not_too_long(text: str, place: str) -> str:
    if len(text) > MAX_CHARACTERS:
        raise UserError(N_("the text is longer than a million characters; a privacy policy is "
                           "far shorter"), place=place)
    return text


def read_policy_text(path: Path) -> str:
    """The text of the policy in the file at ``path``."""
    return policy_text(read_input(path, POLICY), str(path))


def vendor_catalogue(extra: Sequence[Path] = (),
                     known: Sequence[Mapping[str, Any]] = ()) -> Catalogue:
    """privdesk's catalogue of common vendors plus the DPO's own entries: from JSON files (a
    list of vendors, or ``{"vendors": [...]}``) and ``known`` entries (the register's
    processors). The DPO's entries win."""
    data = json.loads(resource("vendors.json").read_text(encoding="utf-8"))
    entries: list[Any] = list(known)
    for path in extra:
        try:
            loaded = json.loads(read_input(path, VENDORS).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise UserError(N_("not a JSON file: {reason}"), place=str(path),
                            reason=str(error)) from error
        if isinstance(loaded, dict):
            loaded = loaded.get("vendors")
        if not isinstance(loaded, list):
            raise UserError(N_("expected a list of vendors"), place=str(path))
        entries.extend(loaded)
    return catalogue_from_json(data, entries,
                               extra_source=", ".join(str(p) for p in extra) or "register")
