"""Transfers to third countries derived from each activity's processor chain, and their checks.

Chapter V applies wherever personal data leaves the EEA, also when a processor or one of its
subprocessors stores it abroad or reaches it from abroad (EDPB Guidelines 05/2021 on the
interplay of Art. 3 and Chapter V). So an activity's transfers are not only those the DPO typed:
every processor the activity uses, and every subprocessor engaged below it (``parent``), whose
country of establishment or data location lies outside the EEA is a recipient in a third
country. The DPO's typed transfers add to them and, where they name the same recipient and
country, say which safeguard applies.

The safeguard is then checked against the country: an adequacy decision exists only for the
countries in ``codes.ADEQUACY_COUNTRIES``; the EU–US Data Privacy Framework only for US
recipients, and only if the recipient is certified (to be checked on the DPF list); a derogation
must name its point of Art. 49(1). A transfer without a valid safeguard is flagged.

The letter, the workbook and the window all call ``activity_transfers`` (or ``Chains`` for
many activities), so that they list the same transfers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from privdesk.domain import codes
from privdesk.domain.errors import N_
from privdesk.domain.records import Activity, Processor, Register, Transfer

# Where the safeguard of a transfer comes from.
TYPED = "typed"  # a transfer typed on the activity
AGREEMENT = "agreement"  # the safeguard recorded on the processor's agreement
ADEQUACY_LIST = "adequacy_list"  # the country has an adequacy decision; nothing recorded

# Why a transfer's safeguard is not valid (``DerivedTransfer.problem``).
NO_SAFEGUARD = "no_safeguard"
NO_ADEQUACY = "no_adequacy"
DPF_NOT_US = "dpf_not_us"
DEROGATION_UNNAMED = "derogation_unnamed"
# What the DPO must still check for a valid one (``DerivedTransfer.checks``).
CHECK_DPF = "check_dpf"
CHECK_SCOPE = "check_scope"

MESSAGES = {
    NO_SAFEGUARD: N_("No safeguard for a transfer outside the EEA (Chapter V)"),
    NO_ADEQUACY: N_("No adequacy decision exists for this country"),
    DPF_NOT_US: N_("The Data Privacy Framework covers only recipients in the United States"),
    DEROGATION_UNNAMED: N_("The Art. 49 derogation is not named"),
    CHECK_DPF: N_("Check that the recipient is certified under the Data Privacy Framework"),
    CHECK_SCOPE: N_("Check that the adequacy decision covers this recipient"),
}


@dataclass(frozen=True, slots=True)
class DerivedTransfer:
    """One transfer of an activity's data to a third country.

    ``recipient`` is a processor's ref (for a transfer typed by hand, the text typed: a ref
    or a name);
    ``via`` the processor refs from the one the activity uses down to the recipient (empty
    for a transfer typed by hand that names no processor of the chain); ``typed`` whether the
    DPO typed it on the activity (only those are stored; the rest is derived afresh);
    ``safeguard`` a code of ``codes.SAFEGUARDS`` or None (nothing recorded), ``source`` where
    it came from (``TYPED``, ``AGREEMENT``, ``ADEQUACY_LIST`` or None); ``problem`` why the
    safeguard is not valid (None: it is), ``checks`` what the DPO must still verify.
    """

    country: str
    recipient: str
    safeguard: str | None
    source: str | None
    derogation: str | None = None
    note: str = ""
    via: tuple[str, ...] = ()
    typed: bool = False
    problem: str | None = None
    checks: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """True when the safeguard is one the law accepts for this country."""
        return self.problem is None


def safeguard_problem(country: str, safeguard: str | None, derogation: str | None = None
                      ) -> str | None:
    """Why ``safeguard`` does not cover a transfer to ``country`` (None: it does).

    Within the EEA nothing is needed. "adequacy" holds only for a country on the Commission's
    list (Art. 45(3)); "dpf" only for the United States (Decision (EU) 2023/1795); "derogation"
    must say which point of Art. 49(1); "none" or nothing is no safeguard at all (Art. 44).
    """
    if not codes.is_third_country(country):
        return None
    if safeguard in (None, "none"):
        return NO_SAFEGUARD
    if safeguard == "adequacy" and country not in codes.ADEQUACY_COUNTRIES:
        return NO_ADEQUACY
    if safeguard == "dpf" and country != codes.DPF_COUNTRY:
        return DPF_NOT_US
    if safeguard == "derogation" and derogation not in codes.DEROGATIONS:
        return DEROGATION_UNNAMED
    return None


def safeguard_checks(country: str, safeguard: str | None) -> tuple[str, ...]:
    """What the DPO must verify for a safeguard that is valid for the country as such."""
    if safeguard == "dpf" and country == codes.DPF_COUNTRY:
        return (CHECK_DPF,)
    if safeguard == "adequacy" and country in codes.PARTIAL_ADEQUACY:
        return (CHECK_SCOPE,)
    return ()


def _third_countries(processor: Processor) -> list[str]:
    """The processor's country and data locations outside the EEA, each once, in order."""
    places = ([processor.country] if processor.country else []) + list(processor.data_locations)
    return list(dict.fromkeys(c for c in places if codes.is_third_country(c)))


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


