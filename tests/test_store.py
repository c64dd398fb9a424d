"""The store: merged writes keep a person's formatting; one call is one commit (design A2)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pcsm_tui.models.commitment import RaciActivity, RaciColumn
from pcsm_tui.models.onboarding import OnboardingScore
from pcsm_tui.store.atomic import digest
from pcsm_tui.store.git import IdentityMissing
from pcsm_tui.store.repository import FileChangedOnDisk, Repository, UnreadableFile, Write
from pcsm_tui.store.toml_codec import TomlSyntaxError

from .conftest import git
from .helpers import commits as commit_count

HAND_WRITTEN = """\
# Scored with the customer's SPL on a call -- keep these notes!
format_version = 1

products_services = 3   # two products, one new to them
customization = 2
# maturity discussed at length
adoption_needs = 4
customer_maturity = 1
notes = \"\"\"
First line.
Second line.\"\"\"
our_own_key = "tools may add keys pcsm does not know"
"""


def test_hand_written_comments_survive_and_one_field_is_one_line(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    (repo.root / rel).write_text(HAND_WRITTEN)
    git(repo.root, "commit", "-qam", "hand edit")
    loaded = repo.load(rel)
    assert isinstance(loaded.model, OnboardingScore)
    assert loaded.model.model_extra == {"our_own_key": "tools may add keys pcsm does not know"}
    changed = loaded.model.model_copy(update={"adoption_needs": 5})
    repo.edit(loaded, changed)
    after = (repo.root / rel).read_text()
    assert after == HAND_WRITTEN.replace("adoption_needs = 4", "adoption_needs = 5")
    numstat = git(repo.root, "show", "--numstat", "--format=", "HEAD").split()
    assert numstat == ["1", "1", rel]


def test_commit_message_follows_design_a2(repo: Repository) -> None:
    rel = "engagements/acme/raci.toml"
    loaded = repo.load(rel)
    raci = loaded.model.model_copy(deep=True)
    matrix = raci.matrices[0]  # type: ignore[attr-defined]
    matrix.columns.append(RaciColumn(id="cfo", title="CFO"))
    matrix.activities.append(
        RaciActivity(id="funding", name="Funding approval", cells={"cfo": "R"})
    )
    repo.edit(loaded, raci)
    loaded = repo.load(rel)
    raci = loaded.model.model_copy(deep=True)
    raci.matrices[0].activities[0].cells["cfo"] = frozenset({"R", "A"})  # type: ignore[attr-defined]
    before = commit_count(repo.root)
    result = repo.edit(loaded, raci)
    assert commit_count(repo.root) == before + 1
    message = git(repo.root, "log", "-1", "--format=%B")
    subject, body, trailers = message.strip().split("\n\n")
    assert subject == "acme: raci: Funding approval × CFO: R → R/A"
    assert body == "- matrices[RACI matrix].activities[Funding approval].cells[CFO]: R → R/A"
    parsed = git(repo.root, "log", "-1", "--format=%(trailers:only,unfold)")
    assert parsed.split() == [
        "Pcsm-Engagement:",
        "acme",
        "Pcsm-Tool:",
        "raci",
        "Pcsm-Action:",
        "edit",
    ]
    assert trailers == "Pcsm-Engagement: acme\nPcsm-Tool: raci\nPcsm-Action: edit"
    assert result.subject == subject
    assert (
        git(repo.root, "log", "-1", "--format=%an <%ae>").strip()
        == "Test CSM <test.csm@example.com>"
    )
    grep = git(repo.root, "log", "--format=%s", "--grep=Pcsm-Engagement: acme")
    assert grep.splitlines() == [
        "acme: raci: Funding approval × CFO: R → R/A",
        "acme: raci: added CFO, Funding approval",
        "acme: engagement: engagement started (24 files)",
    ]


def test_personal_data_stays_out_of_commit_messages(repo: Repository) -> None:
    from pcsm_tui.models.engagement import Register, Stakeholder

    rel = "engagements/acme/stakeholders.toml"
    loaded = repo.load(rel)
    register = Register(
        stakeholders=[
            Stakeholder(
                id="cfo",
                name="John Ashton",
                job_role="CFO",
                contact="john@acme.example",
                notes="Detailed; wants regular briefings",
            )
        ]
    )
    repo.edit(loaded, register)
    loaded = repo.load(rel)
    edited = register.model_copy(deep=True)
    edited.stakeholders[0].name = "Jonathan Ashton"
    edited.stakeholders[0].key = True
    repo.edit(loaded, edited)
    log = git(repo.root, "log", "--format=%B")
    for secret in ("John", "Ashton", "john@acme", "briefings"):
        assert secret not in log
    assert "stakeholders[CFO].name: changed" in log
    assert "stakeholders[CFO].key: no → yes" in log


def test_one_call_one_commit_and_nothing_for_no_change(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    loaded = repo.load(rel)
    before = commit_count(repo.root)
    result = repo.edit(loaded, loaded.model)
    assert result.sha is None
    assert commit_count(repo.root) == before


def test_refuses_to_overwrite_a_file_changed_on_disk(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    loaded = repo.load(rel)
    (repo.root / rel).write_text((repo.root / rel).read_text() + "# someone else\n")
    snapshot = (repo.root / rel).read_bytes()
    model = loaded.model.model_copy(update={"customization": 1})
    with pytest.raises(FileChangedOnDisk):
        repo.save([Write(rel, model, loaded.digest)], repo.scope_for(rel))
    assert (repo.root / rel).read_bytes() == snapshot


def test_an_edit_keeps_an_outside_change_out_of_its_commit(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    loaded = repo.load(rel)
    (repo.root / rel).write_text((repo.root / rel).read_text() + "# someone else\n")
    result = repo.edit(loaded, loaded.model.model_copy(update={"customization": 1}))
    assert result.subject == "acme: onboarding-score: Customization: 0 → 1"
    assert (repo.root / rel).read_text().endswith("# someone else\n")
    assert "someone else" not in git(repo.root, "show", "HEAD")
    assert "customization = 1" in git(repo.root, "show", f"HEAD:{rel}")
    assert git(repo.root, "status", "--porcelain") == f" M {rel}\n"


def test_invalid_toml_is_reported_with_position_and_left_untouched(repo: Repository) -> None:
    rel = "engagements/acme/risks.toml"
    broken = b'format_version = 1\n\n[[risks]]\nid = "r1"\nname = "unterminated\n'
    (repo.root / rel).write_bytes(broken)
    with pytest.raises(TomlSyntaxError) as caught:
        repo.load(rel)
    assert (caught.value.line, caught.value.column) == (5, 21)
    assert "Illegal character" in caught.value.message
    from pcsm_tui.models.adoption import Risks

    before = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(UnreadableFile, match=r"line 5, column 21"):
        repo.save([Write(rel, Risks(), expected_digest=digest(broken))], repo.scope_for(rel))
    assert (repo.root / rel).read_bytes() == broken
    assert git(repo.root, "rev-parse", "HEAD") == before


def test_missing_identity_stops_the_commit_with_instructions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = Repository.init(tmp_path / "central")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key)
    fresh = Repository.open(tmp_path / "central")
    before = commit_count(fresh.root)
    with pytest.raises(IdentityMissing) as caught:
        fresh.new_engagement("acme", "Acme")
    assert 'git config --global user.name "Your Name"' in str(caught.value)
    assert "git config --global user.email" in str(caught.value)
    assert not (fresh.root / "engagements").exists()
    assert commit_count(fresh.root) == before
    assert repository.root == fresh.root


def test_history_and_content_at_any_commit(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    first = repo.git.head()
    assert first is not None
    loaded = repo.load(rel)
    repo.edit(loaded, loaded.model.model_copy(update={"customization": 4}))
    history = repo.git.log(rel)
    assert [c.subject for c in history] == [
        "acme: onboarding-score: Customization: 0 → 4",
        "acme: engagement: engagement started (24 files)",
    ]
    old = repo.git.show_file(first, rel)
    assert old is not None and "customization = 0" in old
    assert repo.git.show_file(first, "engagements/acme/nothing.toml") is None
    assert tomllib.loads((repo.root / rel).read_text())["customization"] == 4


def test_reordering_rows_moves_their_comments(repo: Repository) -> None:
    rel = "engagements/acme/practical-considerations.toml"
    text = (
        (repo.root / rel)
        .read_text()
        .replace('id = "financing"', '# ask the CFO first\nid = "financing"')
    )
    (repo.root / rel).write_text(text)
    git(repo.root, "commit", "-qam", "comment")
    loaded = repo.load(rel)
    model = loaded.model.model_copy(deep=True)
    rows = model.considerations  # type: ignore[attr-defined]
    moved = next(r for r in rows if r.id == "financing")
    rows.remove(moved)
    rows.insert(0, moved)
    result = repo.edit(loaded, model)
    after = (repo.root / rel).read_text()
    assert after.index("# ask the CFO first") < after.index('id = "implementation-phases"')
    assert any(c.op == "move" for c in result.changes)


def test_undo_is_a_new_commit_that_restores_the_previous_version(repo: Repository) -> None:
    rel = "engagements/acme/onboarding-score.toml"
    loaded = repo.load(rel)
    repo.edit(loaded, loaded.model.model_copy(update={"customization": 4}))
    edited = git(repo.root, "rev-parse", "HEAD").strip()
    before = commit_count(repo.root)
    result = repo.undo()
    assert commit_count(repo.root) == before + 1
    assert "customization = 0" in (repo.root / rel).read_text()
    assert result.subject == "acme: onboarding-score: undo “Customization: 0 → 4”"
    message = git(repo.root, "log", "-1", "--format=%B")
    assert f"Pcsm-Undoes: {edited}" in message and "Pcsm-Action: undo" in message
    assert "- customization: 4 → 0" in message
    repo.undo()  # undoing the undo brings the edit back
    assert "customization = 4" in (repo.root / rel).read_text()


def test_undo_refuses_when_the_file_changed_since(repo: Repository) -> None:
    from pcsm_tui.store.repository import CannotUndo

    rel = "engagements/acme/onboarding-score.toml"
    loaded = repo.load(rel)
    repo.edit(loaded, loaded.model.model_copy(update={"customization": 4}))
    (repo.root / rel).write_text((repo.root / rel).read_text() + "# later\n")
    with pytest.raises(CannotUndo, match="has changed since"):
        repo.undo()
    assert (repo.root / rel).read_text().endswith("# later\n")
