"""The engagement screen's guidance actions: open the guidance panel, move to the next
phase (after showing what is still open), record a go/no-go decision, write the milestone
report. Kept out of screens/engagement.py, whose actions only call these.

Each change is one commit through the service (`Workspace.advance_phase`, `decide_go`),
run by the app's ordered background saves (`PcsmApp.run_in_background`), so it is a step
of session undo and a failure is shown in its own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType

from ...analysis.readiness import go_states
from ...models.checklists import Readiness
from ...service_guide import explain
from ..appref import pcsm_app
from ..jobs import report_failure

if TYPE_CHECKING:
    from ...gateway import CommitResult
    from .engagement import EngagementScreen
    from .exchange_parts import Outcome
    from .guide_dialogs import GoChoice


def _refreshed(screen: EngagementScreen) -> Any:
    """After a commit: the wheel (phase mark), the panel and the status read again."""

    def done(_result: CommitResult) -> None:
        screen.reload()

    return done


def _read(screen: EngagementScreen, what: str, read: Any) -> Any:
    """`read()`, or None with the failure shown (a file that does not read, say)."""
    try:
        return read()
    except Exception as error:  # shown in its own words, with the file; the screen stays
        known = explain(error)
        if known is None:
            report_failure(screen.app, what, error)
        else:
            pcsm_app(screen).set_status(f"{what} failed: {known[0]}", "error")
            screen.notify(
                known[0], title=f"{what.capitalize()} failed", severity="error", markup=False
            )
        return None


def advance(screen: EngagementScreen) -> None:
    """Show what is still open in the current phase and ask; yes moves on (one commit)."""
    # start-up: ui.screens.guide_dialogs loads only when this runs
    from .guide_dialogs import AdvanceDialog

    workspace = screen.workspace
    check = _read(screen, "checking the phase", lambda: workspace.advance_check(screen.slug))
    if check is None:
        return
    if check.next_phase is None:
        screen.notify("This is the last phase of the framework: there is no next one.")
        return
    framework = workspace.framework
    dialog = AdvanceDialog(
        check, framework.phase(check.phase).name, framework.phase(check.next_phase).name
    )

    def answered(yes: bool | None) -> None:
        if yes:
            pcsm_app(screen).run_in_background(
                lambda: workspace.advance_phase(screen.slug, check.next_phase),
                _refreshed(screen),
                "moving to the next phase…",
            )

    screen.app.push_screen(dialog, answered)


def decision_names(view: Any, members: list[Any]) -> list[str]:
    """Who can have decided: the register's people and groups, then the team's members
    (each name once, in that order)."""
    names: list[str] = []
    for name in [s.name for s in view.register.stakeholders] + [m.name for m in members]:
        if name and name not in names:
            names.append(name)
    return names


def decide(screen: EngagementScreen) -> None:
    """Ask for a go/no-go decision; record it (one commit) with the items open then."""
    # start-up: ui.screens.guide_dialogs loads only when this runs
    from .guide_dialogs import GoDecisionDialog

    workspace = screen.workspace
    data = _read(
        screen, "reading the readiness checklist", lambda: workspace.engagement_data(screen.slug)
    )
    if data is None:
        return
    view = data.view()
    readiness = view.get(Readiness)
    if not readiness.checklists:
        screen.notify(
            "The readiness checklist has no adoption phase yet: add one in tool "
            "Readiness Checklist first.",
            severity="warning",
        )
        return
    states = go_states(readiness.checklists, view.framework)
    texts = {c.id: {i.id: i.question for i in c.items} for c in readiness.checklists}
    dialog = GoDecisionDialog(states, texts, decision_names(view, data.members), workspace.today)

    def answered(choice: GoChoice | None) -> None:
        if choice is None:
            return
        pcsm_app(screen).run_in_background(
            lambda: workspace.decide_go(
                screen.slug,
                choice.checklist,
                choice.decision,
                choice.decided_by,
                choice.day,
                choice.comments,
            ),
            _refreshed(screen),
            "recording the decision…",
        )

    screen.app.push_screen(dialog, answered)


def report(screen: EngagementScreen) -> None:
    """The milestone report dialog; the status line says where it wrote."""
    # start-up: ui.screens.report_dialog loads only when this runs
    from .report_dialog import ReportDialog

    def closed(outcome: Outcome | None) -> None:
        if outcome is not None:
            pcsm_app(screen).set_status(*outcome)

    screen.app.push_screen(ReportDialog(screen.workspace, screen.slug), closed)


GUIDE_BINDINGS: list[BindingType] = [
    Binding("P", "guidance", "Guidance: phase, next steps", show=False, id="engagement.guide"),
    Binding(
        "greater_than_sign",
        "advance",
        "Move to the next phase",
        show=False,
        id="engagement.advance",
    ),
    Binding("Y", "decide", "Record a go/no-go decision", show=False, id="engagement.go"),
    Binding("R", "report", "Write the milestone report", show=False, id="engagement.report"),
]
"""The engagement screen's guidance keys (in its BINDINGS; the palette lists them too)."""


class GuideActions:
    """Mixed into the engagement screen: the actions of `GUIDE_BINDINGS`."""

    def action_guidance(self: Any) -> None:
        self.show_target(("guidance",))

    def action_advance(self: Any) -> None:
        advance(self)

    def action_decide(self: Any) -> None:
        decide(self)

    def action_report(self: Any) -> None:
        report(self)


__all__ = ["GUIDE_BINDINGS", "GuideActions", "advance", "decide", "decision_names", "report"]
