"""Precision and recall of the policy review over the evaluation corpus, per flag and per finding.

    .venv/bin/python benchmarks/policy_corpus.py [--details] [--seeds DIR]

The corpus (``tests/fixtures/policies/corpus/``) holds policies written for this purpose, each
with ``NAME.expected.json`` beside it: the third parties (name -> country), the countries the
review must find (third parties', storage places and transfers), the transfers as
``[country, safeguard]`` pairs, the flags as keys (``code``, or ``code:country`` for
``transfer_without_safeguard``, ``code:name`` for ``us_provider`` with ``@vendor`` for the
vendor itself, ``code:severity`` for ``indefinite_retention`` and ``outdated``) and, when
given, the children's ages and the policy's date. The review runs as of 2026-12-03, so that
``outdated`` does not move with the calendar.

``--seeds DIR`` also reviews the policies in DIR (which have no expectations) and prints what
was found, as a regression check to read, not to score.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from privdesk.documents.policy_text import read_policy_text, vendor_catalogue  # noqa: E402
from privdesk.domain.policy.flags import FLAG_CODES  # noqa: E402
from privdesk.domain.policy.review import Review, review_policy  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "policies" / "corpus"
TODAY = date(2026, 12, 3)
KEYED_BY = {"transfer_without_safeguard": "country", "us_provider": "name"}
BY_SEVERITY = {"indefinite_retention", "outdated"}


def flag_keys(review: Review) -> list[str]:
    """The review's flags as the corpus writes them."""
    keys = []
    for flag in review.flags:
        if flag.code in KEYED_BY:
            value = flag.params.get(KEYED_BY[flag.code])
            if flag.code == "us_provider" and value == review.findings.vendor.name:
                value = "@vendor"
            keys.append(f"{flag.code}:{value if value is not None else '-'}")
        elif flag.code in BY_SEVERITY:
            keys.append(f"{flag.code}:{flag.severity}")
        else:
            keys.append(flag.code)
    return keys


def _same_name(expected: str, found: str) -> bool:
    a, b = expected.casefold().rstrip("."), found.casefold().rstrip(".")
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _match_names(expected: Iterable[str], found: Iterable[str]) -> tuple[int, int, int]:
    left = list(found)
    tp = 0
    missed = 0
    for name in expected:
        hit = next((f for f in left if _same_name(name, f)), None)
        if hit is None:
            missed += 1
        else:
            left.remove(hit)
            tp += 1
    return tp, len(left), missed


def _match(expected: Iterable[Any], found: Iterable[Any]) -> tuple[int, int, int]:
    e, f = Counter(expected), Counter(found)
    tp = sum((e & f).values())
    return tp, sum(f.values()) - tp, sum(e.values()) - tp


def found_of(review: Review) -> dict[str, Any]:
    f = review.findings
    countries = {p.country for p in f.third_parties if p.country}
    countries |= {loc.country for loc in f.data_locations}
    countries |= {t.country for t in f.transfers if t.country}
    return {
        "third_parties": [p.name for p in f.third_parties],
        "third_party_countries": [f"{p.name}={p.country}" for p in f.third_parties],
        "countries": sorted(countries),
        "transfers": [f"{t.country or '-'}:{t.safeguard or 'none'}" for t in f.transfers],
        "flags": flag_keys(review),
        "children": {"min_age": f.children.min_age,
                     "parental_consent_below": f.children.parental_consent_below},
        "policy_date": f.policy_date.isoformat() if f.policy_date else None,
    }


