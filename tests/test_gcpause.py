"""The garbage collector is off from the app's load to its first frame (ui/gcpause), and on
again after it, or when the app ends before it: it is never left off."""

from __future__ import annotations

import gc
from pathlib import Path

from pcsm_tui.ui.gcpause import CollectionPause
from pcsm_tui.ui.screens.portfolio import PortfolioScreen

from .apphelp import make_app, until


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
