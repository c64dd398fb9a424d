"""The garbage collector is off from the app's load to its first frame (ui/gcpause), and on
again after it, or when the app ends before it: it is never left off."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from pcsm_tui.ui import gcpause
from pcsm_tui.ui.gcpause import CollectionPause
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import WIDE, make_app, open_tool, screen_of, settle, until


def test_the_pause_switches_the_collector_off_and_on_once() -> None:
    pause = CollectionPause()
    try:
        pause.start()
        assert not gc.isenabled()
        pause.end()
        assert gc.isenabled()
        gc.disable()  # switched off by someone else since: a second end leaves it so
        pause.end()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_collector_that_was_off_stays_off() -> None:
    pause = CollectionPause()
    gc.disable()
    try:
        pause.start()
        pause.end()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_collecting_again_after_the_first_frame(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, PortfolioScreen), "the portfolio")
            await until(pilot, gc.isenabled, "the collector on after the first frame")
            assert not app.collection_pause.paused
    finally:
        gc.enable()  # never left off for the tests that follow, whatever happened


async def test_collecting_again_when_the_app_ends_paused(demo_copy: Path) -> None:
    """An app that ends before its first frame (still paused) switches the collector on."""
    app = make_app(demo_copy)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, gc.isenabled, "the collector on after the first frame")
            app.collection_pause.start()  # as it was before the first frame
            assert not gc.isenabled()
            app.exit()
        assert gc.isenabled()
    finally:
        gc.enable()


async def test_an_ended_app_leaves_nothing_frozen(demo_copy: Path) -> None:
    """What the start froze is thawed when the app ends: a process that goes on (the tests)
    could otherwise never collect an ended app's widgets, which hold cycles."""
    gc.unfreeze()
    app = make_app(demo_copy)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, gc.isenabled, "the collector on after the first frame")
            assert gc.get_freeze_count() > 0  # the start's objects, frozen
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


class Cycle:
    """Garbage only the collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts, often: young generations collected
    every 50 new objects, so that a show without the hold has full collections in it."""
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    thresholds = gc.get_threshold()
    gc.set_threshold(50, 2, 2)
    gc.callbacks.append(seen)
    try:
        yield started
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*thresholds)
        gc.enable()  # never left off for the tests that follow, whatever happened


async def test_no_full_collection_inside_a_show_and_garbage_collected_when_idle(
    demo_copy: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tool's show (first and kept) has no collection of the oldest generation in it (they
    were 100-170 ms at 1,000 engagements); the one held back runs once the app is idle, and
    a cycle dropped meanwhile is then gone."""
    monkeypatch.setattr(gcpause, "IDLE_S", 5.0)  # idle never comes inside a show on a slow run
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await open_tool(pilot, "northwind-emea", "stakeholder-matrix")
        await until(pilot, lambda: app.collection_pause.held_since is None, "idle")
        screen = screen_of(app)
        inside: list[int] = []
        for tool in ("risks", "research", "stakeholder-matrix", "risks", "value-kpis"):
            collections.clear()
            screen.show_target(("tool", tool))
            await pilot.pause()
            await until(pilot, lambda: not app._batch_count, f"{tool} painted")
            inside += collections
        assert 2 not in inside, inside
        dropped = weakref.ref(Cycle())
        assert dropped() is not None  # held: not collected yet
        await until(pilot, lambda: app.collection_pause.held_since is None, "idle again")
        assert dropped() is None


async def test_a_key_holds_the_collector_until_idle(demo_copy: Path) -> None:
    app = make_app(demo_copy)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, gc.isenabled, "the collector on after the first frame")
            await pilot.press("j")
            assert not gc.isenabled()
            assert app.collection_pause.held_since is not None
            await until(pilot, gc.isenabled, "the collector on again when idle")
    finally:
        gc.enable()


async def test_memory_stays_bounded_over_many_engagement_opens(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engagements opened and left, again and again, with a moment between: the screens
    left are collected (with their editors), not kept for ever by the held collector."""
    monkeypatch.setattr(gcpause, "IDLE_S", 0.05)
    app = make_app(demo_copy)
    screens: list[weakref.ref[object]] = []
    try:
        async with app.run_test(size=WIDE) as pilot:
            for _ in range(40):
                await open_tool(pilot, "northwind-emea", "risks")
                screens.append(weakref.ref(app.screen))
                app.pop_screen()
                await settle(pilot)
                await until(pilot, lambda: app.collection_pause.held_since is None, "idle")
            alive = sum(screen() is not None for screen in screens)
            assert alive <= 5, alive
    finally:
        gc.enable()


async def test_keys_without_a_pause_hold_the_collector_for_a_limited_time(
    demo_copy: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys that never leave the app idle (one held down) do not hold the collector for
    ever: past the limit, the held-back collection runs at the next key."""
    monkeypatch.setattr(gcpause, "IDLE_S", 60.0)  # never idle in this test
    app = make_app(demo_copy)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, gc.isenabled, "the collector on after the first frame")
        await pilot.press("j")
        assert not gc.isenabled()
        collections.clear()
        await pilot.press("k")
        assert collections == []  # held
        monkeypatch.setattr(gcpause, "HELD_LIMIT_S", 0.0)
        await pilot.press("j")
        assert collections  # collected at this key, and held again after it
        assert not gc.isenabled()
