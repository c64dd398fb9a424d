"""Who and when a stakeholder plan sheet's row is about, during an import: the register's
stakeholders found by name or role (a name the register does not know becomes a new
stakeholder, its id made from the role, never from the name), and the month a sheet or a
matrix cell stands for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models.engagement import Register, Stakeholder
from .adapter import ReadContext, new_id, valid_id
from .bundle import EngagementData
from .cells import as_text
from .rules import normalize

if TYPE_CHECKING:
    from .sheet_reader import ParsedRow, SheetReader

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
MONTH_N = re.compile(r"^month\s*(\d+)")
"""A sheet named for the n-th month of the plan ("month 3")."""


@dataclass
class People:
    """The register during an import: finds stakeholders, adds the ones it does not know."""

    register: Register
    added: int = 0

    @classmethod
    def of(cls, ctx: ReadContext) -> People:
        found = ctx.extras.get("people")
        if not isinstance(found, People):
            found = cls(ctx.data.register)
            ctx.extras["people"] = found
        return found

    def find(self, values: dict[str, Any]) -> Stakeholder | None:
        by_id = self.register.by_id()
        given = values.get("stakeholder")
        if isinstance(given, str) and given in by_id:
            return by_id[given]
        name = normalize(str(values.get("name") or ""))
        if name:
            for stakeholder in self.register.stakeholders:
                if normalize(stakeholder.name) == name:
                    return stakeholder
        role = normalize(str(values.get("job_role") or ""))
        if role:
            matches = [s for s in self.register.stakeholders if normalize(s.job_role) == role]
            if len(matches) == 1 and not name:
                return matches[0]
        return None

    def resolve(self, item: ParsedRow, ctx: ReadContext) -> Stakeholder | None:
        """The stakeholder a row is about, adding a new one to the register if need be."""
        found = self.find(item.values)
        if found is not None:
            for key in ("name", "job_role", "seniority"):
                given = item.values.get(key)
                if (
                    isinstance(given, str)
                    and given
                    and normalize(given) != normalize(getattr(found, key))
                ):
                    ctx.report.note(
                        item.refs.get(key, item.where),
                        f"differs from the register ({key.replace('_', ' ')}); the register "
                        "keeps its value (change it on the Stakeholders sheet)",
                    )
            return found
        name = str(item.values.get("name") or "").strip()
        role = str(item.values.get("job_role") or "").strip()
        if not name and not role:
            ctx.report.error(item.refs.get("name", item.where), "a stakeholder row needs a name")
            return None
        given = item.values.get("stakeholder")
        taken = {s.id for s in self.register.stakeholders}
        stakeholder_id = (
            given
            if isinstance(given, str) and valid_id(given) and given not in taken
            else new_id(role, taken, "stakeholder")  # from the role, never from the name
        )
        group = "," in name or normalize(name).endswith(("team", "group", "managers"))
        try:
            stakeholder = Stakeholder(
                id=stakeholder_id,
                name=name or role,
                kind="group" if group else "person",
                job_role=role,
                relevance=str(item.values.get("relevance") or ""),
                seniority=str(item.values.get("seniority") or ""),
            )
        except ValueError as error:
            ctx.report.error(item.where, str(error))
            return None
        self.register = Register.model_validate(
            {
                **self.register.model_dump(),
                "stakeholders": [*self.register.stakeholders, stakeholder],
            }
        )
        self.added += 1
        ctx.produce(ctx.data.rel("stakeholders.toml"), self.register)
        ctx.report.note(
            item.refs.get("name", item.where),
            f"'{name or role}' is not in the register: added as stakeholder {stakeholder_id}",
        )
        return stakeholder


def month_of_sheet(reader: SheetReader, data: EngagementData, ctx: ReadContext) -> str | None:
    """YYYY-MM from the sheet name, or `Month N` counted from the engagement's first month."""
    found = _MONTH.search(reader.name)
    if found and 1 <= int(found.group(2)) <= 12:
        return f"{found.group(1)}-{int(found.group(2)):02d}"
    numbered = MONTH_N.match(normalize(reader.name))
    if numbered:
        start = data.engagement.start_date
        months = data.months()
        if start is None and not months:
            ctx.report.error(
                reader.name,
                "cannot tell which month this is: name the sheet with its month (e.g. 'Month 1 "
                "(2026-05)') or give the engagement a start date",
            )
            return None
        first = start or dt.date.fromisoformat(months[0] + "-01")
        offset = first.year * 12 + first.month - 1 + int(numbered.group(1)) - 1
        return f"{offset // 12}-{offset % 12 + 1:02d}"
    ctx.report.error(
        reader.name, "not a month of the stakeholder plan (name it 'Month N (YYYY-MM)')"
    )
    return None


def month_cell(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return f"{value.year}-{value.month:02d}"
    found = _MONTH.search(as_text(value))
    return f"{found.group(1)}-{int(found.group(2)):02d}" if found else None
