"""`pcsm import` in a terminal asks before it writes: the preview says what the sheet would
replace (a team's issue log replaces the challenges stored), so a person must be able to
read it and say no. Scripts (no terminal) and `--yes` are not asked.

The terminal is a real pseudo-terminal around a real child process.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from pathlib import Path

from pcsm_tui.store.repository import Repository

from .helpers import PCSM, WAIT, commits

RISKS = "Risk,Likelihood,Impact\nScope creep,High,Medium\nLate data,Low,High\n"


def _in_a_terminal(
    args: list[str], answer: bytes | None, expect_ask: bool = True
) -> tuple[int, str]:
    """Run pcsm with a pseudo-terminal as its stdin and stdout; type `answer` when it asks
    (None: close the terminal instead). Its output and exit code; fails if it never asks."""
    main, child = os.openpty()
    process = subprocess.Popen([*PCSM, *args], stdin=child, stdout=child, stderr=child)
    os.close(child)
    seen = b""
    deadline = time.monotonic() + WAIT
    asked = False
    try:
        while True:
            assert time.monotonic() < deadline, f"pcsm did not finish:\n{seen.decode()}"
            ready, _, _ = select.select([main], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal: it has ended
                break
            if not chunk:
                break
            seen += chunk
            if not asked and b"[y/N]" in seen:
                asked = True
                if answer is None:
                    os.write(main, b"\x04")  # end of input, as ctrl+d at the keyboard
                else:
                    os.write(main, answer)
        code = process.wait(timeout=WAIT)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    assert asked == expect_ask, f"asked: {asked}\n{seen.decode()}"
    return code, seen.decode().replace("\r\n", "\n")


def test_a_terminal_is_asked_and_no_writes_nothing(repo: Repository, tmp_path: Path) -> None:
    sheet = tmp_path / "risks.csv"
    sheet.write_text(RISKS, encoding="utf-8")
    args = ["import", str(sheet), "--engagement", "acme", "--repo", str(repo.root)]
    before = commits(repo.root)
    for answer in (b"n\n", b"\n", None):
        code, out = _in_a_terminal(args, answer)
        assert code == 0, out
        assert "Preview:" in out and "nothing written" in out
        assert commits(repo.root) == before
    code, out = _in_a_terminal(args, b"y\n")
    assert code == 0, out
    assert "imported as one commit" in out
    assert commits(repo.root) == before + 1


def test_a_script_and_yes_are_not_asked(repo: Repository, tmp_path: Path) -> None:
    sheet = tmp_path / "risks.csv"
    sheet.write_text(RISKS, encoding="utf-8")
    before = commits(repo.root)
    done = subprocess.run(
        [*PCSM, "import", str(sheet), "--engagement", "acme", "--repo", str(repo.root)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert done.returncode == 0, done.stderr
    assert "[y/N]" not in done.stdout
    assert commits(repo.root) == before + 1
    sheet.write_text(RISKS + "Key user leaves,Medium,Medium\n", encoding="utf-8")
    args = ["import", str(sheet), "--engagement", "acme", "--repo", str(repo.root), "--yes"]
    code, out = _in_a_terminal(args, None, expect_ask=False)
    assert code == 0, out
    assert commits(repo.root) == before + 2
