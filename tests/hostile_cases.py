"""The hostile-input catalogue (issue 11): what a teammate, a hand edit or a broken tool can
put in a central repository, and what pcsm must make of it.

Each `Case` turns a clean repository (engagements `acme` and `beta`) hostile in one way.
tests/test_hostile.py checks every case: `pcsm validate` gives exactly the expected findings
(file:line:col) and no traceback, the portfolio and the summary read the repository, and —
for what pcsm cannot read — a sync refuses it before merging anything. The app opens a
repository holding all of them at once (tests/test_hostile_app.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Paths are templates: `{e}` is the engagement folder the case is put in (engagements/acme
# alone; one engagement per case when the app opens all of them in one repository).
E = "{e}"
RISKS = f"{E}/risks.toml"
RACI = f"{E}/raci.toml"
ENGAGEMENT = f"{E}/engagement.toml"
STRATEGY = f"{E}/strategy.toml"
LOG = f"{E}/activity-log.toml"
PLAN_DIR = f"{E}/stakeholder-plan"
ACME = "engagements/acme"


def at(rel: str, engagement: str = ACME) -> str:
    """A template path in an engagement folder."""
    return rel.replace(E, engagement)


DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


@dataclass(frozen=True)
class Expect:
    """One finding `pcsm validate` must give: where (line and column when known) and a
    piece of its message."""

    rel: str
    text: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, str], None]
    """Makes the repository at the path hostile, in the engagement folder given."""
    findings: tuple[Expect, ...] = ()
    portfolio: str = ""
    """What acme's portfolio row names as not read ("" when the row reads whole)."""
    refused: bool = False
    """A sync that would bring it in stops before merging (pcsm cannot read it)."""
    rels: tuple[str, ...] = field(default_factory=tuple)
    """The paths the case adds or changes (what a teammate would commit and push)."""


Maker = Callable[[Path, str], None]


def write(rel: str, data: str | bytes) -> Maker:
    def make(root: Path, engagement: str) -> None:
        path = root / at(rel, engagement)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")

    return make


def link(rel: str, target: str) -> Maker:
    def make(root: Path, engagement: str) -> None:
        path = root / at(rel, engagement)
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)

    return make


def folder(rel: str) -> Maker:
    def make(root: Path, engagement: str) -> None:
        path = root / at(rel, engagement)
        if path.exists():
            path.unlink()
        path.mkdir(parents=True)
        (path / "inside.txt").write_text("a folder where a file belongs\n")

    return make


def risks(*rows: str, header: str = "format_version = 1\n") -> str:
    return header + "".join(f"\n[[risks]]\n{row}" for row in rows)


def risk(row_id: str, name: str = "Risk", likelihood: int = 1, severity: int = 1) -> str:
    return f'id = "{row_id}"\nname = "{name}"\nlikelihood = {likelihood}\nseverity = {severity}\n'


def many_rows(count: int) -> str:
    return risks(*(risk(f"r{i}", f"Risk {i}", i % 6, (i * 7) % 6) for i in range(count)))


def _chmod_zero(root: Path, engagement: str) -> None:
    (root / at(RISKS, engagement)).chmod(0)


def _fifo(root: Path, engagement: str) -> None:
    (root / at(RISKS, engagement)).unlink()
    os.mkfifo(root / at(RISKS, engagement))


def _git_file(root: Path, engagement: str) -> None:
    """A `.git` file (as in a worktree) that points nowhere."""
    import shutil

    shutil.rmtree(root / ".git")
    (root / ".git").write_text("gitdir: /nonexistent/worktree\n")


def _nothing(root: Path, engagement: str) -> None:
    """Cases that exist only as a commit (a submodule: see test_hostile)."""


LINKED = "symbolic link"
OUTSIDE = "/etc/hostname"

