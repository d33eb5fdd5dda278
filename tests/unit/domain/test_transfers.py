"""Transfers derived from the processor chain, and safeguards checked against the country."""

from __future__ import annotations

from privdesk.domain import codes
from privdesk.domain.records import Activity, Agreement, Processor, Register, Transfer
from privdesk.domain.transfers import (
    ADEQUACY_LIST,
    AGREEMENT,
    CHECK_DPF,
    CHECK_SCOPE,
    DEROGATION_UNNAMED,
    DPF_NOT_US,
    NO_ADEQUACY,
    NO_SAFEGUARD,
    TYPED,
    Chains,
    activity_transfers,
    register_transfers,
    safeguard_problem,
)

APP = Processor(ref="VEN-001", name="Læringsappen AS", country="NO", data_locations=("NO",))
HOSTING = Processor(ref="VEN-002", name="Skyhall AB", country="SE", role="subprocessor",
                    parent="VEN-001", data_locations=("SE", "US"))
SUPPORT = Processor(ref="VEN-004", name="Helpdesk Ltd", country="GB", role="subprocessor",
                    parent="VEN-002")
ANALYTICS = Processor(ref="VEN-003", name="Google Analytics", country="US",
                      data_locations=("US",))
BY_REF = {p.ref: p for p in (APP, HOSTING, SUPPORT, ANALYTICS)}


def transfers_of(activity: Activity, processors: dict[str, Processor] | None = None
                 ) -> list[tuple[str, str, str | None, str | None]]:
    return [(t.country, t.recipient, t.safeguard, t.problem)
            for t in activity_transfers(activity, processors or BY_REF)]


def test_a_processor_storing_data_in_the_us_is_a_transfer_without_a_safeguard() -> None:
    """Chapter V applies to every recipient outside the EEA, a processor too (Art. 44): the
    analytics vendor in the US with nothing recorded is a transfer with no safeguard."""
    activity = Activity(ref="PA-1", name="Web statistics", processors=("VEN-003",))
    assert transfers_of(activity) == [("US", "VEN-003", None, NO_SAFEGUARD)]


def test_subprocessors_down_the_chain_are_transfers_too() -> None:
    """The activity uses the app (Norway); the app's host keeps a copy in the US and the
    host's support desk sits in the UK: both are transfers; the UK has an adequacy decision
    (renewed 2025), so no further safeguard is needed; the US copy has none."""
    activity = Activity(ref="PA-1", name="Reading", processors=("VEN-001",))
    found = activity_transfers(activity, BY_REF)
    assert [(t.country, t.recipient, t.safeguard, t.source, t.problem) for t in found] == [
        ("US", "VEN-002", None, None, NO_SAFEGUARD),
        ("GB", "VEN-004", "adequacy", ADEQUACY_LIST, None),
    ]
    assert found[0].via == ("VEN-001", "VEN-002")
    assert found[1].via == ("VEN-001", "VEN-002", "VEN-004")
    assert not found[0].typed


def test_a_typed_transfer_gives_the_derived_one_its_safeguard_and_is_listed_once() -> None:
    """The DPO's own entry for the same recipient and country is the same transfer: once,
    with the DPO's safeguard (by ref or by the processor's name)."""
    activity = Activity(ref="PA-1", name="Reading", processors=("VEN-001",), transfers=(
        Transfer(country="US", recipient="Skyhall AB", safeguard="scc", note="SCC 2021"),))
    found = activity_transfers(activity, BY_REF)
    assert [(t.country, t.recipient, t.safeguard, t.source, t.typed) for t in found] == [
        ("US", "Skyhall AB", "scc", TYPED, True),
        ("GB", "VEN-004", "adequacy", ADEQUACY_LIST, False),
    ]
    assert found[0].note == "SCC 2021"
    assert found[0].valid


def test_the_processor_agreement_supplies_the_safeguard() -> None:
    """Standard contractual clauses in the processor agreement (Art. 46(2)(c)) cover the
    transfers of that processor for every activity that uses it."""
    hosting = Processor(ref="VEN-002", name="Skyhall AB", country="SE", role="subprocessor",
                        parent="VEN-001", data_locations=("US",),
                        dpa=Agreement(safeguard="scc"))
    activity = Activity(ref="PA-1", name="Reading", processors=("VEN-001",))
    (found,) = activity_transfers(activity, {"VEN-001": APP, "VEN-002": hosting})
    assert (found.safeguard, found.source, found.valid) == ("scc", AGREEMENT, True)


