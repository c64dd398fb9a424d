"""The command palette (ctrl+p): every action by a plain name.

Three providers: engagements to open, tools and guides of the open engagement, and every
key binding of the current screen and focused editor under its description, so nothing
the keys can do is missing from the palette.

Entries name customers and framework wording, which are data: each is built as `Content`
(never markup, controls escaped), so `Contoso [/old]` neither crashes the palette nor
`[@click=app.undo]` becomes an action; the help line goes through `literal_markup`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from .appref import pcsm_app
from .plain import line, literal_markup

if TYPE_CHECKING:
    from .app import PcsmApp


def _app(provider: Provider) -> PcsmApp:
    return pcsm_app(provider)


class ListedProvider(Provider):
    """A provider whose commands are a list of (text, command, help): discovery shows them
    all, a search the ones that match."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            shown = line(text)
            yield DiscoveryHit(
                Content(shown), command, text=shown, help=literal_markup(help_text) or None
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            shown = line(text)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, shown),
                    command,
                    text=shown,
                    help=literal_markup(help_text) or None,
                )


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the query's letters highlighted, as plain text (Matcher.highlight reads
    the candidate as markup)."""
    found = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            found = found.stylize(matcher.match_style, offset, offset + 1)
    return found


class EngagementsProvider(ListedProvider):
    """Open engagement <customer> (<slug>)."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        app = _app(self)
        return [
            (
                f"Open engagement {row.customer} ({row.slug})",
                partial(app.open_engagement, row.slug),
                f"phase {row.phase} {row.phase_name}, CSM {row.csm or '—'}",
            )
            for row in app.workspace.portfolio()
        ]


class ToolsProvider(ListedProvider):
    """Go to tool N <title> / Go to the activity guide of phase N, on an engagement screen."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        # start-up: ui.screens.engagement loads only when this runs
        from .screens.engagement import EngagementScreen

        screen = self.screen
        if not isinstance(screen, EngagementScreen):
            return []
        return [
            (text, partial(screen.show_target, target), "") for text, target in screen.targets()
        ]


class ActionsProvider(ListedProvider):
    """Every binding active on the current screen, by its description."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        app = _app(self)
        seen: set[str] = set()
        found: list[tuple[str, Any, str]] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            # Only pcsm's own actions (they carry ids); the widgets' cursor keys stay keys.
            if not binding.description or binding.system or not active.enabled or not binding.id:
                continue
            if binding.action in ("command_palette",) or binding.description in seen:
                continue
            seen.add(binding.description)
            found.append(
                (
                    binding.description,
                    partial(app.run_action, binding.action, active.node),
                    f"key: {binding.key_display or app.get_key_display(binding) or key}",
                )
            )
        return found


class ExchangeProvider(ListedProvider):
    """The exports without a key of their own, on an engagement screen: the redacted ones
    and the proposal as Markdown (O, T, W and I come in through their bindings)."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        # start-up: ui.screens.engagement, ui.screens.exchange load only when this runs
        from .screens.engagement import EngagementScreen
        from .screens.exchange import PALETTE_EXPORTS, REDACT_HELP

        screen = self.screen
        if not isinstance(screen, EngagementScreen):
            return []
        return [
            (text, partial(screen.action_export, what, redact), REDACT_HELP if redact else "")
            for text, what, redact in PALETTE_EXPORTS
        ]
