"""What a sync checks of the incoming side before merging (store/incoming.py) decides which
paths pcsm reads from their text (`owned`), without loading the models that
layout.classify's catalogue loads: both must always agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.framework.catalogue import ENGAGEMENT_FILES, PERSON_FILES
from pcsm_tui.store.incoming import owned
from pcsm_tui.store.layout import classify

NAMES = st.sampled_from(
    [
        *ENGAGEMENT_FILES,
        *PERSON_FILES,
        "pcsm.toml",
        "framework.toml",
        "import-rules.toml",
        "2026-03.toml",
        "2026-13.toml",
        "acme.toml",
        "Acme.toml",
        "notes.md",
        "stakeholder-plan",
        "engagements",
        "people",
        "import-mappings",
        "northwind-emea",
        ".pcsm",
    ]
)
"""Path parts as git's trees hold them (git refuses empty, `.` and `..` parts)."""


@given(st.lists(NAMES, min_size=1, max_size=5))
def test_owned_agrees_with_classify(parts: list[str]) -> None:
    rel = "/".join(parts)
    assert owned(rel) == (classify(rel) is not None), rel


def test_owned_knows_the_usual_files() -> None:
    assert owned("engagements/acme/risks.toml")
    assert owned("engagements/acme/stakeholder-plan/2026-03.toml")
    assert owned("people/ada/profile.toml")
    assert owned("import-mappings/acme.toml")
    assert owned("pcsm.toml") and owned("framework.toml")
    assert not owned("engagements/acme/notes.md")
    assert not owned("engagements/acme")
    assert not owned("README.md")
