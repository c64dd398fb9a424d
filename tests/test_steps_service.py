"""The workspace side of the app's steps (service_engagements.py): names made into folder
names, the standard RACI, commits of outside changes that refuse what does not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.cli import main
from pcsm_tui.errors import PcsmError
from pcsm_tui.safeio import read_toml
from pcsm_tui.service import Workspace
from pcsm_tui.service_engagements import slug_for
from pcsm_tui.store.layout import check_new_folder
from pcsm_tui.store.repository import Repository

from .conftest import git


@given(st.text(max_size=120), st.sets(st.text(max_size=20), max_size=5))
def test_a_folder_name_from_any_customer_name_is_allowed_and_new(
    customer: str, taken: set[str]
) -> None:
    taken = taken | {slug_for(customer, set())}  # the plain one is taken: a number is added
    slug = slug_for(customer, taken)
    assert check_new_folder(slug) == slug
    assert slug not in taken


def test_pcsm_new_starts_the_raci_from_the_standard_activities(tmp_path: Path) -> None:
    root = tmp_path / "central"
    Repository.init(root)
    assert main(["new", "acme", "--customer", "Acme", "--repo", str(root)]) == 0
    assert main(["new", "bare", "--customer", "B", "--raci", "empty", "--repo", str(root)]) == 0
    standard = Repository.open(root).framework.raci_activities
    acme = read_toml(root / "engagements/acme/raci.toml")[1]["matrices"][0]["activities"]
    assert [a["name"] for a in acme] == [a.text for a in standard]
    assert len(standard) >= 10
    bare = read_toml(root / "engagements/bare/raci.toml")[1]["matrices"][0]
    assert bare.get("activities", []) == []
    assert main(["validate", str(root)]) == 0  # warnings only: who does what is still open


def test_a_file_that_does_not_read_is_not_committed(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    path = repo.root / "engagements/acme/risks.toml"
    path.write_text("risks = [", encoding="utf-8")
    shown = workspace.uncommitted()
    assert [item.rel for item in shown] == ["engagements/acme/risks.toml"]
    before = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(PcsmError, match="cannot be read"):
        workspace.commit_uncommitted(shown, "broken on purpose")
    assert git(repo.root, "rev-parse", "HEAD") == before
    assert path.read_text(encoding="utf-8") == "risks = ["  # and nothing was lost


def test_a_retired_member_is_not_offered_as_csm(repo: Repository) -> None:
    workspace = Workspace(repo.root)
    workspace.add_member("Ana Souza", "CSM")
    workspace.retire_member("ana-souza")
    with pytest.raises(PcsmError, match="not a current team member"):
        workspace.start_engagement("beta", "Beta", csm="ana-souza")
    assert not (repo.root / "engagements/beta").exists()


def test_latin_letters_without_accents_are_written_as_letters_not_dropped() -> None:
    """NFKD leaves ø, æ, ß, ł, þ whole: dropped, "Café Nørd" became `cafe-nrd`."""
    assert slug_for("Café Nørd GmbH", set()) == "cafe-nord-gmbh"
    assert slug_for("Łódź Æble Straße", set()) == "lodz-aeble-strasse"
    assert slug_for("Þór Ødegaard ĐURO", set()) == "thor-odegaard-duro"
    assert slug_for("株式会社", set()) == "engagement"  # no letter-by-letter spelling


def test_cyrillic_and_greek_names_are_spelled_in_latin_letters() -> None:
    """Without it every Russian, Ukrainian, Serbian or Greek customer was `engagement-N`."""
    assert slug_for("ООО Москва Ритейл", set()) == "ooo-moskva-riteyl"
    assert slug_for("Щука Объект", set()) == "shchuka-obekt"
    assert slug_for("Йод ЁЛКА", set()) == "yod-yolka"  # й read before NFKD splits it
    assert slug_for("Београд Љубљана", set()) == "beograd-ljubljana"
    assert slug_for("Αθήνα Ξενία", set()) == "athina-xenia"  # accents dropped after NFKD


def test_a_folder_name_windows_keeps_for_a_device_gets_a_number() -> None:
    """A folder `aux` or `con` cannot be checked out on Windows: the teammate's clone fails."""
    assert slug_for("Aux", set()) == "aux-2"
    assert slug_for("CON", {"con-2"}) == "con-3"
    assert slug_for("Com 1", set()) == "com-1"  # not a device name: kept
    assert slug_for("LPT1", set()) == "lpt1-2"


def test_pcsm_new_refuses_a_device_name_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Typed by hand (`pcsm new aux`), the name is refused before anything is written."""
    assert main(["init", str(tmp_path / "r")]) == 0
    assert main(["new", "aux", "--customer", "Aux Ltd", "--repo", str(tmp_path / "r")]) != 0
    assert "Windows keeps the name for a device" in capsys.readouterr().err
    assert not (tmp_path / "r" / "engagements" / "aux").exists()
    with pytest.raises(PcsmError, match="Windows"):
        Workspace(tmp_path / "r").check_new_slug("con")
