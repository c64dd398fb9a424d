"""The portfolio's "why is it this colour" dialog (`y`), apart from portfolio_health so that
its class is made when first asked for, not before the portfolio's first frame (every
Textual class costs ~0.5 ms to make: DOMNode.__init_subclass__). Reasons are data (they quote
risks and stakeholders): shown as text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..plain import content
from .portfolio_health import LEVEL_STYLE, sparkline

if TYPE_CHECKING:
    from ...analysis.portfolio import PortfolioRow


class WhyDialog(ModalScreen[None]):
    """Why an engagement has its health: the level, the points, each reason in words, the
    support trend month by month and the latest go/no-go. Esc or enter closes."""

    DEFAULT_CSS = """
    WhyDialog {
        align: center middle;
    }
    #why-body {
        width: 96;
        max-width: 96%;
        height: auto;
        max-height: 90%;
        padding: 1 2;
        border: thick $accent;
        background: $surface;
    }
    #why-body .dialog-keys {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="why.close"),
    ]

    def __init__(self, row: PortfolioRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        with Vertical(id="why-body"):
            yield Static(content((f"{row.customer} ({row.slug})", "bold"), lines=False))
            if not row.health:
                yield Static(content("Health is not computed for this engagement yet."))
            else:
                yield Static(
                    content(
                        ("Health: ", "bold"),
                        (row.health.upper(), LEVEL_STYLE.get(row.health, "bold")),
                        f" ({row.health_points} point(s))",
                    )
                )
                reasons = row.health_reasons or ("nothing counts against it",)
                yield Static(content("\n".join(f"  · {reason}" for reason in reasons)))
            if row.support_trend:
                months = " → ".join(f"{v:g}" for v in row.support_trend)
                yield Static(
                    content(
                        ("Key stakeholders' support ", "bold"),
                        f"(of 10, month by month): {months}  {sparkline(row.support_trend)}",
                    )
                )
            if row.go:
                yield Static(content(("Go/no-go: ", "bold"), row.go))
            if row.problem:
                yield Static(content(("Not read: ", "bold red"), row.problem))
            yield Label(
                content(("esc", "bold"), " closes · P on the engagement shows its next steps"),
                classes="dialog-keys",
            )

    def action_close(self) -> None:
        self.dismiss(None)
