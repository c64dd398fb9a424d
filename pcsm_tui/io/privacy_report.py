"""`pcsm privacy report`: which personal data each engagement holds, since when, and what
is past the repository's retention period.

Per engagement: the register rows flagged as personal data (with whether a contact is kept,
since when the row exists — the first commit that added its id — and whether and when the
stakeholder left the initiative), the contacts kept elsewhere (the proposal's contact
blocks, the SPL and account manager fields), and the free text anywhere in the engagement
that names one of its people. With `[privacy] retention_days` set in pcsm.toml, a
stakeholder who left more than that many days ago, or any personal row of an engagement
closed that long ago, is a warning that says what to run (`pcsm forget`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..store.layout import engagement_rel
from ..store.repository import Repository
from .masking import finds_name, has_contact


@dataclass
class PersonRow:
    id: str
    name: str
    role: str
    kind: str
    contact: bool
    since: str | None
    """Date of the first commit whose register held this id (None: not committed yet)."""
    left_on: str | None
    mentions: list[str] = field(default_factory=list)
    """Where free text names this person: `file: field path`."""


@dataclass
class EngagementPrivacy:
    slug: str
    customer: str
    status: str
    end_date: str | None
    people: list[PersonRow] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    """Contact details kept outside the register: `file: field`."""
    warnings: list[str] = field(default_factory=list)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _texts(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(field path, text) of every string in a file's data."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        found = []
        for index, item in enumerate(value):
            key = item.get("id", index) if isinstance(item, dict) else index
            found += _texts(item, f"{path}[{key}]")
        return found
    return []


def _first_seen(repo: Repository, rel: str, stakeholder: str) -> str | None:
    """The date of the oldest commit that changed how often `id = "<stakeholder>"` occurs
    in the register: when the row was added."""
    return repo.git.first_date_with(f'id = "{stakeholder}"', rel)


def engagement_privacy(
    repo: Repository, slug: str, today: dt.date, retention_days: int | None
) -> EngagementPrivacy:
    folder = repo.layout.engagement_dir(slug)
    engagement = _read(folder / "engagement.toml")
    found = EngagementPrivacy(
        slug,
        str(engagement.get("customer", slug)),
        str(engagement.get("status", "active")),
        str(engagement["end_date"]) if engagement.get("end_date") else None,
    )
    register_rel = engagement_rel(slug, "stakeholders.toml")
    rows = _read(repo.root / register_rel).get("stakeholders", [])
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or row.get("personal_data") is False:
            continue
        found.people.append(
            PersonRow(
                id=str(row.get("id", "")),
                name=str(row.get("name", "")),
                role=str(row.get("job_role", "")),
                kind=str(row.get("kind", "person")),
                contact=bool(str(row.get("contact", "")).strip()),
                since=_first_seen(repo, register_rel, str(row.get("id", ""))),
                left_on=str(row["left_on"]) if row.get("left_on") else None,
            )
        )
    for path in sorted(folder.rglob("*.toml")):
        rel = repo.layout.rel(path)
        data = _read(path)
        for where, text in _texts(data):
            if rel == register_rel and where.endswith((".name", ".contact")):
                continue
            for person in found.people:
                names = [person.name]
                if person.kind == "group":
                    names = [n.strip() for n in person.name.split(",") if n.strip()]
                if any(len(n.split()) >= 2 and finds_name(text, n) for n in names):
                    person.mentions.append(f"{rel}: {where}")
            if rel != register_rel and has_contact(text):
                found.contacts.append(f"{rel}: {where}")
    for key in ("spl", "am"):
        if str(engagement.get(key, "")).strip():
            found.contacts.append(f"{repo.layout.rel(folder / 'engagement.toml')}: {key}")
    found.warnings = _warnings(found, today, retention_days)
    return found


def _warnings(found: EngagementPrivacy, today: dt.date, days: int | None) -> list[str]:
    if days is None:
        return []
    limit = dt.timedelta(days=days)
    warnings = []
    for person in found.people:
        who = person.role or f"stakeholder {person.id}"
        if person.left_on and today - dt.date.fromisoformat(person.left_on) > limit:
            age = (today - dt.date.fromisoformat(person.left_on)).days
            warnings.append(
                f"{who} ({person.id}) left on {person.left_on}, {age} days ago (retention "
                f"{days} days): pcsm forget {found.slug} {person.id}"
            )
    closed = found.status == "closed" and found.end_date
    if closed and today - dt.date.fromisoformat(str(found.end_date)) > limit:
        warnings.append(
            f"the engagement closed on {found.end_date}, more than {days} days ago, and still "
            f"holds {len(found.people)} personal row(s): pcsm forget each, or archive it"
        )
    return warnings


def privacy_report(repo: Repository, today: dt.date | None = None) -> list[EngagementPrivacy]:
    today = today or dt.date.today()
    days = repo.settings.privacy.retention_days if repo.settings.privacy else None
    return [engagement_privacy(repo, slug, today, days) for slug in repo.engagements()]


def report_json(report: list[EngagementPrivacy], retention_days: int | None) -> dict[str, Any]:
    return {"retention_days": retention_days, "engagements": [asdict(e) for e in report]}


def report_text(report: list[EngagementPrivacy], retention_days: int | None) -> list[str]:
    period = f"{retention_days} days" if retention_days else "not set ([privacy] retention_days)"
    lines = [f"retention period: {period}"]
    for item in report:
        lines += ["", f"{item.slug} — {item.customer} ({item.status})"]
        if not item.people:
            lines.append("  no register rows flagged as personal data")
        for person in item.people:
            left = f", left on {person.left_on}" if person.left_on else ""
            contact = ", contact kept" if person.contact else ""
            lines.append(
                f"  {person.id}: {person.name} ({person.role or person.kind}) since "
                f"{person.since or 'not committed'}{left}{contact}"
            )
            lines += [f"      named in {where}" for where in person.mentions]
        lines += [f"  contact or personal details in {where}" for where in item.contacts]
        lines += [f"  warning: {text}" for text in item.warnings]
    return lines