CASES: list[Case] = [
    # --- nesting, encoding, bytes --------------------------------------------------------
    Case(
        "deep-arrays",
        write(RISKS, DEEP),
        (Expect(RISKS, "nested more than 32 deep", 1, 37),),
        "risks.toml:1:37",
        refused=True,
        rels=(RISKS,),
    ),
    Case(
        "deep-inline-tables",
        write(RACI, "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"),
        (Expect(RACI, "nested more than 32 deep", 1, 165),),
        refused=True,
        rels=(RACI,),
    ),
    Case(
        "deep-dotted-keys",
        write(RACI, "format_version = 1\n" + ".".join(["a"] * 100) + " = 1\n"),
        (Expect(RACI, "nested more than 32 deep", 2, 1),),
        refused=True,
        rels=(RACI,),
    ),
    Case(
        "deep-table-header",
        write(RACI, "format_version = 1\n[" + ".".join(["t"] * 60) + "]\nx = 1\n"),
        (Expect(RACI, "nested more than 32 deep", 2),),
        refused=True,
        rels=(RACI,),
    ),
    Case(
        "not-utf8",
        write(ENGAGEMENT, b'customer = "Caf\xe9 Oy"\n'),
        (Expect(ENGAGEMENT, "not UTF-8 text (byte 0xe9", 1, 16),),
        "engagement.toml:1:16",
        refused=True,
        rels=(ENGAGEMENT,),
    ),
    Case(
        "binary-file",
        write(RISKS, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8"),
        (Expect(RISKS, "not UTF-8 text", 1),),
        "risks.toml:1:",
        refused=True,
        rels=(RISKS,),
    ),
    Case(
        "byte-order-mark",
        write(RISKS, "\ufeff" + risks(risk("a"))),
        (Expect(RISKS, "byte-order mark", 1, 1),),
        "risks.toml:1:1",
        rels=(RISKS,),
    ),
    Case(
        "nul-byte",
        write(RISKS, risks(risk("a", "Ri\x00sk"))),
        (Expect(RISKS, "invalid TOML", 5),),
        "risks.toml:5:",
        rels=(RISKS,),
    ),
    Case("crlf-line-endings", write(RISKS, risks(risk("a"), risk("b")).replace("\n", "\r\n"))),
    Case(
        "conflict-markers-committed",
        write(
            RISKS,
            risks(risk("a"))
            + "<<<<<<< ours\nlikelihood = 2\n=======\nlikelihood = 3\n>>>>>>> theirs\n",
        ),
        (Expect(RISKS, "invalid TOML", 8, 1),),
        "risks.toml:8:1",
        rels=(RISKS,),
    ),
    Case(
        "empty-file",
        write(ENGAGEMENT, ""),
        (Expect(ENGAGEMENT, "customer: required key is missing", 1, 1),),
        "engagement.toml: missing or empty",
        rels=(ENGAGEMENT,),
    ),
    Case(
        "too-big",
        write(RISKS, risks(risk("a", "x" * 9_000_000))),
        (Expect(RISKS, "pcsm reads files of at most 8.0 MB", 1, 1),),
        "risks.toml:1:1",
        refused=True,
        rels=(RISKS,),
    ),
    Case("huge-string", write(RISKS, risks(risk("a", "x" * 3_000_000)))),
    # --- not a file: folders, links, pipes, permissions ---------------------------------
    Case(
        "folder-named-like-a-tool-file",
        folder(RISKS),
        (Expect(RISKS, "risks.toml is a folder, not a file", 1, 1),),
        "risks.toml is a folder",
        refused=True,
        rels=(f"{RISKS}/inside.txt",),
    ),
    Case(
        "dangling-link",
        link(RACI, "/nonexistent/raci.toml"),
        (Expect(RACI, LINKED, 1, 1),),
        refused=True,
        rels=(RACI,),
    ),
    Case(
        "link-to-a-file-outside",
        link(RISKS, OUTSIDE),
        (Expect(RISKS, LINKED, 1, 1),),
        "symbolic link",
        refused=True,
        rels=(RISKS,),
    ),
    Case(
        "link-to-dev-zero",
        link(RISKS, "/dev/zero"),
        (Expect(RISKS, LINKED, 1, 1),),
        "symbolic link",
        refused=True,
        rels=(RISKS,),
    ),
    Case(
        "link-inside-the-repository",
        link(RISKS, "../beta/risks.toml"),
        (Expect(RISKS, LINKED, 1, 1),),
        "symbolic link",
        refused=True,
        rels=(RISKS,),
    ),
    Case(
        "plan-folder-is-a-link",
        link(PLAN_DIR, "/tmp"),
        (Expect(PLAN_DIR, LINKED, 1, 1),),
        refused=True,
        rels=(PLAN_DIR,),
    ),
    Case(
        "engagement-folder-is-a-link",
        link("engagements/evil", "/tmp"),
        (Expect("engagements/evil", LINKED, 1, 1),),
        refused=True,
        rels=("engagements/evil",),
    ),
    Case(
        "settings-file-is-a-link",
        link("pcsm.toml", OUTSIDE),
        (Expect("pcsm.toml", LINKED, 1, 1),),
        refused=True,
        rels=("pcsm.toml",),
    ),
    Case(
        "framework-file-is-a-folder",
        folder("framework.toml"),
        (Expect("framework.toml", "framework.toml is a folder, not a file", 1, 1),),
        refused=True,
        rels=("framework.toml/inside.txt",),
    ),
    Case(
        "named-pipe",
        _fifo,
        (Expect(RISKS, "risks.toml is a named pipe, not a file", 1, 1),),
        "named pipe",
    ),
    Case(
        "no-permission",
        _chmod_zero,
        ()
        if os.geteuid() == 0  # root reads any file: nothing to report
        else (Expect(RISKS, "no permission to read it", 1, 1),),
        "" if os.geteuid() == 0 else "no permission",
    ),
    # --- names and ids ------------------------------------------------------------------
    Case(
        "duplicate-ids",
        write(RISKS, risks(risk("a"), risk("b"), risk("a"))),
        (Expect(RISKS, "duplicate id 'a'", 16, 1),),
        rels=(RISKS,),
    ),
    Case(
        "id-with-slash",
        write(RISKS, risks(risk("../../etc/passwd"))),
        (Expect(RISKS, "risks[Risk].id: String should match pattern", 4, 1),),
        rels=(RISKS,),
    ),
    Case(
        "id-with-newline",
        write(RISKS, risks('id = "a\\n"\nname = "x"\n')),
        (Expect(RISKS, "risks[x].id: String should match pattern", 4, 1),),
        rels=(RISKS,),
    ),
    Case(
        "engagement-folder-name-not-a-slug",
        write("engagements/Bad Name/engagement.toml", 'customer = "Hidden"\n'),
        (Expect("engagements/Bad Name", "not a valid folder name", 1, 1),),
        rels=("engagements/Bad Name/engagement.toml",),
    ),
    Case(
        "plan-month-not-a-month",
        write(f"{PLAN_DIR}/2026-13.toml", "format_version = 1\n"),
        (Expect(f"{PLAN_DIR}/2026-13.toml", "not a month", 1, 1),),
        rels=(f"{PLAN_DIR}/2026-13.toml",),
    ),
    # --- values ---------------------------------------------------------------------------
    Case(
        "wrong-types",
        write(ENGAGEMENT, 'customer = [1]\ncurrent_phase = "x"\nactivities_done = 5\n'),
        (
            Expect(ENGAGEMENT, "customer: Input should be a valid string", 1, 1),
            Expect(ENGAGEMENT, "current_phase: Input should be a valid integer", 2, 1),
            Expect(ENGAGEMENT, "activities_done: Input should be a valid dictionary", 3, 1),
        ),
        rels=(ENGAGEMENT,),
    ),
    Case(
        "list-where-a-table-list-belongs",
        write(RISKS, 'format_version = 1\nrisks = "none"\n'),
        (Expect(RISKS, "risks: Input should be a valid list", 2, 1),),
        rels=(RISKS,),
    ),
    Case(
        "nan-and-inf",
        write(
            LOG,
            'format_version = 1\n\n[[tasks]]\nid = "a"\ndate = 2026-01-01\ndescription = "x"\n'
            'time_spent = nan\n\n[[tasks]]\nid = "b"\ndate = 2026-01-02\n'
            'description = "y"\ntime_spent = inf\n',
        ),
        (
            Expect(LOG, "tasks[a].time_spent", 7, 1),
            Expect(LOG, "tasks[b].time_spent", 13, 1),
        ),
        rels=(LOG,),
    ),
    Case(
        "dates-at-the-ends-of-time",
        write(
            STRATEGY,
            'format_version = 1\n\n[[activities]]\nid = "forever"\nphase = 1\nname = "Forever"\n'
            "planned_start = 0001-01-01\nplanned_end = 9999-12-31\n",
        ),
    ),
    Case(
        "unknown-keys-are-kept",
        write(RISKS, risks(risk("a") + 'colour = "red"\n[risks.extra]\nnested = 1\n')),
    ),
    Case(
        "ten-thousand-rows",
        write(RISKS, many_rows(10_000)),
    ),
    # --- the repository's own files ---------------------------------------------------------
    Case(
        "scale-five-million",
        write("pcsm.toml", 'format_version = 1\nname = "T"\n\n[scales]\nrisk = "0..5000000"\n'),
        (Expect("pcsm.toml", "has 5000001 values; pcsm allows at most 101", 5, 1),),
        rels=("pcsm.toml",),
    ),
    Case(
        "scale-not-a-scale",
        write("pcsm.toml", 'format_version = 1\nname = "T"\n\n[scales]\nrisk = "zero to five"\n'),
        (Expect("pcsm.toml", "is not of the form LOW..HIGH", 5, 1),),
        rels=("pcsm.toml",),
    ),
    Case(
        "settings-not-utf8",
        write("pcsm.toml", b'name = "T\xff"\n'),
        (Expect("pcsm.toml", "not UTF-8 text", 1, 10),),
        refused=True,
        rels=("pcsm.toml",),
    ),
    Case(
        "settings-scales-not-a-table",
        write("pcsm.toml", 'format_version = 1\nname = "T"\nscales = "0..10"\n'),
        (Expect("pcsm.toml", "scales: Input should be a valid dictionary", 3, 1),),
        rels=("pcsm.toml",),
    ),
    Case(
        "framework-phases-not-a-table",
        write("framework.toml", "format_version = 1\nphases = 5\n"),
        (Expect("framework.toml", "phases: Input should be a valid dictionary", 2, 1),),
        rels=("framework.toml",),
    ),
    Case(
        "huge-members-list",
        write(
            "pcsm.toml",
            'format_version = 1\nname = "T"\n'
            + "".join(f'\n[[members]]\nid = "m{i}"\nname = "M {i}"\n' for i in range(5_000)),
        ),
    ),
    Case(
        "framework-duplicate-activity",
        write(
            "framework.toml",
            'format_version = 1\n\n[[activities.add]]\nphase = 4\nid = "p4-03"\ntext = "Again"\n',
        ),
        (Expect("framework.toml", "activity ids must be unique; repeated: p4-03", 1, 1),),
        rels=("framework.toml",),
    ),
    Case(
        "framework-add-cycle",
        write(
            "framework.toml",
            'format_version = 1\n\n[[activities.add]]\nphase = 4\nid = "t1"\ntext = "One"\n'
            'after = "t2"\n\n[[activities.add]]\nphase = 4\nid = "t2"\ntext = "Two"\n'
            'after = "t1"\n',
        ),
        (Expect("framework.toml", "'t1' goes after 't2', which phase 4 does not have", 7, 1),),
        rels=("framework.toml",),
    ),
    Case(
        "framework-thousands-of-adds",
        write(
            "framework.toml",
            "format_version = 1\n"
            + "".join(
                f'\n[[activities.add]]\nphase = 4\nid = "t{i}"\ntext = "Step {i}"\n'
                + (f'after = "t{i - 1}"\n' if i else "")
                for i in range(5_000)
            ),
        ),
    ),
    Case(
        "long-header-line",
        write(RISKS, "format_version = 1\n[" + " " * 50_000 + "risks" + " " * 50_000 + "]\n"),
        (Expect(RISKS, "risks: Input should be a valid list", 2, 1),),
        rels=(RISKS,),
    ),
    Case("git-file-pointing-nowhere", _git_file, rels=(".git",)),
    Case(
        "submodule-where-files-live",
        _nothing,
        refused=True,
    ),
]

BY_NAME = {case.name: case for case in CASES}

TOP_LEVEL = ("scale-five-million", "framework-duplicate-activity")
"""The cases of pcsm.toml and framework.toml put in the repository that holds them all
(each of those files can be hostile in one way at a time)."""


def in_engagement(case: Case) -> bool:
    """Whether everything the case changes is inside the engagement folder."""
    return all(rel.startswith(E) for rel in case.rels)
