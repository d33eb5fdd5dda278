"""The privacy notice as one self-contained HTML file a school can publish as it is.

No scripts, no external resources: one file with its CSS inline, the language on ``<html>``,
headings h1 → h2 → h3 in order, landmarks, and colours with a contrast ratio of at least 7:1
(WCAG AAA for body text). Every piece of text passes ``html.escape``: what the DPO typed is shown
as typed, never interpreted.
"""

from __future__ import annotations

from html import escape

from privdesk.documents.notice_text import (
    Address,
    Block,
    Facts,
    Index,
    Items,
    Missing,
    NoticeText,
    Para,
    Ref,
    Section,
    notice_text,
)
from privdesk.domain.notice import Notice

# The colours of the stylesheet (foreground, background) as the tests check their contrast.
COLOURS = {
    "text": ("#1b1f24", "#ffffff"),
    "muted": ("#4a5058", "#ffffff"),
    "link": ("#0a4a8f", "#ffffff"),
    "summary": ("#1b1f24", "#eef3f8"),
    "missing": ("#7a1d00", "#fff4e5"),
}

_CSS = """
body{{margin:0;background:{text[1]};color:{text[0]};font-family:system-ui,"Segoe UI",Roboto,
"Noto Sans","DejaVu Sans",sans-serif;font-size:1.0625rem;line-height:1.55}}
main{{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}}
h1{{font-size:1.7rem;line-height:1.25;margin:.5rem 0 .25rem}}
h2{{font-size:1.3rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:2px solid #c9d3de}}
h3{{font-size:1.1rem;margin:1.8rem 0 .5rem}}
p{{margin:.5rem 0}}
a{{color:{link[0]};text-decoration:underline}}
a:focus{{outline:3px solid {link[0]};outline-offset:2px}}
.subtitle,.ref{{color:{muted[0]};font-size:.9rem}}
#summary{{background:{summary[1]};color:{summary[0]};padding:.2rem 1rem 1rem;
border-radius:6px;border-top:none}}
#summary h2{{border-top:none;margin-top:.6rem}}
ul{{padding-left:1.3rem}}
li{{margin:.3rem 0}}
dl{{margin:.5rem 0}}
dl>div{{display:grid;grid-template-columns:minmax(9rem,14rem) 1fr;gap:.2rem 1rem;
padding:.45rem 0;border-bottom:1px solid #dde3ea}}
dt{{font-weight:700}}
dd{{margin:0;grid-column:2}}
.line{{display:block;margin:.1rem 0}}
.missing{{background:{missing[1]};color:{missing[0]};font-weight:700;padding:0 .25rem}}
address{{font-style:normal;margin:.4rem 0 .8rem 1rem}}
@media (max-width:36rem){{dl>div{{grid-template-columns:1fr}}dd{{grid-column:1}}}}
@media print{{main{{max-width:none}}a{{color:{text[0]}}}}}
""".format(**COLOURS)


def _line(text: str) -> str:
    """One line of a fact: plain, a legal reference (small) or a gap (marked)."""
    if isinstance(text, Ref):
        return f'<span class="line ref">{escape(text)}</span>'
    if isinstance(text, Missing):
        return f'<span class="line"><span class="missing">{escape(text)}</span></span>'
    return f'<span class="line">{escape(text)}</span>'


def _value(values: tuple[str, ...]) -> str:
    # One <dd> for all of a fact's lines: one <dd> each left a row's later lines out of step
    # with the first when the label took two lines.
    return f"<dd>{''.join(_line(v) for v in values)}</dd>"


def _block(block: Block) -> str:
    if isinstance(block, Para):
        css = ' class="ref"' if block.small or isinstance(block.text, Ref) else ""
        return f"<p{css}>{escape(block.text)}</p>"
    if isinstance(block, Items):
        items = []
        for item in block.items:
            parts = []
            if item.lead:
                parts.append(f"<strong>{escape(item.lead)}</strong>")
            if item.text:
                parts.append(escape(item.text))
            line = (": " if item.lead and item.text else "").join(parts)
            if item.ref:
                line += f' <span class="ref">({escape(item.ref)})</span>'
            items.append(f"<li>{line}</li>")
        return "<ul>" + "".join(items) + "</ul>"
    if isinstance(block, Facts):
        rows = "".join(f"<div><dt>{escape(label)}</dt>{_value(values)}</div>"
                       for label, values in block.rows)
        return f"<dl>{rows}</dl>"
    if isinstance(block, Index):
        rows = "".join(
            f"<div><dt>{escape(label)}</dt><dd>"
            + ", ".join(f'<a href="#{escape(anchor)}">{escape(text)}</a>'
                        for text, anchor in links)
            + "</dd></div>" for label, links in block.rows)
        return f"<dl>{rows}</dl>"
    assert isinstance(block, Address)
    return "<address>" + "<br>".join(escape(line) for line in block.lines) + "</address>"


def _section(section: Section) -> str:
    level = section.level
    heading = f'<h{level} id="{escape(section.anchor)}-title">{escape(section.title)}</h{level}>'
    body = "".join(_block(block) for block in section.blocks)
    return (f'<section id="{escape(section.anchor)}" '
            f'aria-labelledby="{escape(section.anchor)}-title">{heading}{body}</section>')


def html_document(text: NoticeText) -> str:
    """The notice's words as a complete HTML page."""
    sections = "\n".join(_section(section) for section in text.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(text.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="privdesk">\n'
        f"<title>{escape(text.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{escape(text.title)}</h1><p class="subtitle">{escape(text.subtitle)}</p>'
        f"</header>\n{sections}\n</main>\n</body>\n</html>\n")


def render_notice_html(notice: Notice) -> bytes:
    """The notice as UTF-8 HTML bytes."""
    return html_document(notice_text(notice)).encode("utf-8")


__all__ = ["COLOURS", "html_document", "render_notice_html"]
