"""Save as team template (ctrl+t on an engagement, or the palette): a preview first.

The dialog shows what will be stored — the template file's text, and in words what was
left out (people, dates, progress) — and asks for the template's name; ctrl+s stores it as
one commit (service_templates). A name that exists is replaced only after a second ctrl+s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...errors import PcsmError, explain
from ..appref import pcsm_app
from ..plain import content

if TYPE_CHECKING:
    from ...gateway import CommitResult
    from .engagement import EngagementScreen


class SaveTemplateScreen(ModalScreen[str | None]):
    """The preview and the name; dismisses with the name saved (None: cancelled)."""

    DEFAULT_CSS = """
    SaveTemplateScreen { align: center middle; }
    SaveTemplateScreen #dialog { height: 90%; }
    SaveTemplateScreen #tpl-preview-box { height: 1fr; border: round $primary; }
    SaveTemplateScreen Label { width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the template (one commit)", id="template.save"),
        Binding("escape", "cancel", "Cancel (nothing is written)", id="template.cancel"),
    ]

    def __init__(self, slug: str, tool_id: str, title: str, text: str, left_out: tuple[str, ...]):
        super().__init__()
        self.slug = slug
        self.tool_id = tool_id
        self.tool_title = title
        self.text = text
        self.left_out = left_out
        self._replace = ""
        """The name the person was told exists: a second ctrl+s replaces it."""

    def compose(self) -> ComposeResult:
        left = "; ".join(self.left_out) if self.left_out else "nothing (no people or dates in it)"
        with Vertical(id="dialog", classes="wide-dialog"):  # wide: the TOML reads whole
            yield Label(content((f"Save {self.tool_title} as a team template", "bold")))
            yield Label(content(("Left out: ", "bold"), left), id="tpl-left-out")
            yield Label("Name (lower-case letters, digits, dashes)")
            yield Input(value=self.tool_id, id="tpl-name")
            yield Label(content(("What will be stored", "bold"), " (ids renewed):"))
            with VerticalScroll(id="tpl-preview-box"):
                yield Static(content(self.text), id="tpl-preview")
            yield Label("", id="tpl-error")
            yield Label("ctrl+s saves it (one commit) · esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#tpl-name", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#tpl-name", Input).value.strip()
        app = pcsm_app(self)
        force = bool(name) and name == self._replace

        def failed(error: BaseException) -> None:
            message = explain(error)
            if "exists already" in message and not force:
                self._replace = name
                message += " — ctrl+s again replaces it"
            app.set_status(f"not saved: {message.splitlines()[0]}", "error")
            self.query_one("#tpl-error", Label).update(content(("✗", "bold red"), f" {message}"))

        def done(_result: CommitResult) -> None:
            if self.is_attached:
                self.dismiss(name)

        slug, tool = self.slug, self.tool_id
        app.run_in_background(
            lambda: app.workspace.save_template(slug, tool, name, force=force),
            done,
            "saving the team template…",
            failed=failed,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_as_template(screen: EngagementScreen) -> None:
    """Open the preview for the tool the engagement screen shows (or say why not)."""
    app = pcsm_app(screen)
    current: tuple[Any, ...] | None = screen.current
    if current is None or current[0] != "tool":
        app.set_status("open a tool first: its content becomes the template", "error")
        return
    tool_id = str(current[1])
    try:
        draft = app.workspace.template_draft(screen.slug, tool_id)
    except (PcsmError, ValueError, OSError) as error:
        app.set_status(f"no template: {explain(error).splitlines()[0]}", "error")
        app.notify(explain(error), title="Cannot make a template of this", severity="error")
        return

    def saved(name: str | None) -> None:
        if name is None:
            app.set_status("no template saved")

    app.push_screen(
        SaveTemplateScreen(
            screen.slug,
            tool_id,
            f"{draft.tool.number} {draft.tool.title}",
            app.workspace.template_text(draft),
            draft.left_out,
        ),
        saved,
    )
