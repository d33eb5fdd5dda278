"""The privacy notice's HTML checked by axe-core (WCAG 2.2 A/AA and best practice) in Debian's
headless Chromium, as a Norwegian or Swedish public body's web page must pass.

axe-core is pinned in ``scripts/a11y/package-lock.json`` and Chromium comes from Debian; both are
installed by ``scripts/setup.sh --dev``. The check runs on a copy of the page with axe's script
added (the notice itself has none), and first on a page with known faults, so that a pass is not
a checker that saw nothing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from privdesk.documents.notice_html import render_notice_html
from privdesk.domain.notice import build_notice
from privdesk.domain.records import Activity, Agreement, Contact, Organisation, Processor

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "scripts" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN = """<script src="axe.min.js"></script><script>
function report(value) {
  var out = document.createElement("pre"); out.id = "axe-result";
  out.textContent = JSON.stringify(value); document.body.appendChild(out);
}
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(function (r) {
  report({violations: r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.target; })}; }),
          passes: r.passes.map(function (p) { return p.id; })});
}, function (e) { report({error: String(e)}); });
</script></body>"""


def axe(page: str, folder: Path) -> dict[str, object]:
    """axe-core's verdict on ``page`` (HTML text), run in headless Chromium."""
    if not AXE.is_file() or not Path(CHROMIUM).exists():
        pytest.fail("axe-core or Chromium is missing: run bash scripts/setup.sh --dev")
    shutil.copy(AXE, folder / "axe.min.js")
    checked = folder / "checked.html"
    checked.write_text(page.replace("</body>", RUN % json.dumps(TAGS)), encoding="utf-8")
    completed = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'profile'}",
         "--virtual-time-budget=20000", "--dump-dom", checked.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', completed.stdout, re.S)
    assert found, f"axe-core reported nothing: {completed.stderr[-2000:]}"
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    assert "error" not in result, result
    return result


def test_axe_core_finds_the_faults_of_a_faulty_page(tmp_path: Path) -> None:
    faulty = ('<!DOCTYPE html><html><head><title>x</title></head><body>'
              '<p style="color:#bbb;background:#fff">pale text</p><img src="x.png">'
              '<a href="#top"></a></body></html>')
    result = axe(faulty, tmp_path)
    ids = {violation["id"] for violation in result["violations"]}  # type: ignore[attr-defined]
    assert {"html-has-lang", "image-alt", "color-contrast", "link-name"} <= ids


@pytest.mark.parametrize(("language", "audience"), [("nb", "parents"), ("sv", "pupils")])
def test_the_notice_passes_axe_core(tmp_path: Path, language: str, audience: str) -> None:
    school = Organisation(name="Lindeby skole", country="NO", address="Lindeveien 5",
                          email="post@lindeby.example",
                          dpo=Contact(name="Mona Strand", email="pvo@lindeby.example"))
    activities = [
        Activity(ref="PA-1", name="Karakterer", purposes=("Vurdering", "Vitnemål"),
                 legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 3-1",
                 subjects=("pupils",), data_categories=("identity", "education"),
                 source="Lærerne", retention="P5Y", processors=("V-1",)),
        Activity(ref="PA-2", name="Bilder", purposes=("Nettsiden",), legal_bases=("6.1.a",),
                 subjects=("pupils",), data_categories=("images",)),  # marked: no retention
    ]
    processors = [Processor(ref="V-1", name="Skyen AS", country="NO", data_locations=("US",),
                            dpa=Agreement(safeguard="scc"))]
    notice = build_notice(activities, processors, school, audience=audience, language=language,
                          today=date(2026, 12, 3), version=1, mark_gaps=True)
    result = axe(render_notice_html(notice).decode("utf-8"), tmp_path)
    assert result["violations"] == []
    assert len(result["passes"]) >= 20  # type: ignore[arg-type]
