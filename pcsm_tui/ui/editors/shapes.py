"""The editor shapes on top of the generic tool editor: scoring, checklist, document,
monthly plan. Each adds only what its shape needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from ...framework.catalogue import load_object
from ...gateway import dump, engagement_rel, plan_month_rel
from ...models.commitment import Proposal
from ...models.edit import resolve, set_value
from ..plain import Part, content
from . import editing
from .preview import Preview
from .sections import Section
from .table import RecordTable
from .tool import ToolEditor

if TYPE_CHECKING:
    from ...analysis.proposal import Block

ASPECTS = ("products_services", "customization", "adoption_needs", "customer_maturity")


BURST_S = 0.8
"""How long after the last +/- a burst of presses is committed, as one commit."""


class ScoringEditor(ToolEditor):
    """The onboarding scoring matrix; total and band follow every change, even while typing.

    `+` pressed three times is one commit (`0 → 3`), not three: the presses gather in
    `burst` (shown at once) and are committed BURST_S after the last one, or when the
    editor goes away or the app quits (PcsmApp.exit calls `flush_burst`), so none is lost.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign,right_square_bracket", "step(1)", "Score +1", id="score.up"),
        Binding("minus,left_square_bracket", "step(-1)", "Score −1", id="score.down"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.burst: dict[str, int] = {}
        self._burst_timer: Timer | None = None
        self.burst_s = BURST_S
        """The pause that ends a burst (a test on a loaded machine widens it)."""

    def compose_extra(self) -> ComposeResult:
        yield Static("", id="score-summary", classes="summary")

    def refresh_extra(self, override: dict[str, Any] | None = None) -> None:
        values = {**self.data, **self.burst, **(override or {})}
        framework = self.workspace.framework
        total = sum(int(values.get(a, 0) or 0) for a in ASPECTS)
        band = framework.band_for(total)
        lines: list[Part] = []  # the aspects' and bands' words are the framework's: data
        for aspect in framework.onboarding_aspects:
            key = aspect.id.replace("-", "_")
            value = int(values.get(key, 0) or 0)
            bar = "█" * value + "·" * (5 - value)
            lines += [
                f"{aspect.name:<20} {bar} {value}  ",
                (f"0 {aspect.low} … 5 {aspect.high}", "dim"),
                "\n",
            ]
        meaning = f" — {band.meaning}" if band and band.meaning else ""
        lines += ["\n", (f"Total {total} / 20: {band.name if band else '?'}", "bold"), meaning]
        self.query_one("#score-summary", Static).update(content(*lines))

    def preview_hook(self, path: tuple[str, ...]) -> Any:
        if len(path) == 1 and path[0] in ASPECTS:
            return lambda value: self.refresh_extra({path[0]: value}) if value is not None else None
        return None

    def finish_edit(self, table: RecordTable) -> None:
        """After an edit ends, kept or cancelled, the panel shows the file again (a
        cancelled value typed into the box stayed there until ctrl+r)."""
        super().finish_edit(table)
        self.refresh_extra()

    def action_step(self, delta: int) -> None:
        table = self.focused_table()
        target = table.target() if table else None
        if target is None or target[0][-1] not in ASPECTS:
            self.notify("move to one of the four aspects to score it", timeout=3)
            return
        if self.read_only:
            self.notify(self.read_only_text, timeout=4)
            return
        aspect = target[0][-1]
        current = self.burst.get(aspect, int(resolve(self.data, target[0]) or 0))
        self.burst[aspect] = max(0, min(5, current + delta))
        self.add_class("pending-burst")
        shown = {**self.data, **self.burst}
        for table in self.query(RecordTable):
            table.fill(shown, self.names)
        self.refresh_extra()
        if self._burst_timer is not None:
            self._burst_timer.stop()
        self._burst_timer = self.set_timer(self.burst_s, self.flush_burst)

    def flush_burst(self, leaving: bool = False, quitting: bool = False) -> None:
        """Commit the gathered +/- presses as one change (nothing when none is pending).
        Quitting, the commit is made here and now: a worker started while the app shuts
        down may never run, and the presses would be lost."""
        if self._burst_timer is not None:
            self._burst_timer.stop()
            self._burst_timer = None
        values, self.burst = dict(self.burst), {}
        self.remove_class("pending-burst")
        if not values or self.loaded is None:
            return

        def edit(data: dict[str, Any]) -> dict[str, Any]:
            for aspect, value in values.items():
                data = set_value(data, (aspect,), value)
            return data

        if quitting:
            self.workspace.change(self.rel, edit, base=self.workspace.seen(self.loaded, self.data))
        elif not leaving:
            problem = self.commit(edit)
            if problem:
                self.notify(problem, severity="error")
        else:  # leaving: commit without redrawing an editor that is going away
            base = self.workspace.seen(self.loaded, self.data)
            self.pcsm_app.change(self.rel, edit, base=base)

    def on_unmount(self) -> None:
        self.flush_burst(leaving=True)


CHECKLIST_IDLE_S = 8.0
"""How long after the last space press a checklist's answers are committed together."""

Edit = Callable[[dict[str, Any]], dict[str, Any]]


class ChecklistEditor(ToolEditor):
    """Readiness and value checklists: one copy per adoption phase; space answers yes/no.

    Answers given in one visit are one commit, not one per press: they gather in `answers`
    (shown at once) and are committed when the person leaves the checklist, presses
    ctrl+s, makes another change here, or CHECKLIST_IDLE_S after the last press; quitting
    commits them first (PcsmApp.exit calls `flush_burst`), so none is lost.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save_answers", "Save the answers given now", id="checklist.save"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers: list[tuple[Edit, str | None]] = []
        self._answer_timer: Timer | None = None

    def _answered(self) -> dict[str, Any]:
        data = self.data
        for edit, _ in self.answers:
            data = edit(data)
        return data

    def action_toggle_answer(self) -> None:
        if self.read_only:
            self.notify(self.read_only_text, timeout=4)
            return
        shown = self._answered()
        found = editing.answer_edit(self, shown)
        if found is None or self.loaded is None:
            return
        new = found[0](shown)
        try:
            type(self.loaded.model).model_validate(new, context=self.workspace.repo.context())
        except ValidationError as error:
            model = type(self.loaded.model)
            problem = self.workspace.explain_problem(error, model, new, self.names)
            self.notify(problem, severity="error")
            return
        self.answers.append(found)
        self.add_class("pending-burst")
        for table in self.query(RecordTable):
            table.fill(new, self.names)
        if self._answer_timer is not None:
            self._answer_timer.stop()
        self._answer_timer = self.set_timer(CHECKLIST_IDLE_S, self.flush_burst)

    def action_save_answers(self) -> None:
        self.flush_burst()

    def commit(
        self, edit: Edit, headline: str | None = None, then: Callable[[Any], None] | None = None
    ) -> str | None:
        """Another change here commits the answers given before it first, in order."""
        if self.answers:
            self.flush_burst()
        return super().commit(edit, headline, then)

    def flush_burst(self, leaving: bool = False, quitting: bool = False) -> None:
        """Commit the answers given as one change (nothing when none is pending)."""
        if self._answer_timer is not None:
            self._answer_timer.stop()
            self._answer_timer = None
        answers, self.answers = list(self.answers), []
        self.remove_class("pending-burst")
        if not answers or self.loaded is None:
            return

        def edit(data: dict[str, Any]) -> dict[str, Any]:
            for one, _ in answers:
                data = one(data)
            return data

        words = [headline for _, headline in answers]
        headline = words[0] if len(words) == 1 else None
        if len(words) > 1 and all(words):
            headline = f"{len(words)} answers ({words[0]}, …)"
        base = self.workspace.seen(self.loaded, self.data)
        if quitting:
            self.workspace.change(self.rel, edit, headline=headline, base=base)
        elif not leaving:
            problem = self.commit(edit, headline=headline)
            if problem:
                self.notify(problem, severity="error")
        else:  # leaving: commit without redrawing an editor that is going away
            self.pcsm_app.change(self.rel, edit, headline=headline, base=base)

    def on_unmount(self) -> None:
        # Here and now, not in a worker: an app closing by any way (not only q) unmounts
        # the editor, and a worker started then may never run; the answers would be lost.
        self.flush_burst(quitting=True)

    def section_title(self, section: Section) -> Content:
        if section.path and section.path[-1] == "items" and len(section.path) == 3:
            items = resolve(self.data, section.path)
            yes = sum(1 for item in items if item.get("answer") is True)
            answered = sum(1 for item in items if "answer" in item)
            return content(
                section.title,
                "  ",
                (f"{yes}/{len(items)} yes · {answered} answered", "dim"),
                lines=False,
            )
        return content(section.title, lines=False)

    def new_row(self, section: Section) -> dict[str, Any] | None:
        if section.path == ("checklists",) and self.tool is not None and self.tool.prefill:
            number = len(self.data.get("checklists", [])) + 1
            make = load_object(self.tool.prefill)  # the entry's own first copy
            copy = dump(make(self.workspace.framework, number))
            copy.pop("id")
            return copy
        return super().new_row(section)


class DocumentEditor(ToolEditor):
    """The success proposal: its fields, a rendered preview, and its state."""

    STATES = ("draft", "sent", "signed")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "advance", "Next state (draft → sent → signed)", id="document.advance"),
        Binding("p", "toggle_preview", "Show/hide preview", id="document.preview"),
    ]

    def compose_extra(self) -> ComposeResult:
        yield Static("", id="document-state", classes="summary")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="document"):
            with Vertical(classes="document-fields"):
                yield from super().compose()
            yield Preview(id="preview")

    def refresh_extra(self) -> None:
        state = self.data.get("state", "draft")
        steps = " → ".join(f"[b reverse] {s} [/]" if s == state else s for s in self.STATES)
        self.query_one("#document-state", Static).update(f"State: {steps}   (n: next)")
        self.query_one("#preview", Preview).show(self.letter())

    def letter(self) -> list[Block]:
        """The proposal as the preview's letter (its texts escaped where it is drawn)."""
        # start-up: analysis.proposal loads only when this runs
        from ...analysis.proposal import proposal_blocks

        assert self.loaded is not None
        customer = ""
        if self.engagement:
            rel = engagement_rel(self.engagement, "engagement.toml")
            customer = str(self.read_beside(rel).get("customer", ""))
        model = self.loaded.model
        assert isinstance(model, Proposal)
        return proposal_blocks(model, self.workspace.framework, customer)

    def action_advance(self) -> None:
        state = self.data.get("state", "draft")
        if state == "signed":
            self.notify("the proposal is signed; edit the state field to reopen it", timeout=4)
            return
        following = self.STATES[self.STATES.index(state) + 1]
        problem = self.commit(lambda data: set_value(data, ("state",), following))
        if problem:
            self.notify(problem, severity="error", timeout=6)

    def action_toggle_preview(self) -> None:
        preview = self.query_one("#preview", Preview)
        preview.display = not preview.display


class MonthlyEditor(ToolEditor):
    """One month of the stakeholder plan; [ and ] change month, N starts the next one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "month(-1)", "Previous month", id="month.previous"),
        Binding("right_square_bracket", "month(1)", "Next month", id="month.next"),
        Binding("N", "start_month", "Start next month (copy of the latest)", id="month.start"),
    ]

    def __init__(self, *args: Any, months: list[str], month: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.months = months
        self.month = month

    def compose_extra(self) -> ComposeResult:
        yield Static("", id="month-bar", classes="summary")

    def reload(self) -> None:
        """No month yet (or a plan folder pcsm does not read): say how to start one."""
        if self.rel:
            super().reload()
            return
        self.loaded = None
        holder = self.query_one(".sections", VerticalScroll)
        holder.remove_children()
        holder.mount(Static("No month yet: N starts one.", classes="problem"))
        self.refresh_extra()

    def refresh_extra(self) -> None:
        shown = "  ".join(f"[b reverse] {m} [/]" if m == self.month else m for m in self.months)
        self.query_one("#month-bar", Static).update(
            f"Month: {shown}   [dim][ ] change month · N start next month[/dim]"
        )

    def action_month(self, delta: int) -> None:
        index = self.months.index(self.month) + delta
        if 0 <= index < len(self.months):
            self._switch(self.months[index])

    def _switch(self, month: str) -> None:
        self.month = month
        self.rel = plan_month_rel(str(self.engagement), month)
        title = self.query_one(".editor-title", Static)
        title.update(self.title_content())
        self.sections = []
        self.reload()

    def action_start_month(self) -> None:
        assert self.engagement is not None
        slug = self.engagement

        def done(_result: Any) -> None:
            self.months = self.workspace.months(slug)
            self._switch(self.months[-1])

        self.pcsm_app.run_in_background(
            lambda: self.workspace.start_next_month(slug), done, "starting the next month…"
        )


def focus_first_table(editor: ToolEditor) -> None:
    tables = list(editor.query(RecordTable))
    if tables:
        tables[0].focus(scroll_visible=False)  # the editor stays at its top (see ToolEditor)
