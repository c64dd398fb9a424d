"""`pcsm clone --mine`: a partial, sparse clone with one CSM's engagements, against a real
bare remote over file:// (partial clone needs `uploadpack.allowFilter` there), beside full
clones. What a sparse clone must never do is fetch another CSM's blobs: each test checks the
blobs git holds with `rev-list --missing=print`, which never fetches."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.cli import main
from pcsm_tui.service import Workspace
from pcsm_tui.store.git import GitService
from pcsm_tui.store.sparse import in_cone
from pcsm_tui.store.summaries import SUMMARY_DIR, commit_refresh, refresh, summary_rel

from .conftest import git
from .remotes import Clone, Team, _environment

MINE = "contoso-retail"  # dev-patel's engagement in the demo
OTHERS = ("fabrikam-health", "northwind-emea")


def run(*args: str, env: dict[str, str] | None = None) -> int:
    with _environment(env or {}):
        return main(list(args))


def prepared(two: Team) -> str:
    """The remote allows filtered clones and keeps summaries (alice's `sparse init` + sync);
    returns its file:// URL."""
    git(two.bare, "config", "uploadpack.allowFilter", "true")
    assert run("sparse", "init", "--repo", str(two.alice.root), env=two.alice.env) == 0
    assert two.alice.sync() == 0
    return two.bare.resolve().as_uri()


def sparse_clone(url: str, target: Path, who: str = "dev-patel") -> Clone:
    carol = Clone("carol", target)
    assert run("clone", url, str(target), "--mine", who, env=carol.env) == 0
    return carol


def missing(clone: Clone) -> set[str]:
    """The objects HEAD reaches that this clone does not hold (nothing is fetched)."""
    out = clone.git("rev-list", "--objects", "--missing=print", "HEAD")
    return {line[1:] for line in out.splitlines() if line.startswith("?")}


def blobs_of(clone: Clone, folder: str) -> set[str]:
    """The blob ids of a folder in HEAD's tree (trees only: nothing is fetched)."""
    out = clone.git("ls-tree", "-r", "HEAD", "--", folder)
    return {line.split()[2] for line in out.splitlines()}


def assert_others_never_fetched(clone: Clone, slugs: tuple[str, ...] = OTHERS) -> None:
    """No blob that only other CSMs' engagements hold is here (a blob with the same bytes
    as a file of the clone's own folders is the same object: it is here for that file)."""
    absent = missing(clone)
    others = tuple(f"engagements/{slug}/" for slug in slugs)
    ours: set[str] = set()
    theirs: dict[str, set[str]] = {slug: set() for slug in slugs}
    for line in clone.git("ls-tree", "-r", "HEAD").splitlines():
        meta, rel = line.split("\t", 1)
        blob = meta.split()[2]
        owner = next((s for s, o in zip(slugs, others, strict=True) if rel.startswith(o)), None)
        (theirs[owner] if owner else ours).add(blob)
    for slug, blobs in theirs.items():
        only_theirs = blobs - ours
        assert only_theirs, slug
        assert only_theirs <= absent, f"{slug}'s blobs were fetched"


def test_mine_clone_holds_its_engagements_syncs_both_ways_and_fetches_no_other_blob(
    two: Team, tmp_path: Path
) -> None:
    url = prepared(two)
    carol = sparse_clone(url, tmp_path / "carol")
    assert sorted(p.name for p in (carol.root / "engagements").iterdir()) == [MINE]
    for shared in ("pcsm.toml", "people", "knowledge", SUMMARY_DIR):
        assert (carol.root / shared).exists(), shared
    assert_others_never_fetched(carol)

    # alice moves another CSM's engagement on; carol edits her own; both sync
    northwind = "engagements/northwind-emea/engagement.toml"
    two.alice.edit(northwind, lambda d: d.update(status="paused"), "northwind paused")
    phase = two.alice.read(northwind)["current_phase"]
    two.alice.edit(northwind, lambda d: d.update(current_phase=phase - 1), "northwind back")
    assert two.alice.sync() == 0
    contoso = f"engagements/{MINE}/engagement.toml"
    carol.edit(contoso, lambda d: d.update(summary="Carol was here."), "contoso summary")
    assert carol.sync() == 0
    assert carol.git("rev-parse", f"HEAD:{northwind}") == two.alice.git(
        "rev-parse", f"HEAD:{northwind}"
    )
    assert two.alice.sync() == 0
    assert two.alice.read(contoso)["summary"] == "Carol was here."
    assert carol.errors() == []
    assert_others_never_fetched(carol)

    # the portfolio lists every engagement; the others from their summaries, kept current
    rows = {row.slug: row for row in Workspace(carol.root).portfolio()}
    assert sorted(rows) == sorted((MINE, *OTHERS))
    assert not rows[MINE].absent
    assert rows["northwind-emea"].absent
    assert rows["northwind-emea"].customer == "Northwind Manufacturing"
    assert rows["northwind-emea"].phase == phase - 1  # alice's sync wrote it
    assert rows["northwind-emea"].csm == "maria-lopez"
    assert_others_never_fetched(carol)


def test_sparse_add_fetches_one_more_engagement(
    two: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carol = sparse_clone(prepared(two), tmp_path / "carol")
    capsys.readouterr()
    assert run(str(carol.root)) == 0  # not a terminal: the summary, which names the others
    assert "not in this clone (2, " in capsys.readouterr().out
    assert run("sparse", "list", "--repo", str(carol.root)) == 0
    assert "not in this clone (2): fabrikam-health, northwind-emea" in capsys.readouterr().out
    code = run("sparse", "add", "northwind-emea", "--repo", str(carol.root), env=carol.env)
    assert code == 0
    assert (carol.root / "engagements/northwind-emea/engagement.toml").is_file()
    absent = {r.slug for r in Workspace(carol.root).portfolio() if r.absent}
    assert absent == {"fabrikam-health"}
    assert_others_never_fetched(carol, ("fabrikam-health",))
    assert carol.errors() == []
    assert run("sparse", "add", "nobody-here", "--repo", str(carol.root)) == 1


def test_clone_refuses_an_unknown_member_and_a_repository_without_summaries(
    two: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(two.bare, "config", "uploadpack.allowFilter", "true")
    url = two.bare.resolve().as_uri()
    assert run("clone", url, str(tmp_path / "a"), "--mine", "dev-patel") == 1
    assert "pcsm sparse init" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()  # the half-made clone is gone: try again works
    assert run("clone", url, str(tmp_path / "b"), "--mine", "nobody") == 2
    assert "members: maria-lopez, dev-patel, sam-okafor" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mine.txt").write_text("keep me")
    assert run("clone", url, str(tmp_path / "c")) == 1
    assert (tmp_path / "c" / "mine.txt").read_text() == "keep me"
    assert run("clone", url, str(tmp_path / "d")) == 0  # a normal clone without --mine
    assert (tmp_path / "d" / "engagements" / "northwind-emea").is_dir()


def test_a_full_clone_without_summaries_gets_none_from_sync(two: Team) -> None:
    two.alice.edit(
        "engagements/northwind-emea/engagement.toml",
        lambda d: d.update(status="paused"),
        "paused",
    )
    assert two.alice.sync() == 0
    assert not (two.alice.root / SUMMARY_DIR).exists()
    assert "summaries" not in two.alice.git("log", "-1", "--format=%s")


def test_a_linked_summaries_folder_is_never_written_through(
    demo_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (demo_copy / ".pcsm").mkdir(exist_ok=True)
    os.symlink(outside, demo_copy / SUMMARY_DIR)
    assert refresh(demo_copy) == []
    assert list(outside.iterdir()) == []
    assert run("sparse", "init", "--repo", str(demo_copy)) == 1
    assert list(outside.iterdir()) == []


def test_conflicting_summaries_are_settled_from_the_merged_files(two: Team) -> None:
    """alice and bob both push a summary of the same engagement: the second sync takes
    theirs and writes it again from the merged files (no conflict stops it)."""
    prepared(two)
    assert two.bob.sync() == 0
    risks = "engagements/northwind-emea/risks.toml"

    def high(*indexes: int) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            for index in indexes:
                data["risks"][index].update(likelihood=5, severity=5, state="open")

        return change

    before = two.alice.read(summary_rel("northwind-emea"))["high_risks"]
    two.alice.edit(risks, high(4), "alice: a risk high")
    two.bob.edit(risks, high(1, 5), "bob: two risks high")
    # bob's summary is committed before he has alice's change: a sync whose push lost the
    # race to alice's would leave exactly this
    assert commit_refresh(GitService(two.bob.root)) is not None
    assert two.alice.sync() == 0
    assert two.bob.sync() == 0
    assert two.alice.sync() == 0
    rel = summary_rel("northwind-emea")
    assert two.alice.read(rel) == two.bob.read(rel)
    rows = {r.slug: r for r in Workspace(two.bob.root).portfolio()}
    assert two.bob.read(rel)["high_risks"] == rows["northwind-emea"].high_risks == before + 3


SEGMENT = st.sampled_from(["a", "b", "engagements", "x-1"])
PATHS = st.lists(SEGMENT, min_size=1, max_size=4).map("/".join)


@given(st.lists(PATHS, max_size=3), PATHS)
def test_in_cone_follows_gits_cone_rules(folders: list[str], rel: str) -> None:
    inside = in_cone(folders)(rel)
    parts = rel.split("/")
    parent = "/".join(parts[:-1])
    expected = (
        len(parts) == 1
        or any(parent == f or parent.startswith(f + "/") for f in folders)
        or any(f.startswith(parent + "/") for f in folders)
    )
    assert inside == expected


def test_in_cone_agrees_with_git(tmp_path: Path) -> None:
    """The same rules as git's own sparse checkout, on a small tree."""
    files = ["top.toml", "a/one", "a/b/two", "a/b/c/three", "d/four", "engagements/x/e.toml"]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "tree")
    folders = ["a/b/c", "engagements/x"]
    subprocess.run(
        ["git", "-C", str(tmp_path), "sparse-checkout", "set", "--cone", *folders], check=True
    )
    inside = in_cone(folders)
    for rel in files:
        assert inside(rel) == (tmp_path / rel).exists(), rel


def test_a_new_engagement_in_a_mine_clone_is_committed_and_reaches_the_team(
    two: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carol = sparse_clone(prepared(two), tmp_path / "carol")
    repo = str(carol.root)
    new = ["new", "acme-new", "--customer", "Acme New", "--csm", "dev-patel", "--repo", repo]
    assert run(*new, env=carol.env) == 0
    assert carol.git("status", "--porcelain") == ""  # every file committed, none left out
    assert "engagements/acme-new/engagement.toml" in carol.git("ls-files")
    assert carol.sync() == 0
    assert two.alice.sync() == 0
    assert two.alice.read("engagements/acme-new/engagement.toml")["customer"] == "Acme New"
    assert two.alice.read(summary_rel("acme-new"))["csm"] == "dev-patel"  # carol's sync
    # a slug the repository holds, though not this clone, is not made a second time
    capsys.readouterr()
    taken = ["new", "northwind-emea", "--customer", "Copy", "--repo", repo]
    assert run(*taken, env=carol.env) == 1
    assert "pcsm sparse add northwind-emea" in capsys.readouterr().err
    assert not (carol.root / "engagements/northwind-emea").exists()
    assert_others_never_fetched(carol)


def _moved_and_edited(clone: Clone, rel: str, to: str) -> None:
    """A rename git would call similar, not identical: telling it needs both blobs."""
    clone.git("mv", rel, to)
    path = clone.root / to
    path.write_text(path.read_text(encoding="utf-8") + "\n# moved\n", encoding="utf-8")
    clone.git("commit", "-qam", f"{rel} -> {to}")


def test_the_last_change_walk_of_a_mine_clone_fetches_no_other_blob(
    two: Team, tmp_path: Path
) -> None:
    """`git log --name-only` detects renames by default, and an inexact one needs both
    blobs: in a partial clone git fetches them from the remote, another CSM's included.
    The last-change walk (store/lastchange) asks for names without rename detection; the
    clone walks it once, so the app's first frame has the column."""
    risks = "engagements/northwind-emea/risks.toml"
    _moved_and_edited(two.alice, risks, risks.replace("risks", "risks-draft"))
    _moved_and_edited(two.alice, risks.replace("risks", "risks-draft"), risks)
    two.alice.git("push", "-q")
    url = prepared(two)
    carol = sparse_clone(url, tmp_path / "carol")
    assert_others_never_fetched(carol)
    kept = Workspace(carol.root).kept_last_changes()  # walked by the clone, no git asked
    assert kept == Workspace(carol.root).last_changes()
    assert kept["northwind-emea"].subject.endswith("-> engagements/northwind-emea/risks.toml")
    assert_others_never_fetched(carol)