def test_typed_transfers_to_others_are_kept_and_duplicates_dropped() -> None:
    activity = Activity(ref="PA-1", name="Trip", transfers=(
        Transfer(country="CA", recipient="Exchange school", safeguard="derogation",
                 derogation="49.1.a"),
        Transfer(country="CA", recipient="Exchange school", safeguard="derogation",
                 derogation="49.1.a"),
    ))
    assert transfers_of(activity) == [("CA", "Exchange school", "derogation", None)]


def test_morocco_with_an_adequacy_decision_is_flagged() -> None:
    """The Commission has made no adequacy decision for Morocco (Art. 45(3)): "adequacy"
    cannot be the safeguard of a transfer there."""
    activity = Activity(ref="PA-1", name="Support", transfers=(
        Transfer(country="MA", recipient="Support partner", safeguard="adequacy"),))
    ((_, _, _, problem),) = transfers_of(activity)
    assert problem == NO_ADEQUACY
    assert safeguard_problem("MA", "adequacy") == NO_ADEQUACY


def test_adequacy_holds_for_the_commissions_list_only() -> None:
    """Adequacy decisions exist for Andorra, Argentina, Brazil (2026), Canada (commercial),
    the Faroes, Guernsey, Israel, the Isle of Man, Japan, Jersey, New Zealand, Korea,
    Switzerland, the UK and Uruguay; not for the US as such, India or China."""
    for country in ("AD", "AR", "BR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR",
                    "CH", "GB", "UY"):
        assert safeguard_problem(country, "adequacy") is None, country
    for country in ("US", "IN", "CN", "MA", "AU"):
        assert safeguard_problem(country, "adequacy") == NO_ADEQUACY, country


def test_the_data_privacy_framework_is_for_us_recipients_and_must_be_checked() -> None:
    """The EU–US Data Privacy Framework (Decision (EU) 2023/1795) covers only certified
    organisations in the United States: for India it is no safeguard, and for the US the DPO
    must check that the recipient is on the DPF list."""
    assert safeguard_problem("IN", "dpf") == DPF_NOT_US
    activity = Activity(ref="PA-1", name="Stats", processors=("VEN-003",), transfers=(
        Transfer(country="US", recipient="VEN-003", safeguard="dpf"),))
    (found,) = activity_transfers(activity, BY_REF)
    assert found.valid
    assert found.checks == (CHECK_DPF,)


def test_partial_adequacy_asks_to_check_the_recipient() -> None:
    """Canada's decision covers only organisations under PIPEDA: valid, with a check."""
    (found,) = activity_transfers(Activity(ref="PA-1", name="x", transfers=(
        Transfer(country="CA", recipient="Vendor", safeguard="adequacy"),)), {})
    assert found.valid and found.checks == (CHECK_SCOPE,)


def test_a_derogation_must_name_its_point_of_article_49() -> None:
    """Art. 49(1) lists the derogations (a) to (g); one the DPO cannot name is no basis."""
    assert safeguard_problem("CN", "derogation") == DEROGATION_UNNAMED
    assert safeguard_problem("CN", "derogation", "49.1.a") is None
    assert codes.DEROGATIONS == ("49.1.a", "49.1.b", "49.1.c", "49.1.d", "49.1.e", "49.1.f",
                                 "49.1.g")


def test_none_inside_the_eea_is_no_transfer() -> None:
    assert safeguard_problem("SE", None) is None
    activity = Activity(ref="PA-1", name="x", processors=("VEN-001",))
    assert transfers_of(activity, {"VEN-001": APP}) == []


def test_a_loop_of_parents_and_unknown_refs_end() -> None:
    looped = {"A": Processor(ref="A", name="A", parent="B", country="US"),
              "B": Processor(ref="B", name="B", parent="A", country="IN")}
    activity = Activity(ref="PA-1", name="x", processors=("A", "missing"))
    assert [t.recipient for t in activity_transfers(activity, looped)] == ["A", "B"]


def test_the_register_index_gives_every_activity_the_same_transfers() -> None:
    register = Register(processors=tuple(BY_REF.values()), activities=(
        Activity(ref="PA-1", name="a", processors=("VEN-001",)),
        Activity(ref="PA-2", name="b", processors=("VEN-003",))))
    found = register_transfers(register)
    chains = Chains(register.processors)
    assert found == {a.ref: chains.transfers(a) for a in register.activities}
    assert [t.recipient for t in found["PA-1"]] == ["VEN-002", "VEN-004"]
