"""`--redact`: an export without personal data, for sharing outside the team.

The rule, driven by the models' own metadata rather than a list of fields:

1. Rows that describe a person — a register stakeholder whose `personal_data` flag is set, the
   stakeholder plan's rows about such a stakeholder, the proposal's contact and signature
   blocks, team members and personal evaluations — keep only the fields their model declares
   public (`public_fields`, e.g. job role, seniority, category) and their references. A name
   becomes a stable pseudonym ("Stakeholder 3 (CFO)", "Team member 1 (Customer Success
   Manager)"); every other text field becomes "[redacted]"; contacts are emptied.
2. Everywhere else text is kept, but each known person's full name is replaced by the same
   pseudonym, and e-mail addresses and phone numbers are masked.
3. Ids that could carry a name (stakeholder and member ids, the plan rows about people) are
   replaced by neutral ids, so nothing identifying hides in the id columns.

Pseudonyms are stable within one export (numbered in register order), so a reader can still
follow "Stakeholder 3" from the RACI to the plan. A redacted workbook is marked as such and
`pcsm import` refuses it. Names are found whatever their case and spacing and surname first
("Ashton, John"); e-mail addresses and phone numbers as io/masking.py finds them. Known
limit: a name written differently (a first name alone, a nickname) is not recognized; look
over a redacted file before sending it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..framework.catalogue import TOOL_FOR_KIND
from ..models.base import FileModel
from ..models.commitment import Contact, PlanRow, Proposal, Raci, StakeholderPlanMonth
from ..models.engagement import Engagement, Register, Stakeholder
from ..models.fields import field_specs
from ..models.people import PersonalEvaluation, PersonalEvaluations
from ..models.references import reference_fields
from ..models.repository import Member
from .bundle import EngagementData
from .masking import mask_contacts, replace_names

if TYPE_CHECKING:
    from ..store.history import HistoryItem
    from ..store.repository import Repository

REDACTED = "[redacted]"
MARK = "pcsm: redacted export (personal data replaced); not for import"


@dataclass
class Pseudonyms:
    """Who is who in a redacted export: real names and ids -> stable stand-ins."""

    names: dict[str, str] = field(default_factory=dict)
    """A person's full name -> pseudonym (for replacing inside any text)."""
    stakeholders: dict[str, str] = field(default_factory=dict)
    """Personal stakeholder id -> neutral id."""
    members: dict[str, str] = field(default_factory=dict)
    """Team member id -> neutral id."""
    labels: dict[str, str] = field(default_factory=dict)
    """Neutral id -> pseudonym."""

    def text(self, value: str) -> str:
        """Free text with every known name replaced and contact details masked."""
        return mask_contacts(replace_names(value, self.names.items()))


def pseudonyms(data: EngagementData) -> Pseudonyms:
    found = Pseudonyms()
    for number, stakeholder in enumerate(data.register.stakeholders, start=1):
        if not stakeholder.personal_data:
            continue
        what = "Stakeholder group" if stakeholder.kind == "group" else "Stakeholder"
        label = f"{what} {number}" + (f" ({stakeholder.job_role})" if stakeholder.job_role else "")
        neutral = f"stakeholder-{number}"
        found.stakeholders[stakeholder.id] = neutral
        found.labels[neutral] = label
        found.names[stakeholder.name.strip()] = label
        if stakeholder.kind == "group" and "," in stakeholder.name:
            for part in stakeholder.name.split(","):
                found.names.setdefault(part.strip(), label)
    for number, member in enumerate(data.members, start=1):
        label = f"Team member {number}" + (f" ({member.role})" if member.role else "")
        found.members[member.id] = f"member-{number}"
        found.labels[f"member-{number}"] = label
        found.names[member.name.strip()] = label
    engagement = data.engagement
    for value, role in ((engagement.spl, "SPL"), (engagement.am, "Account manager")):
        name = value.split("(")[0].split(",")[0].strip()
        if name and name not in found.names and len(name.split()) >= 2:
            found.names[name] = role
    proposal = data.models.get(data.rel(TOOL_FOR_KIND[Proposal.kind].file))
    if isinstance(proposal, Proposal):
        for contact, role in ((proposal.csm_contact, "CSM"), (proposal.spl_contact, "SPL")):
            if contact.name.strip():
                found.names.setdefault(contact.name.strip(), role)
        for signature, role in ((proposal.csm_signature, "CSM"), (proposal.spl_signature, "SPL")):
            if signature.name.strip():
                found.names.setdefault(signature.name.strip(), role)
        name = proposal.addressee.split(",")[0].split("(")[0].strip()
        if name and len(name.split()) >= 2:
            found.names.setdefault(name, "SPL")
    return found


def _personal_fields(model: type[BaseModel]) -> list[str]:
    """The text fields of a person-describing row that are neither public nor references."""
    public: frozenset[str] = getattr(model, "public_fields", frozenset())
    references = reference_fields(model)
    return [
        spec.name
        for spec in field_specs(model)
        if spec.kind in ("text", "multiline") and spec.name not in public | references
    ]


def _scrub(data: Any, who: Pseudonyms) -> Any:
    if isinstance(data, str):
        return who.text(data)
    if isinstance(data, dict):
        return {k: _scrub(v, who) for k, v in data.items()}
    if isinstance(data, list):
        return [_scrub(v, who) for v in data]
    return data


