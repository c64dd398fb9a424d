"""`pcsm validate --staged`, `--changed-since`, row names in findings, import-rules.toml,
and a real pre-commit run with the shipped hook definitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from pcsm_tui.store.repository import Repository
from pcsm_tui.store.snapshot import materialize
from pcsm_tui.store.validate import validate_repository

from .conftest import git
from .helpers import run_cli as run
from .test_validate import RACI, REGISTER

PROJECT = Path(__file__).resolve().parent.parent
RISKS = "engagements/acme/risks.toml"
GOOD_RISKS = """\
format_version = 1

[[risks]]
id = "erp"
name = "ERP integration late"
likelihood = 2
severity = 3
"""
BAD_RISKS = GOOD_RISKS.replace("likelihood = 2", "likelihood = 9")
UNTRACKED = "engagements/acme/stakeholder-plan/2027-01.toml"


# --- row names in every message ---------------------------------------------------------------


def test_findings_name_rows_not_indices(repo: Repository) -> None:
    (repo.root / RISKS).write_text(BAD_RISKS)
    (finding,) = validate_repository(repo.root)
    assert finding.message.startswith("risks[ERP integration late].likelihood: ")
    (repo.root / RISKS).write_text(BAD_RISKS.replace('name = "ERP integration late"\n', ""))
    messages = [f.message for f in validate_repository(repo.root)]
    assert any(m.startswith("risks[erp].likelihood: ") for m in messages)  # no name: its id


def test_a_hostile_row_name_is_shown_as_text(repo: Repository) -> None:
    hostile = BAD_RISKS.replace("ERP integration late", "late\\u001b[2J\\u0007 now")
    (repo.root / RISKS).write_text(hostile)
    (finding,) = validate_repository(repo.root)
    assert "\x1b" not in str(finding) and "\x07" not in str(finding)
    assert finding.message.startswith("risks[late\\x1b[2J\\x07 now].likelihood")


# --- import-rules.toml ------------------------------------------------------------------------


def test_import_rules_are_validated_with_their_line(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = repo.root / "import-rules.toml"
    rules.write_text('date_order = "dmy"\n\n[levels]\n"urgent" = 11\n')
    code, out, _ = run(capsys, "validate", str(repo.root))
    assert code == 1
    assert out.splitlines() == [
        "import-rules.toml:3:1: error: levels: Value error, level 'urgent' = 11.0: "
        "levels are given on 0..10"
    ]
    rules.write_text("colour = 'blue'\n")
    assert (
        "import-rules.toml:1:1: error: colour: Extra inputs are not permitted"
        in run(capsys, "validate", str(repo.root))[1]
    )
    rules.write_text("levels = [\n")
    assert run(capsys, "validate", str(repo.root))[1].startswith("import-rules.toml:")
    rules.write_text('date_order = "mdy"\n[headers]\nowner = ["DRI"]\n')
    assert run(capsys, "validate", str(repo.root))[0] == 0


# --- what is staged ---------------------------------------------------------------------------


def test_staged_validation_reads_the_index_not_the_work_tree(
    repo: Repository, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo.root
    monkeypatch.chdir(root)
    (root / UNTRACKED).write_text("this is = = not toml\n")
    assert run(capsys, "validate")[0] == 1  # the work tree is broken
    assert run(capsys, "validate", "--staged")[0] == 0  # what would be committed is not
    (root / RISKS).write_text(BAD_RISKS)
    git(root, "add", RISKS)
    (root / RISKS).write_text(GOOD_RISKS)  # fixed on disk, but not staged
    code, out, _ = run(capsys, "validate", "--staged")
    assert code == 1
    assert out.startswith(f"{RISKS}:6:1: error: risks[ERP integration late].likelihood: ")
    git(root, "add", RISKS)
    assert run(capsys, "validate", "--staged")[0] == 0


def test_a_hostile_tree_cannot_place_files_elsewhere(repo: Repository, tmp_path: Path) -> None:
    """Paths come from git; a crafted tree (git mktree accepts `..` as a name) must not put
    a file anywhere but where its kind lives."""
    root = repo.root

    def mktree(line: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), "mktree"],
            input=line,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    blob = git(root, "hash-object", "-w", "--stdin").strip()
    raci = mktree(f"100644 blob {blob}\traci.toml\n")
    dots = mktree(f"040000 tree {raci}\t..\n")
    top = mktree(f"040000 tree {dots}\tengagements\n")
    commit = git(root, "commit-tree", top, "-m", "crafted").strip()
    assert git(root, "ls-tree", "-r", "--name-only", commit).strip() == "engagements/../raci.toml"
    dest = tmp_path / "snapshot"
    dest.mkdir()
    assert materialize(repo.git, dest, commit) == []
    assert list(dest.rglob("*")) == []


# --- changed since a revision -----------------------------------------------------------------


def test_changed_since_reports_changed_files_and_their_referrers(
    repo: Repository, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo.root
    monkeypatch.chdir(root)
    (root / "engagements/acme/stakeholders.toml").write_text(REGISTER)
    (root / "engagements/acme/raci.toml").write_text(RACI)
    (root / RISKS).write_text(BAD_RISKS)  # an old error, in a file the change does not touch
    git(root, "add", "-A")
    git(root, "commit", "-qm", "old state")
    base = git(root, "rev-parse", "HEAD").strip()
    register = root / "engagements/acme/stakeholders.toml"
    register.write_text(
        REGISTER.replace('[[stakeholders]]\nid = "it"', '[[stakeholders]]\nid = "itx"')
    )
    git(root, "commit", "-qam", "renamed a stakeholder id")
    code, out, err = run(capsys, "validate", "--changed-since", base)
    assert code == 1
    paths = {line.split(":", 1)[0] for line in out.splitlines()}
    assert paths == {"engagements/acme/raci.toml"}  # the RACI refers to the changed register
    assert "matrices[Rollout].columns[it].stakeholder: stakeholder 'it' does not exist" in out
    assert "not changed since" in err
    assert run(capsys, "validate", "--changed-since", "HEAD")[0] == 0  # nothing changed since
    assert run(capsys, "validate", "--changed-since", "nope")[0] == 2


# --- a real pre-commit ------------------------------------------------------------------------


def _index_reachable(tmp_path: Path) -> str | None:
    """None when pre-commit can be had from the package index; otherwise why not."""
    probe = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            "-d",
            str(tmp_path),
            "pre-commit",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return (
        None if probe.returncode == 0 else f"pre-commit cannot be downloaded: {probe.stderr[-300:]}"
    )


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit, installed from the package index into a venv of its own."""
    folder = tmp_path_factory.mktemp("pre-commit")
    reason = _index_reachable(folder / "probe")
    if reason:
        pytest.skip(reason)
    venv.EnvBuilder(with_pip=True).create(folder / "venv")
    python = folder / "venv" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "pre-commit"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder / "venv" / "bin"


