"""A cold `pcsm validate` on every core (store/validate_parallel): the same findings as one
process, nothing lost to a broken file in a worker's share, and no worker left behind when
the run is interrupted or killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pcsm_tui.cli import main
from pcsm_tui.store.validate import whole_repository
from pcsm_tui.store.validate_parallel import JOBS_ENV, forking_is_safe, workers_for
from pcsm_tui.store.validate_units import validate_units

from .helpers import PCSM, wait_until

DEMO = "engagements/northwind-emea"
BAD_ROW = '\n[[risks]]\nid = "bad"\nname = "Bad"\nlikelihood = 99\n'


def _copies(root: Path, count: int) -> list[str]:
    """`count` more engagements, copies of the demo's (their own folders, same content)."""
    made = []
    for index in range(count):
        rel = f"engagements/copy-{index:02d}"
        shutil.copytree(root / DEMO, root / rel)
        made.append(rel)
    return made


def _with_findings(root: Path) -> list[str]:
    """A repository with findings in several folders: an out-of-range row, invalid TOML,
    a reference to a stakeholder another file no longer has (a finding across files), a
    file that is not UTF-8 and a folder where a file belongs."""
    copies = _copies(root, 9)
    with (root / copies[1] / "risks.toml").open("a", encoding="utf-8") as risks:
        risks.write(BAD_ROW)
    (root / copies[3] / "barriers.toml").write_text("format_version = 1\n[[barriers]\nid=", "utf-8")
    register = root / copies[5] / "stakeholders.toml"
    register.write_text(register.read_text("utf-8").replace('id = "cfo"', 'id = "gone"'), "utf-8")
    (root / copies[7] / "challenges.toml").write_bytes(b'format_version = 1\nx = "\xff"\n')
    (root / copies[8] / "reporting.toml").unlink()
    (root / copies[8] / "reporting.toml").mkdir()
    return copies


def test_parallel_finds_exactly_what_one_process_finds(demo_copy: Path) -> None:
    copies = _with_findings(demo_copy)
    assert forking_is_safe() and workers_for(12, 2) == 2  # the run below does use workers
    serial = [str(f) for f in validate_units(demo_copy, cache=False, jobs=1)]
    for jobs in (2, 3):
        assert [str(f) for f in validate_units(demo_copy, cache=False, jobs=jobs)] == serial
    assert serial == [str(f) for f in whole_repository(demo_copy)]
    for index, what in ((1, "risks.toml"), (3, "barriers.toml"), (5, "raci.toml")):
        assert any(f.startswith(f"{copies[index]}/{what}:") for f in serial), (what, serial)
    assert any(f.startswith(f"{copies[7]}/challenges.toml:2:") for f in serial), serial
    assert any(f.startswith(f"{copies[8]}/reporting.toml:1:1") for f in serial), serial


def test_a_broken_file_in_a_worker_s_share_is_reported_and_the_others_still_checked(
    demo_copy: Path,
) -> None:
    copies = _copies(demo_copy, 5)
    for rel in copies:
        with (demo_copy / rel / "risks.toml").open("a", encoding="utf-8") as risks:
            risks.write(BAD_ROW)
    broken = demo_copy / copies[2] / "value-kpis.toml"
    broken.write_text("format_version = 1\n\n[[kpis]]\nname = \n", encoding="utf-8")
    progress: list[tuple[int, int]] = []
    found = [
        str(f)
        for f in validate_units(
            demo_copy, jobs=2, progress=lambda done, total: progress.append((done, total))
        )
    ]
    assert f"{copies[2]}/value-kpis.toml:4:8: error: invalid TOML: Invalid value" in found
    for rel in copies:  # every other folder was still read, in either worker
        assert any(f.startswith(f"{rel}/risks.toml:") and "likelihood" in f for f in found)
    done, total = progress[-1]  # heard in the parent, to the last folder
    assert done == total >= len(copies) + 3


def test_the_cache_made_in_parallel_is_the_one_one_process_makes(demo_copy: Path) -> None:
    _with_findings(demo_copy)
    cold = [str(f) for f in validate_units(demo_copy, jobs=2)]
    fresh: list[str] = []
    assert [str(f) for f in validate_units(demo_copy, jobs=1, fresh=fresh)] == cold
    assert fresh == ["engagements/copy-08"]  # only the unit that cannot be kept is read again


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_pcsm_jobs_is_a_clear_error(
    demo_copy: Path, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo_copy / ".git" / "pcsm" / "validate.json").unlink(missing_ok=True)
    monkeypatch.setenv(JOBS_ENV, value)
    assert main(["validate", str(demo_copy)]) == 2
    assert f"{JOBS_ENV}={value!r} is not a number of processes" in capsys.readouterr().err


def test_small_runs_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_ENV, raising=False)
    assert workers_for(5) == 0  # the demo: no worker started
    monkeypatch.setenv(JOBS_ENV, "1")
    assert workers_for(1000) == 0


# --- no orphan workers ----------------------------------------------------------------------


def _slow(root: Path, folders: int = 8, rows: int = 12_000) -> None:
    """Folders whose risk registers take a second or more each to check: a run that is
    still busy when a test stops it."""
    text = "format_version = 1\n" + "".join(
        f'\n[[risks]]\nid = "r{i}"\nno = {i + 1}\nname = "Risk {i}"\nlikelihood = 3\n'
        for i in range(rows)
    )
    for rel in _copies(root, folders):
        (root / rel / "risks.toml").write_text(text, encoding="utf-8")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _gone(pid: int) -> bool:
    """Ended (a zombie waiting for init to reap it is ended too)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -signal.SIGKILL)],
)
def test_stopping_validate_ends_its_workers(demo_copy: Path, signum: int, status: int) -> None:
    _slow(demo_copy)
    env = {**os.environ, JOBS_ENV: "3"}  # the parent and two workers
    child = subprocess.Popen(
        [*PCSM, "validate", str(demo_copy)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a signal for pcsm only, as `kill PID` sends it
    )
    try:
        wait_until(lambda: len(_children(child.pid)) == 2, "two workers")
        workers = _children(child.pid)
        os.kill(child.pid, signum)
        assert child.wait(timeout=60) == status
        wait_until(lambda: all(_gone(pid) for pid in workers), "the workers to end")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for pid in _children(child.pid) if child.poll() is None else []:
            os.kill(pid, signal.SIGKILL)
