"""Health on the portfolio: the column, its sort and filter words, the key stakeholders'
support trend as a sparkline, and the "why is it this colour" dialog's opening (the
dialog itself: portfolio_why).

Functions the portfolio screen calls (screens/portfolio.py stays its owner's): each reads
a `PortfolioRow` the service already computed (`analysis.portfolio`, health and trend from
the engagement's own data), so nothing here reads files or git. Reasons are data (they
quote risks and stakeholders): shown as text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

if TYPE_CHECKING:
    from ...analysis.portfolio import PortfolioRow

HEALTH_COLUMNS: tuple[tuple[str, str], ...] = (("health", "Health"), ("trend", "Support"))
"""The portfolio's extra columns (key, header), after its own."""

LEVEL_RANK = {"green": 0, "amber": 1, "red": 2}
LEVEL_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
SPARKS = "▁▂▃▄▅▆▇█"
TREND_MONTHS = 6
"""Months the sparkline shows (the newest ones)."""


def sparkline(values: tuple[float, ...] | list[float], top: float = 10.0) -> str:
    """One block character per value on a 0..`top` scale (support is 0..10): `▂▄▅█`.
    Values outside the scale are drawn at its ends; no values draw nothing."""
    marks = []
    for value in values:
        share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
        marks.append(SPARKS[round(share * (len(SPARKS) - 1))])
    return "".join(marks)


def trend_arrow(values: tuple[float, ...] | list[float]) -> str:
    """↗ rising, ↘ falling, → level (the last month against the one before); "" for less
    than two months."""
    if len(values) < 2:
        return ""
    change = values[-1] - values[-2]
    return "↗" if change > 0 else "↘" if change < 0 else "→"


NOT_HERE = "not in this clone"
"""The health cell of an engagement a sparse clone (`pcsm clone --mine`) does not hold."""


def health_cells(row: PortfolioRow) -> tuple[Text, str]:
    """The row's health (`● red 7`, coloured) and its support trend (`▃▅▆ ↗`), for the
    columns of `HEALTH_COLUMNS`."""
    if row.absent:  # a sparse clone's other engagement: its health needs its files
        health = Text(NOT_HERE, style="dim italic")
    elif row.health:
        health = Text("● ", style=LEVEL_STYLE.get(row.health, ""))
        health.append(f"{row.health} {row.health_points}")
    else:
        health = Text("—")
    trend = tuple(row.support_trend[-TREND_MONTHS:])
    shown = f"{sparkline(trend)} {trend_arrow(trend)}".strip() if trend else "—"
    return health, shown


def health_rank(row: PortfolioRow) -> tuple[int, int]:
    """Sort key of the health column: unknown, green, amber, red; more points later."""
    return (LEVEL_RANK.get(row.health, -1), row.health_points)


def trend_rank(row: PortfolioRow) -> float:
    """Sort key of the trend column: the newest month's support (-1 when none)."""
    return row.support_trend[-1] if row.support_trend else -1.0


def health_words(row: PortfolioRow) -> str:
    """What the filter matches besides the portfolio's own fields: `health:red`, and the
    reasons' words, so `/health:red` lists the red engagements and `/overdue` those with
    overdue items."""
    if not row.health:
        return ""
    return " ".join([f"health:{row.health}", *row.health_reasons])


HEALTH_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("every engagement shown", frozenset()),
    ("only amber and red engagements (f: only red)", frozenset({"amber", "red"})),
    ("only red engagements (f: all)", frozenset({"red"})),
)
"""The portfolio's `f` steps through these: what it says, and the levels kept (none: all)."""


def matches(row: PortfolioRow, needle: str, levels: frozenset[str], csm_name: str) -> bool:
    """Whether the portfolio shows `row`: its health is one of `levels` (any when empty) and
    `needle` (lower case) is in its customer, id, CSM (id or name), phase, band or health
    words (`health:red`, the reasons)."""
    if levels and row.health not in levels:
        return False
    if not needle:
        return True
    words = (
        row.customer,
        row.slug,
        row.csm,
        csm_name,
        f"{row.phase} {row.phase_name}",
        row.band,
        health_words(row),
    )
    return needle in " ".join(words).lower()


def go_cell(row: PortfolioRow) -> str:
    """The latest go/no-go decision in a few cells (`not yet`; its phase and date are in the
    why dialog, `y`); "—" when none was recorded. The row's `go` reads `Title: decision
    (date)`, and the title is data that may hold ": " itself, so it is read from the end."""
    if not row.go:
        return "—"
    tail = row.go.rpartition(": ")[2]
    decision = tail.rpartition(" (")[0]
    return decision or tail


def open_why(screen: Any) -> None:
    """The portfolio's `y`: the why dialog of the engagement under the cursor (the screen
    gives `rows` and `selected_slug()`)."""
    slug = screen.selected_slug()
    row = next((r for r in screen.rows if r.slug == slug), None)
    if row is not None:
        # start-up: the dialog's class is made only when first asked for (portfolio_why)
        from .portfolio_why import WhyDialog

        screen.app.push_screen(WhyDialog(row))


__all__ = [
    "HEALTH_COLUMNS",
    "HEALTH_FILTERS",
    "go_cell",
    "health_cells",
    "health_rank",
    "health_words",
    "matches",
    "open_why",
    "sparkline",
    "trend_arrow",
    "trend_rank",
]