class Score:
    """True and false positives and false negatives, per key."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, key: str, tp: int, fp: int, fn: int) -> None:
        c = self.counts.setdefault(key, [0, 0, 0])
        c[0] += tp
        c[1] += fp
        c[2] += fn

    def line(self, key: str) -> str:
        tp, fp, fn = self.counts.get(key, [0, 0, 0])
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return (f"  {key:<34} precision {precision:5.3f}  recall {recall:5.3f}  "
                f"(tp {tp}, fp {fp}, fn {fn})")

    def total(self, keys: Iterable[str]) -> tuple[float, float]:
        tp = sum(self.counts.get(k, [0, 0, 0])[0] for k in keys)
        fp = sum(self.counts.get(k, [0, 0, 0])[1] for k in keys)
        fn = sum(self.counts.get(k, [0, 0, 0])[2] for k in keys)
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def policies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix in {".txt", ".html", ".htm", ".pdf"})


def evaluate(details: bool, only: str = "*") -> tuple[Score, Score]:
    catalogue = vendor_catalogue()
    flags, kinds = Score(), Score()
    for path in policies(CORPUS):
        if not any(path.match(g) for g in only.split(",")):
            continue
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        review = review_policy(read_policy_text(path), catalogue, TODAY, fallback_name=path.stem)
        found = found_of(review)
        problems: list[str] = []
        exp_flags = expected["flags"]
        for code in FLAG_CODES:
            e = [k for k in exp_flags if k.split(":")[0] == code]
            f = [k for k in found["flags"] if k.split(":")[0] == code]
            tp, fp, fn = _match(e, f)
            flags.add(code, tp, fp, fn)
            if fp or fn:
                problems.append(f"flag {code}: expected {sorted(e)}, found {sorted(f)}")
        tp, fp, fn = _match_names(expected["third_parties"], found["third_parties"])
        kinds.add("third_parties", tp, fp, fn)
        if fp or fn:
            problems.append(f"third parties: expected {sorted(expected['third_parties'])}, "
                            f"found {found['third_parties']}")
        placed = {name: c for name, c in expected["third_parties"].items()}
        tp = fn = 0
        for name, country in placed.items():
            hit = next((p for p in review.findings.third_parties if _same_name(name, p.name)),
                       None)
            if hit is not None and hit.country == country:
                tp += 1
            else:
                fn += 1
                problems.append(f"country of {name}: expected {country}, "
                                f"found {hit.country if hit else 'no party'}")
        kinds.add("third_party_country", tp, 0, fn)
        tp, fp, fn = _match(expected["countries"], found["countries"])
        kinds.add("countries", tp, fp, fn)
        if fp or fn:
            problems.append(f"countries: expected {sorted(expected['countries'])}, "
                            f"found {found['countries']}")
        exp_transfers = [f"{c or '-'}:{s or 'none'}" for c, s in expected["transfers"]]
        tp, fp, fn = _match(exp_transfers, found["transfers"])
        kinds.add("transfers", tp, fp, fn)
        if fp or fn:
            problems.append(f"transfers: expected {sorted(exp_transfers)}, "
                            f"found {sorted(found['transfers'])}")
        for key in ("children", "policy_date"):
            if key in expected:
                ok = expected[key] == found[key]
                kinds.add(key, int(ok), int(not ok), int(not ok))
                if not ok:
                    problems.append(f"{key}: expected {expected[key]}, found {found[key]}")
        if details or problems:
            print(f"{path.name}: {'ok' if not problems else ''}")
            for p in problems:
                print(f"    {p}")
    return flags, kinds


def review_seeds(folder: Path) -> None:
    catalogue = vendor_catalogue()
    print(f"\nSeeds in {folder} (not scored):")
    for path in policies(folder):
        review = review_policy(read_policy_text(path), catalogue, TODAY, fallback_name=path.stem)
        found = found_of(review)
        print(f"  {path.name}: {len(found['third_parties'])} third parties, countries "
              f"{found['countries']}, transfers {found['transfers']}, flags {found['flags']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every policy")
    parser.add_argument("--seeds", type=Path, help="also review the policies in this folder")
    parser.add_argument("--only", default="*", metavar="GLOB",
                        help="score only the corpus policies whose file name matches one of "
                             "these comma-separated patterns")
    args = parser.parse_args(argv)
    count = len([p for p in policies(CORPUS) if any(p.match(g) for g in args.only.split(","))])
    print(f"Corpus: {count} policies in {CORPUS.relative_to(ROOT)}")
    flags, kinds = evaluate(args.details, args.only)
    print("\nFlags:")
    for code in FLAG_CODES:
        print(flags.line(code))
    precision, recall = flags.total(FLAG_CODES)
    print(f"  {'all flags':<34} precision {precision:5.3f}  recall {recall:5.3f}")
    print("\nFindings:")
    for key in ("third_parties", "third_party_country", "countries", "transfers", "children",
                "policy_date"):
        print(kinds.line(key))
    if args.seeds:
        review_seeds(args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