def _blank(row: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        if row.get(name):
            row[name] = REDACTED


def redact(data: EngagementData) -> EngagementData:
    """A copy of the engagement fit to share: see the module's rule."""
    who = pseudonyms(data)
    models: dict[str, FileModel] = {}
    for rel, model in data.models.items():
        target = rel
        dumped = model.model_dump(mode="python", by_alias=True)
        if isinstance(model, Register):
            _register(dumped, who)
        elif isinstance(model, StakeholderPlanMonth):
            _plan(dumped, who)
        elif isinstance(model, Raci):
            _raci(dumped, who)
        elif isinstance(model, Proposal):
            _proposal(dumped, who)
        elif isinstance(model, Engagement):
            dumped["csm"] = who.members.get(model.csm, model.csm and "member")
            dumped["spl"] = who.text(model.spl) if model.spl else ""
            dumped["am"] = who.text(model.am) if model.am else ""
        elif isinstance(model, PersonalEvaluations):
            person = rel.split("/")[1]
            target = EngagementData.person_rel(who.members.get(person, "member"))
            for row in dumped["evaluations"]:
                _blank(row, _personal_fields(PersonalEvaluation))
        models[target] = type(model).model_validate(
            _scrub(dumped, who), context={"scales": data.scales}
        )
    members = [
        Member(id=who.members[m.id], name=who.labels[who.members[m.id]], role=m.role)
        for m in data.members
    ]
    return EngagementData(
        slug=data.slug,
        framework=data.framework,
        scales=data.scales,
        members=members,
        models=models,
        redacted=True,
        paper=data.paper,
    )


def _register(dumped: dict[str, Any], who: Pseudonyms) -> None:
    for row in dumped["stakeholders"]:
        neutral = who.stakeholders.get(row["id"])
        if neutral is None:
            continue
        _blank(row, _personal_fields(Stakeholder))
        row["name"] = who.labels[neutral]
        row["id"] = neutral


def _plan(dumped: dict[str, Any], who: Pseudonyms) -> None:
    for row in dumped["assessments"]:
        if row["stakeholder"] in who.stakeholders:
            row["stakeholder"] = who.stakeholders[row["stakeholder"]]
            row["id"] = row["stakeholder"]
    for number, row in enumerate(dumped["rows"], start=1):
        if row["stakeholder"] in who.stakeholders:
            row["stakeholder"] = who.stakeholders[row["stakeholder"]]
            row["id"] = f"row-{number}"
            _blank(row, _personal_fields(PlanRow))


def _raci(dumped: dict[str, Any], who: Pseudonyms) -> None:
    for matrix in dumped["matrices"]:
        renamed: dict[str, str] = {}
        for column in matrix["columns"]:
            if column.get("stakeholder") in who.stakeholders:
                column["stakeholder"] = who.stakeholders[column["stakeholder"]]
            if column["id"] in who.stakeholders:
                renamed[column["id"]] = who.stakeholders[column["id"]]
                column["id"] = renamed[column["id"]]
        for activity in matrix["activities"]:
            activity["cells"] = {renamed.get(k, k): v for k, v in activity["cells"].items()}


def _proposal(dumped: dict[str, Any], who: Pseudonyms) -> None:
    for key in ("csm_contact", "spl_contact"):
        contact = dumped[key]
        name = who.text(contact.get("name", ""))
        _blank(contact, _personal_fields(Contact))
        contact.update({"name": name, "email": "", "mobile": "", "work_phone": ""})
    for key in ("csm_signature", "spl_signature"):
        dumped[key]["name"] = who.text(dumped[key].get("name", ""))


def redact_map(data: EngagementData) -> Mapping[str, str]:
    """The name -> pseudonym table of an export (for tests and the app's preview)."""
    return pseudonyms(data).names


# --- the history (`pcsm log --redact`) --------------------------------------------------------


def known_names(repo: Repository) -> dict[str, str]:
    """Every person's name the repository knows -> a stand-in: register names of every
    engagement (by role where there is one) and team members (by their role)."""

    found: dict[str, str] = {}
    for slug in repo.engagements():
        path = repo.layout.engagement_dir(slug) / "stakeholders.toml"
        try:
            rows = tomllib.loads(path.read_text(encoding="utf-8")).get("stakeholders", [])
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for number, row in enumerate(rows if isinstance(rows, list) else [], start=1):
            if not isinstance(row, dict) or not str(row.get("name", "")).strip():
                continue
            if row.get("kind") == "group" and row.get("personal_data") is False:
                continue
            role = str(row.get("job_role") or "").strip()
            found.setdefault(str(row["name"]).strip(), role or f"stakeholder {number}")
    for member in repo.settings.members:
        if member.name.strip():
            found.setdefault(member.name.strip(), member.role or "team member")
    return found


def redact_history(repo: Repository, items: Sequence[HistoryItem]) -> list[HistoryItem]:
    """The history with its authors as stable pseudonyms ("Author 1" for the earliest, by
    e-mail address), no e-mail addresses, and subjects without known names or contacts."""
    numbers: dict[str, str] = {}
    for item in reversed(items):  # oldest first: a pseudonym stays as history grows
        key = (item.commit.email or item.commit.author).strip().lower()
        numbers.setdefault(key, f"Author {len(numbers) + 1}")
    authors = {
        item.commit.author: numbers[(item.commit.email or item.commit.author).strip().lower()]
        for item in items
        if item.commit.author.strip()
    }
    names = {**known_names(repo), **authors}
    out = []
    for item in items:
        commit = item.commit
        key = (commit.email or commit.author).strip().lower()
        subject = mask_contacts(replace_names(commit.subject, names.items()))
        shown = replace(commit, author=numbers[key], email="", subject=subject)
        out.append(replace(item, commit=shown))
    return out