def _make(country: str, recipient: str, safeguard: str | None, source: str | None,
          derogation: str | None, note: str, via: tuple[str, ...], typed: bool
          ) -> DerivedTransfer:
    return DerivedTransfer(
        country=country, recipient=recipient, safeguard=safeguard, source=source,
        derogation=derogation, note=note, via=via, typed=typed,
        problem=safeguard_problem(country, safeguard, derogation),
        checks=safeguard_checks(country, safeguard))


class Chains:
    """The processors of a register, indexed once, to derive the transfers of many activities."""

    def __init__(self, processors: Iterable[Processor]) -> None:
        self.by_ref: dict[str, Processor] = {p.ref: p for p in processors}
        self.children: dict[str, list[str]] = {}
        self.by_name: dict[str, str] = {}
        for processor in self.by_ref.values():
            self.by_name.setdefault(_plain(processor.name), processor.ref)
            if processor.parent is not None and processor.parent != processor.ref:
                self.children.setdefault(processor.parent, []).append(processor.ref)

    def chain(self, activity: Activity) -> list[tuple[str, ...]]:
        """Each processor the activity's data reaches, as the path of refs leading to it:
        the activity's own processors, then depth first the subprocessors each engaged."""
        paths: list[tuple[str, ...]] = []
        seen: set[str] = set()
        stack: list[tuple[str, ...]] = [(ref,) for ref in reversed(activity.processors)]
        while stack:  # no recursion: a chain may be longer than Python's recursion limit
            path = stack.pop()
            ref = path[-1]
            if ref in seen or ref not in self.by_ref:
                continue
            seen.add(ref)
            paths.append(path)
            stack.extend((*path, child) for child in reversed(self.children.get(ref, ())))
        return paths

    def transfers(self, activity: Activity) -> tuple[DerivedTransfer, ...]:
        """The activity's transfers: derived from its chain, then those typed by hand; each
        (country, recipient) once; a typed transfer to a processor of the chain gives that
        transfer its safeguard."""
        typed: dict[tuple[str, str], Transfer] = {}
        for transfer in activity.transfers:
            typed.setdefault((transfer.country, self._ref(transfer.recipient)), transfer)
        found: dict[tuple[str, str], DerivedTransfer] = {}
        for path in self.chain(activity):
            processor = self.by_ref[path[-1]]
            for country in _third_countries(processor):
                key = (country, processor.ref)
                if key in found:
                    continue
                hand = typed.pop(key, None)
                if hand is not None:
                    # The recipient as typed (a ref or a name): what is read back.
                    found[key] = _make(country, hand.recipient, hand.safeguard, TYPED,
                                       hand.derogation, hand.note, path, True)
                elif processor.dpa.safeguard is not None:
                    found[key] = _make(country, processor.ref, processor.dpa.safeguard,
                                       AGREEMENT, None, "", path, False)
                elif country in codes.ADEQUACY_COUNTRIES:
                    found[key] = _make(country, processor.ref, "adequacy", ADEQUACY_LIST,
                                       None, "", path, False)
                else:
                    found[key] = _make(country, processor.ref, None, None, None, "", path,
                                       False)
        for (country, ref), hand in typed.items():
            if (country, ref) in found:
                continue
            via = (ref,) if ref in self.by_ref else ()
            found[(country, ref)] = _make(country, hand.recipient, hand.safeguard, TYPED,
                                          hand.derogation, hand.note, via, True)
        return tuple(found.values())

    def _ref(self, recipient: str) -> str:
        """A typed recipient as a processor's ref when it names one (by ref or by name)."""
        if recipient in self.by_ref:
            return recipient
        return self.by_name.get(_plain(recipient), recipient)


def activity_transfers(activity: Activity, processors_by_ref: Mapping[str, Processor]
                       ) -> tuple[DerivedTransfer, ...]:
    """The transfers of one activity's data to third countries (see the module's docstring).

    ``processors_by_ref`` holds the register's processors by ref (all of them: a subprocessor
    is found through its ``parent``). For many activities build one ``Chains`` and call its
    ``transfers``: this builds the index each time.
    """
    return Chains(processors_by_ref.values()).transfers(activity)


def register_transfers(register: Register) -> dict[str, tuple[DerivedTransfer, ...]]:
    """Every activity's transfers, by the activity's ref."""
    chains = Chains(register.processors)
    return {a.ref: chains.transfers(a) for a in register.activities}


__all__ = ["ADEQUACY_LIST", "AGREEMENT", "CHECK_DPF", "CHECK_SCOPE", "DEROGATION_UNNAMED",
           "DPF_NOT_US", "MESSAGES", "NO_ADEQUACY", "NO_SAFEGUARD", "TYPED", "Chains",
           "DerivedTransfer", "activity_transfers", "register_transfers", "safeguard_checks",
           "safeguard_problem"]
