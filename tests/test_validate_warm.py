"""A warm `pcsm validate` (issue 16): nothing but a walk, git's index and the cache file
when nothing changed, and a cache that is never trusted wrongly.

Each test compares with a whole run that reads every file (store.validate.whole_repository)
or with what a cold run printed."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.framework.catalogue import ENGAGEMENT_FILES, PERSON_FILES
from pcsm_tui.schemas.editor import SCHEMA_DIR, TAPLO_CONFIG
from pcsm_tui.service_checks import EDITOR_CONFIG, EDITOR_SCHEMAS
from pcsm_tui.store.import_rules import RULES_FILE as IMPORT_RULES
from pcsm_tui.store.layout import classify
from pcsm_tui.store.validate import whole_repository
from pcsm_tui.store.validate_units import (
    ENGAGEMENT_NAMES,
    PERSON_NAMES,
    RULES_FILE,
    unit_of,
    validate_units,
)

RISKS = "engagements/northwind-emea/risks.toml"
BAD_ROW = '\n[[risks]]\nid = "bad"\nname = "Bad"\nlikelihood = 99\n'
HEAVY = ("pydantic", "pydantic_core", "git", "tomlkit", "textual", "rich", "openpyxl")
"""Libraries a warm validate must not import (and pcsm's models, framework catalogue)."""

CHILD = """
import sys
from pcsm_tui.cli import main
sys.argv = ["pcsm", "validate", sys.argv[1]]
code = main()
heavy = sorted(
    m for m in sys.modules
    if m.split(".")[0] in {heavy!r}
    or m.startswith(("pcsm_tui.models", "pcsm_tui.framework.catalogue", "pcsm_tui.service"))
    and m != "pcsm_tui.service_checks"
)
print("loaded:", ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _validate_in_child(root: Path) -> tuple[int, str, list[str]]:
    """`pcsm validate root` in a new Python: (exit status, what it printed, the heavy
    modules it imported)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(heavy=HEAVY), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    loaded = [
        line.removeprefix("loaded:").strip()
        for line in done.stderr.splitlines()
        if line.startswith("loaded:")
    ]
    assert loaded, done.stderr
    return done.returncode, done.stdout, [m for m in loaded[0].split(",") if m]


def test_a_warm_validate_imports_no_model_and_prints_what_a_cold_one_found(
    demo_copy: Path,
) -> None:
    path = demo_copy / RISKS
    path.write_text(path.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    (demo_copy / ".git" / "pcsm" / "validate.json").unlink(missing_ok=True)
    cold = _validate_in_child(demo_copy)
    assert cold[0] == 1 and RISKS in cold[1], cold
    assert "pydantic" in cold[2]  # a cold run reads the files: the models are needed
    warm = _validate_in_child(demo_copy)
    assert warm[:2] == cold[:2]
    assert warm[2] == [], f"a warm validate imported {warm[2]}"


def _cache(root: Path) -> Path:
    return root / ".git" / "pcsm" / "validate.json"


def _forget_findings(root: Path, rehash: bool) -> None:
    """Edit the cache by hand: every unit's findings taken out (with its digest made to
    fit again when `rehash`, as someone who read this code might)."""
    head, _, body = _cache(root).read_text(encoding="utf-8").partition("\n")
    units = json.loads(body)
    for unit in units.values():
        unit["findings"] = [] if not rehash else [["x", "one", 1, "error", "?"]]
    body = json.dumps(units)
    header = json.loads(head)
    if rehash:
        header["digest"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    _cache(root).write_text(f"{json.dumps(header)}\n{body}", encoding="utf-8")


def _broken(root: Path) -> list[str]:
    path = root / RISKS
    path.write_text(path.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    found = [str(f) for f in validate_units(root)]
    assert any(RISKS in f for f in found), found
    return found


def test_a_cache_edited_by_hand_is_ignored_and_rebuilt(demo_copy: Path) -> None:
    found = _broken(demo_copy)
    _forget_findings(demo_copy, rehash=False)
    fresh: list[str] = []
    assert [str(f) for f in validate_units(demo_copy, fresh=fresh)] == found
    assert "engagements/northwind-emea" in fresh  # read again, not taken from the edit
    fresh.clear()
    assert [str(f) for f in validate_units(demo_copy, fresh=fresh)] == found
    assert fresh == []  # and rebuilt


def test_findings_that_are_not_findings_are_never_used(demo_copy: Path) -> None:
    found = _broken(demo_copy)
    _forget_findings(demo_copy, rehash=True)
    assert [str(f) for f in validate_units(demo_copy)] == found  # no crash, nothing hidden


def test_a_cache_cut_short_or_not_json_is_ignored(demo_copy: Path) -> None:
    found = _broken(demo_copy)
    text = _cache(demo_copy).read_text(encoding="utf-8")
    for broken in (text[: len(text) // 2], text[: text.index("\n")], "", "\0\xff", "[]\n{}"):
        _cache(demo_copy).write_text(broken, encoding="utf-8")
        assert [str(f) for f in validate_units(demo_copy)] == found


def test_a_changed_framework_or_rules_file_is_checked_again(demo_copy: Path) -> None:
    (demo_copy / "framework.toml").write_text("format_version = 1\n", "utf-8")
    assert not [f for f in validate_units(demo_copy) if f.path == "framework.toml"]
    (demo_copy / "framework.toml").write_text("format_version = 1\nphases = 3\n", "utf-8")
    (demo_copy / IMPORT_RULES).write_text("not toml = = 1\n", encoding="utf-8")
    found = validate_units(demo_copy)
    assert found == whole_repository(demo_copy)
    assert any(f.path == "framework.toml" for f in found), found
    assert any(f.path == IMPORT_RULES for f in found), found
    (demo_copy / IMPORT_RULES).write_text("", encoding="utf-8")
    assert validate_units(demo_copy) == whole_repository(demo_copy)


def test_the_names_written_out_are_the_catalogues() -> None:
    assert set(ENGAGEMENT_FILES) == ENGAGEMENT_NAMES
    assert set(PERSON_FILES) == PERSON_NAMES
    assert (RULES_FILE, EDITOR_CONFIG, EDITOR_SCHEMAS) == (IMPORT_RULES, TAPLO_CONFIG, SCHEMA_DIR)


def _reference_unit(rel: str) -> str | None:
    """What unit_of must say: from layout.classify, which every other part of pcsm uses."""
    kind = classify(rel)
    if kind is None:
        return None
    if kind.engagement:
        return f"engagements/{kind.engagement}"
    if kind.person:
        return f"people/{kind.person}"
    return "import-mappings" if kind.kind == "import-mapping" else None


PART = st.sampled_from(
    [
        "engagements",
        "people",
        "import-mappings",
        "stakeholder-plan",
        "acme",
        "Bad Name",
        "2026-09.toml",
        "2026-13.toml",
        "acme.toml",
        "Acme.toml",
        "pcsm.toml",
        "framework.toml",
        "notes.txt",
        *ENGAGEMENT_FILES,
        *PERSON_FILES,
    ]
)


@given(parts=st.lists(PART, min_size=1, max_size=5))
def test_unit_of_owns_what_classify_owns(parts: list[str]) -> None:
    rel = "/".join(parts)
    assert unit_of(rel) == _reference_unit(rel)
