"""Undoable edits: each QUndoCommand calls a service with refs and plain values.

A command runs its service call once before it is pushed (so a refused edit shows a message
and never enters the stack); after that ``redo`` repeats the call and ``undo`` hands the
returned ``Change`` back to ``service.restore``, which puts back every record the call touched,
links included. Undo and redo are audited like any edit, because they are service calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from privdesk.domain.errors import UserError
from privdesk.gui.language import tr

if TYPE_CHECKING:  # the services (SQLAlchemy) load after the window's first paint
    from privdesk.services import Change, RegisterService

Notify = Callable[["Change"], None]
Report = Callable[[UserError], None]


class ServiceCommand(QUndoCommand):
    """One service call and its undo through ``service.restore``."""

    def __init__(self, service: RegisterService, text: str, notify: Notify,
                 report: Report) -> None:
        super().__init__(text)
        self.service = service
        self.notify = notify
        self.report = report
        self.change: Change | None = None
        self._first = True

    def call(self) -> Change:  # pragma: no cover - each command defines it
        raise NotImplementedError

    def run(self) -> Change:
        """The first execution, before the push; a UserError propagates to the caller."""
        self.change = self.call()
        return self.change

    def redo(self) -> None:
        if self._first:  # already done by run() before the push
            self._first = False
        else:
            self._guard(self.call)
        if self.change is not None:
            self.notify(self.change)

    def undo(self) -> None:
        change = self.change
        if change is None:
            return
        restored = self._guard(lambda: self.service.restore(change))
        if restored is not None:
            self.notify(restored)

    def _guard(self, action: Callable[[], Change]) -> Change | None:
        try:
            result = action()
        except UserError as error:
            # Someone else changed the register meanwhile: say so, and drop the command
            # rather than leave an undo that cannot be done.
            self.setObsolete(True)
            self.report(error)
            return None
        if action is self.call:
            self.change = result
        return result


class CreateRecord(ServiceCommand):
    def __init__(self, service: RegisterService, record: Any, notify: Notify,
                 report: Report) -> None:
        super().__init__(service, tr("Add {ref}", ref=record.ref), notify, report)
        self.record = record

    def call(self) -> Change:
        return self.service.create(self.record)


class UpdateRecord(ServiceCommand):
    def __init__(self, service: RegisterService, record: Any, expected_version: int | None,
                 notify: Notify, report: Report, against_screening: bool = False) -> None:
        super().__init__(service, tr("Edit {ref}", ref=record.ref), notify, report)
        self.record = record
        self.expected_version = expected_version
        self.against_screening = against_screening  # confirmed by the DPO: a redo keeps it

    def call(self) -> Change:
        version, self.expected_version = self.expected_version, None
        return self.service.update(self.record, version, self.against_screening)


class VerbCommand(ServiceCommand):
    """A verb of a service (extend a request, record a notification …) as one undo step.

    The first run carries the version the DPO's form was based on; a redo after an undo works
    on the record as it then is.
    """

    def __init__(self, service: RegisterService, text: str,
                 verb: Callable[[int | None], Change], expected_version: int | None,
                 notify: Notify, report: Report) -> None:
        super().__init__(service, text, notify, report)
        self.verb = verb
        self.expected_version = expected_version

    def call(self) -> Change:
        version, self.expected_version = self.expected_version, None
        return self.verb(version)


class DeleteRecord(ServiceCommand):
    def __init__(self, service: RegisterService, kind: str, ref: str, notify: Notify,
                 report: Report) -> None:
        super().__init__(service, tr("Delete {ref}", ref=ref), notify, report)
        self.kind = kind
        self.ref = ref

    def call(self) -> Change:
        return self.service.delete(self.kind, self.ref)


def execute(stack: QUndoStack, command: ServiceCommand) -> Change:
    """Run ``command`` and push it; a UserError propagates and nothing is pushed."""
    change = command.run()
    if change:  # an edit that changed nothing is not worth an undo step
        stack.push(command)
    return change


__all__ = ["CreateRecord", "DeleteRecord", "ServiceCommand", "UpdateRecord", "VerbCommand",
           "execute"]