def _hooks(bin_dir: Path) -> list[dict[str, object]]:
    """The shipped .pre-commit-hooks.yaml, read with pre-commit's own YAML library."""
    out = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
            str(PROJECT / ".pre-commit-hooks.yaml"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    hooks: list[dict[str, object]] = json.loads(out)
    return hooks


def test_pre_commit_blocks_only_what_is_staged_and_shows_warnings(
    repo: Repository, pre_commit: Path, tmp_path: Path
) -> None:
    """The shipped hook definition (entry, files, verbose) through a real pre-commit; the
    hook runs the pcsm of this test session (`language: system`), since installing pcsm
    into pre-commit's own environment is pip's job, not what is tested here."""
    root = repo.root
    (hook,) = [h for h in _hooks(pre_commit) if h["id"] == "pcsm-validate"]
    local = {**hook, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (root / ".pre-commit-config.yaml").write_text(json.dumps(config))  # JSON is YAML
    env = {
        **os.environ,
        "PATH": os.pathsep.join(
            [str(Path(sys.executable).parent), str(pre_commit), os.environ["PATH"]]
        ),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
    }

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-m", message],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # hooks write to either: read them as a person sees them
            text=True,
            timeout=300,
        )

    subprocess.run(["pre-commit", "install"], cwd=root, env=env, check=True, capture_output=True)
    git(root, "add", ".pre-commit-config.yaml")
    (root / UNTRACKED).write_text("this is = = not toml\n")  # never staged
    (root / "engagements/acme/stakeholders.toml").write_text(REGISTER)
    (root / "engagements/acme/raci.toml").write_text(RACI)
    (root / RISKS).write_text(GOOD_RISKS)
    git(root, "add", "engagements/acme/stakeholders.toml", "engagements/acme/raci.toml", RISKS)
    done = commit("a valid change beside a broken untracked file")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pcsm validate" in done.stdout and "Passed" in done.stdout
    assert "warning: RACI activity 'Nobody accountable'" in done.stdout  # verbose: shown
    (root / RISKS).write_text(BAD_RISKS)
    git(root, "add", RISKS)
    blocked = commit("a broken change")
    assert blocked.returncode != 0
    assert "Failed" in blocked.stdout
    assert f"{RISKS}:6:1: error: risks[ERP integration late].likelihood" in blocked.stdout
    assert git(root, "log", "-1", "--format=%s").strip() == (
        "a valid change beside a broken untracked file"
    )
