"""How people are named in commit messages: by role or a neutral label, never by name.

Commit messages travel with every clone and cannot be taken back, so they must not carry
personal data (design A2, the framework's data-protection advice). A register stakeholder
is named by its job role; a group that is not personal data by its title; anyone else as
"stakeholder 3" (its place in the register). A RACI column that refers to a stakeholder is
named like that stakeholder, whatever its own title says ("Whitfield, Jane" typed as a
header); a free-text column title is shown only when it reads as a role or a group (every
word a role word, or the title of a known role or group), else as "RACI column 2".

Plain dicts, not models: this runs on every save and must stay cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_ROLE_TEXT = """
    account accounts admin administration administrator administrators adoption advisory
    agent agents analyst analysts analytics apac architect architects architecture assistant
    associate audit board business buyer buyers ceo cfo champion champions chief cio ciso
    client clinical cmo commercial committee communications compliance consultant
    consultants contact coordinator coo council cpo cro csm cto customer customers cx data
    delivery department departments deputy design desk developer developers development
    digital director directors distribution division ecommerce emea end engineer engineers
    engineering enterprise evp executive executives experience facilities finance financial
    first-line floor founder function general global group groups head heads helpdesk hr
    human implementation information infrastructure innovation it key lead leader leaders
    leadership legal line local logistics management manager managers marketing member
    members network office officer officers operations operational owner owners partner
    partners people pmo portfolio power president principal procurement product production
    programme program project projects purchasing quality r&d regional representative
    research resources retail risk sales security senior service services site solution
    solutions specialist specialists spl am sponsor sponsors staff steering store stores
    strategy success superuser superusers supervisor supervisors supply support svp systems
    team teams tech technical technology training trainer trainers transformation unit units
    user users vendor vice vp ward warehouse workforce a an and for in of on the to with &
"""
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
"""Words that roles and groups are made of (with the small words between them)."""

_SMALL = frozenset(["a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "&"])

_WORD = re.compile(r"[a-z0-9&]+(?:-[a-z0-9&]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _norm(text: str) -> str:
    return " ".join(_words(text))


def reads_as_role(title: str, known: Iterable[str] = ()) -> bool:
    """Whether a free text (a RACI column title) names a role or a group, not a person:
    it is the title of a known role or group, or it is made of role words only (numbers and
    short codes with a digit, such as "L2", count too) with at least one real role word.
    Anything else may be a name ("Whitfield, Jane", "Jane's team") and counts as personal."""
    words = _words(title)
    if not words:
        return False
    if _norm(title) in {_norm(k) for k in known if k}:
        return True
    roles = [w for w in words if w in ROLE_WORDS and w not in _SMALL]
    return bool(roles) and all(
        w in ROLE_WORDS or (any(c.isdigit() for c in w) and len(w) <= 4) for w in words
    )


def stakeholder_label(row: Mapping[str, Any], number: int) -> str:
    """A register row in messages: its job role, a non-personal group's title, or
    "stakeholder N" / "stakeholder group N"."""
    role = str(row.get("job_role") or "").strip()
    if role:
        return role
    group = row.get("kind") == "group"
    if group and row.get("personal_data") is False and row.get("name"):
        return str(row["name"])
    return f"stakeholder group {number}" if group else f"stakeholder {number}"


def message_names(
    register: Sequence[Mapping[str, Any]],
    matrices: Sequence[Mapping[str, Any]],
    known_roles: Iterable[str] = (),
    groups: Sequence[Mapping[str, Any]] = (),
) -> dict[str, str]:
    """Register and RACI column ids -> the words commit messages may use for them; an
    impacted group (a team, not a person: its name is public) by its name, so an adoption
    activity reads `added Store managers`, never its group's id."""
    names: dict[str, str] = {
        str(row["id"]): str(row.get("name") or "").strip() or "a group"
        for row in groups
        if isinstance(row.get("id"), str)
    }
    known = set(known_roles)
    for number, row in enumerate(register, start=1):
        if isinstance(row.get("id"), str):
            names[row["id"]] = stakeholder_label(row, number)
            known.add(str(row.get("job_role") or ""))
            if row.get("kind") == "group" and row.get("personal_data") is False:
                known.add(str(row.get("name") or ""))
    for matrix in matrices:
        columns = matrix.get("columns", [])
        for position, column in enumerate(columns if isinstance(columns, list) else [], 1):
            if not isinstance(column, Mapping) or not isinstance(column.get("id"), str):
                continue
            referred = str(column.get("stakeholder") or "")
            title = str(column.get("title") or "")
            if referred:
                names[column["id"]] = names.get(referred, f"RACI column {position}")
            elif reads_as_role(title, known):
                names[column["id"]] = title
            else:
                names[column["id"]] = f"RACI column {position}"
    return names
