"""A new engagement from the app (n on the portfolio, or the palette): the wizard asks what
`pcsm new` asks — the customer, the folder name (made from the customer's name), the
initiative, the CSM (chosen among the team's current members), the start date and how the
RACI matrix starts — then creates every file as one commit and opens the engagement."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList

from ...errors import PcsmError
from ...models.typed import parse_date
from ...service_engagements import slug_for
from ..appref import is_pcsm_app, pcsm_app
from ..plain import content

if TYPE_CHECKING:
    from textual.app import App

    from ...gateway import CommitResult

NO_CSM = "-"
"""The CSM choice for "nobody yet" (Select needs a value; member ids never are "-")."""


class NewEngagementScreen(ModalScreen[dict[str, Any] | None]):
    """The wizard: every field on one dialog; ctrl+s (or enter on the last box) creates."""

    DEFAULT_CSS = """
    NewEngagementScreen #new-templates { height: auto; max-height: 5; }
    NewEngagementScreen Input > .input--placeholder { color: $text-disabled; text-style: italic; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create the engagement", id="newengagement.create"),
        Binding("escape", "cancel", "Cancel", id="newengagement.cancel"),
    ]

    def __init__(
        self,
        members: list[tuple[str, str]],
        taken: list[str],
        today: dt.date,
        templates: list[tuple[str, str]] | None = None,
        template_tools: dict[str, str] | None = None,
    ) -> None:
        """`members`: (label, id) of the team's current members; `taken`: existing slugs;
        `templates`: (label, name) of the team's templates, offered to start tools from;
        `template_tools`: each template's tool (one template per tool can start it)."""
        super().__init__()
        self.templates = templates or []
        self.template_tools = template_tools or {}
        self.members = members
        self.taken = taken
        self.today = today
        self._slug_edited = False
        self._made_slugs: set[str] = set()
        """Slugs this screen wrote itself: a change to any other value is the person's."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(content(("New engagement", "bold")))
            yield Label("Customer (the organization)")
            yield Input(id="new-customer", placeholder="e.g. Contoso Retail")
            yield Label("Folder name (made from the customer; lower-case, digits, dashes)")
            yield Input(id="new-slug", placeholder="e.g. contoso-retail")
            yield Label("Initiative (what the customer is rolling out; optional)")
            yield Input(id="new-initiative", placeholder="e.g. store analytics")
            yield Label("CSM (a team member; M manages the team)")
            options = [(content(label), value) for label, value in self.members]
            yield Select(
                [(content("nobody yet"), NO_CSM), *options],
                value=NO_CSM,
                allow_blank=False,
                id="new-csm",
            )
            yield Label("Start date (YYYY-MM-DD; optional)")
            # A hint, never read as a value: "e.g.", dim and italic, and what empty means.
            hint = f"e.g. {self.today.isoformat()} (empty: no start date yet)"
            yield Input(id="new-start", placeholder=hint)
            yield Label("RACI matrix starts with")
            yield Select(
                [
                    ("the framework's standard activities", "standard"),
                    ("no activities (an empty matrix)", "empty"),
                ],
                value="standard",
                allow_blank=False,
                id="new-raci",
            )
            if self.templates:
                yield Label("Start tools from team templates (space picks; optional)")
                yield SelectionList[str](
                    *((content(label), name) for label, name in self.templates),
                    id="new-templates",
                )
            yield Label("", id="new-error")
            yield Label(
                "ctrl+s creates it (one commit) · esc cancels",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#new-customer", Input).focus()
        # Focus scrolled the first box to the top of a dialog taller than the screen (80x24),
        # hiding the title and the box's label: the dialog starts at its top.
        dialog = self.query_one("#dialog")
        self.call_after_refresh(dialog.scroll_home, animate=False)

    @on(Input.Changed, "#new-customer")
    def _customer(self, event: Input.Changed) -> None:
        if self._slug_edited:
            return
        made = slug_for(event.value, self.taken)
        self._made_slugs.add(made)
        self.query_one("#new-slug", Input).value = made

    @on(Input.Changed, "#new-slug")
    def _slug(self, event: Input.Changed) -> None:
        # Changes arrive after the fact: a burst of typing (a paste) sends several, each
        # with a value this screen made; only another value is the person's own folder name.
        if event.value not in self._made_slugs:
            self._slug_edited = True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-start":
            self.action_create()
        else:
            self.focus_next()

    def _error(self, text: str, box: str) -> None:
        said = self.query_one("#new-error", Label)
        said.update(content(("✗", "bold red"), f" {text}"))
        self.query_one(f"#{box}").focus()
        # At 80x24 the dialog scrolls: the reason is brought into view with the box (it
        # was below the screen, so enter seemed to do nothing).
        self.call_after_refresh(said.scroll_visible, animate=False)

    def action_create(self) -> None:
        customer = self.query_one("#new-customer", Input).value.strip()
        slug = self.query_one("#new-slug", Input).value.strip()
        if not self._slug_edited:  # made from the customer as it is now, not as it was
            slug = slug_for(customer, self.taken)
        if not customer:
            self._error("type the customer's name", "new-customer")
            return
        chosen = [
            str(name)
            for box in self.query("#new-templates").results(SelectionList)
            for name in box.selected
        ]
        tools = [self.template_tools.get(name) for name in chosen]
        twice = sorted({tool for tool in tools if tool and tools.count(tool) > 1})
        if twice:
            self._error(
                f"pick one template for {twice[0]}: each tool starts from one", "new-templates"
            )
            return
        try:
            pcsm_app(self).workspace.check_new_slug(slug)
        except PcsmError as error:
            self._error(str(error), "new-slug")
            return
        start_text = self.query_one("#new-start", Input).value.strip()
        try:
            start = parse_date(start_text) if start_text else None
        except ValueError as error:  # why it is no date ("February 2027 has 28 days")
            self._error(str(error), "new-start")
            return
        csm = self.query_one("#new-csm", Select).value
        self.dismiss(
            {
                "slug": slug,
                "customer": customer,
                "initiative": self.query_one("#new-initiative", Input).value.strip(),
                "csm": "" if csm == NO_CSM else str(csm),
                "start": start,
                "raci_activities": self.query_one("#new-raci", Select).value == "standard",
                "templates": chosen,
            }
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_new_engagement(app: App[Any]) -> None:
    """Show the wizard; create the engagement in the background; then open it."""
    if not is_pcsm_app(app):
        return
    workspace = app.workspace
    members = [
        (f"{m.name} ({m.role})" if m.role else m.name, m.id)
        for m in workspace.team()
        if m.retired is None
    ]

    def create(answer: dict[str, Any] | None) -> None:
        if answer is None:
            app.set_status("no engagement created")
            return

        def opened(result: CommitResult) -> None:
            refresh = getattr(app.screen, "reload", None)
            if callable(refresh):
                refresh()
            if result.sha is not None:
                app.open_engagement(answer["slug"])

        templates = answer.pop("templates", [])
        app.run_in_background(
            (lambda: workspace.create_from_templates(templates=templates, **answer))
            if templates
            else (lambda: workspace.start_engagement(**answer)),
            opened,
            "creating the engagement…",
        )

    found = workspace.templates().found
    offered = [(f"{t.name} ({t.tool.number} {t.tool.title})", t.name) for t in found]
    tools = {t.name: f"{t.tool.number} {t.tool.title}" for t in found}
    app.push_screen(
        NewEngagementScreen(members, workspace.engagement_slugs(), workspace.today, offered, tools),
        create,
    )
