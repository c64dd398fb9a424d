"""pcsm's git diff driver: `git log -p`, `git show`, `git diff` show fields by row name.

Real git in real repositories: the driver is what `Repository.init`/`open` registers
(store/diffconfig.py), run by git itself through the installed interpreter.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pcsm_tui.cli import main
from pcsm_tui.store import fieldview
from pcsm_tui.store.diffconfig import CACHE_REF, remove_diff_driver, view_command
from pcsm_tui.store.fieldlabels import derive
from pcsm_tui.store.repository import Repository
from pcsm_tui.textsafe import unsafe

from .conftest import git as raw_git

NO_SURROGATES = st.characters(exclude_categories=["Cs"])
RISKS = "engagements/northwind-emea/risks.toml"


def git(root: Path, *args: str, check: bool = True) -> str:
    """git as a person runs it here: with pcsm's field view (textconv) unless a test says
    --no-textconv (the shared helper gives raw TOML by default)."""
    if args and args[0] in ("diff", "log", "show") and "--no-textconv" not in args:
        args = (args[0], "--textconv", *args[1:])
    return raw_git(root, *args, check=check)


def risk_id(root: Path, name: str) -> str:
    data = tomllib.loads((root / RISKS).read_text())
    return str(next(r["id"] for r in data["risks"] if r["name"] == name))


def one_field_edit(root: Path) -> None:
    rid = risk_id(root, "ERP integration late")
    args = ["set", "northwind-emea", "risks", f"risks[{rid}].likelihood=1", "--repo", str(root)]
    assert main(args) == 0


def test_the_table_in_fieldview_is_what_the_models_say() -> None:
    names, rows = derive()
    assert names == fieldview.FILE_KINDS, "regenerate: store/fieldlabels.table_source()"
    assert rows == fieldview.ROWS, "regenerate: store/fieldlabels.table_source()"


def test_git_log_p_of_a_one_field_edit_shows_the_field_by_row_name(demo_copy: Path) -> None:
    one_field_edit(demo_copy)
    out = git(demo_copy, "log", "-p", "-1", "--format=%s", "--textconv")
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert changed == [
        "-risks[ERP integration late].likelihood = 3",
        "+risks[ERP integration late].likelihood = 1",
    ]
    assert "@@ risks[ERP integration late]" in out  # the hunk names its row
    shown = git(demo_copy, "show", "HEAD", "--textconv")
    assert "+risks[ERP integration late].likelihood = 1" in shown
    # the raw TOML is one flag away, and patches are always raw
    raw = git(demo_copy, "log", "-p", "-1", "--no-textconv")
    assert "+likelihood = 1" in raw and ".likelihood = " not in raw
    patch = git(demo_copy, "format-patch", "-1", "--stdout")
    assert "+likelihood = 1" in patch and ".likelihood = " not in patch


def test_a_raw_diff_still_applies(demo_copy: Path) -> None:
    """`git diff --no-textconv` is a patch `git apply` takes; merges never see the view."""
    one_field_edit(demo_copy)
    patch = git(demo_copy, "diff", "--no-textconv", "HEAD~1", "HEAD")
    git(demo_copy, "checkout", "-q", "HEAD~1")
    subprocess.run(["git", "apply"], cwd=demo_copy, input=patch, text=True, check=True)
    assert "likelihood = 1" in (demo_copy / RISKS).read_text()


def test_the_view_is_cached_per_blob_and_keyed_on_the_command(demo_copy: Path) -> None:
    one_field_edit(demo_copy)
    git(demo_copy, "log", "-p", "-1")
    assert git(demo_copy, "rev-parse", "--verify", "-q", CACHE_REF).strip()
    config = git(demo_copy, "config", "--local", "diff.pcsm.textconv").strip()
    assert config.endswith(f"--view {fieldview.VIEW_VERSION}") and " -I " in config


HOSTILE = {
    "risks.toml": b'format_version = 1\n[[risks]]\nid = "r-1"\n'
    b'name = "\\u001b]0;pwned\\u0007\\u202eevil"\nlikelihood = 2\n'
    b'notes = """line one\n\\u001b[31mred\nthree"""\n',
    "barriers.toml": b"this is not = = TOML \x1b[2J\n[[[\n",
    "challenges.toml": b"\xff\xfe not utf-8 \x1b[2J\n",
    "capabilities.toml": b"x = " + b"[" * 500 + b"]" * 500 + b"\n",
}


def test_hostile_files_are_shown_safely_by_git(repo: Repository) -> None:
    root = repo.root
    for name, data in HOSTILE.items():
        (root / "engagements" / "acme" / name).write_bytes(data)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hostile")
    result = subprocess.run(
        ["git", "show", "HEAD", "--format="], cwd=root, capture_output=True, check=True
    )
    out = result.stdout.decode("utf-8", errors="replace")
    assert "Traceback" not in out and not result.stderr
    added = "\n".join(line for line in out.splitlines() if line.startswith("+"))
    assert "\x1b" not in added and "\u202e" not in added
    assert "+risks[\\x1b]0;pwned\\x07\\u202eevil].likelihood = 2" in added
    assert "+    \\x1b[31mred" in added
    assert "+# pcsm: does not parse as TOML" in added
    assert "+# pcsm: not UTF-8 (byte 0): shown as its raw text" in added
    assert "+# pcsm: nested more than 32 deep" in added or "does not parse" in added


def test_a_huge_file_is_shown_raw_under_a_note(tmp_path: Path) -> None:
    big = tmp_path / "risks.toml"
    big.write_bytes(b'notes = "' + b"\x1b" * (fieldview.MAX_BYTES + 10) + b'"\n')
    result = subprocess.run(
        [*view_command().split(), str(big)], capture_output=True, check=True, timeout=120
    )
    head = result.stdout[:200].decode()
    assert (
        head.startswith("# pcsm: 8,000,021 bytes, over pcsm's limit")
        and b"\x1b" not in result.stdout
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["risks.toml", "x_raci.toml", "2026-01.toml", "a"]))
def test_the_view_never_fails_and_never_lets_a_control_through(data: bytes, name: str) -> None:
    out = fieldview.render(data, name)
    assert not unsafe(out)


def basic(text: str) -> str:
    """`text` as a TOML basic string, every character that needs it as `\\UXXXXXXXX`."""
    ok = (c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text)
    return '"' + "".join(ok) + '"'


@settings(max_examples=100, deadline=None)
@given(st.text(NO_SURROGATES, max_size=40), st.text(NO_SURROGATES, max_size=40))
def test_any_row_name_and_text_are_shown_escaped(name: str, text: str) -> None:
    data = f'[[risks]]\nid = "r-1"\nname = {basic(name)}\ndescription = {basic(text)}\n'
    out = fieldview.render(data.encode(), "risks.toml")
    assert not unsafe(out)
    assert out.startswith("# pcsm: risks file as fields")


def test_opening_a_repository_registers_the_driver_again(demo_copy: Path) -> None:
    repo = Repository.open(demo_copy)
    remove_diff_driver(repo.git)
    (demo_copy / ".git" / "info" / "attributes").unlink()
    git(demo_copy, "config", "diff.pcsm.textconv", "python -m pcsm_tui.store.fieldview")
    Repository.open(demo_copy)
    assert git(demo_copy, "config", "diff.pcsm.textconv").strip() == view_command()
    assert git(demo_copy, "config", "diff.pcsm.cachetextconv").strip() == "true"
    attributes = git(demo_copy, "check-attr", "diff", "--", RISKS)
    assert attributes.strip().endswith("diff: pcsm")
    assert git(demo_copy, "status", "--porcelain") == ""  # no commit, nothing to commit


def test_pcsm_own_git_never_runs_the_view(demo_copy: Path, capsys: object) -> None:
    """pcsm parses git's output: it must never read the view (GIT_TRACE logs every child)."""
    trace = demo_copy.parent / "trace.log"
    os.environ["GIT_TRACE"] = str(trace)
    try:
        one_field_edit(demo_copy)
        root = str(demo_copy)
        for args in (
            ["log", "--repo", root, "northwind-emea"],
            ["diff", "HEAD~1", "--repo", root],
            ["diff", "HEAD~3...HEAD", "--format", "markdown", "--repo", root],
            ["blame", "northwind-emea", "risks", "--history", "--repo", root],
            ["privacy", "report", "--repo", root],
            ["validate", root, "--changed-since", "HEAD~2"],
        ):
            main(args)
    finally:
        del os.environ["GIT_TRACE"]
    logged = trace.read_text()
    assert "run_command" in logged and "fieldview" not in logged


def test_a_pcsm_tui_folder_in_the_repository_is_never_run(repo: Repository) -> None:
    """git runs the view from the repository's top folder: its files must not be importable."""
    marker = repo.root.parent / "ran"
    fake = repo.root / "pcsm_tui" / "store"
    fake.mkdir(parents=True)
    (repo.root / "pcsm_tui" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "fieldview.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (repo.root / "sitecustomize.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    rel = repo.root / "engagements" / "acme" / "risks.toml"
    rel.write_text('format_version = 1\n[[risks]]\nid = "r-9"\nname = "New"\n')
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "x")
    out = git(repo.root, "show", "HEAD")
    assert "+risks[New].name = New" in out
    assert not marker.exists()
