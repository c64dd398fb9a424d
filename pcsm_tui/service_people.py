"""People and groups by name: the Workspace's side of naming references in the app.

A person adding a RACI column, an assessment or an adoption activity picks a stakeholder
or a group by its name, or types a new name; the id is made here and never shown. Adding
such a row, with every main field filled and any new stakeholder or group it names, is one
commit (the register or group list and the referring file together), so the history reads
"added X" once, not five times. A refused change is put into words with labels
(store/wording.py), not pydantic's paths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .store.layout import classify, engagement_rel

if TYPE_CHECKING:
    import threading

    from pydantic import BaseModel, ValidationError

    from .models.naming import Ids, NewName
    from .models.references import Reference
    from .store.repository import CommitResult, Loaded, Repository


@dataclass(frozen=True)
class Choice:
    """One row a reference can name: the words shown and the id stored."""

    label: str
    value: str


class PeopleService:
    """Mixin of `Workspace` (service.py): choices by name and adding rows that name them."""

    _lock: threading.Lock
    _remember: Callable[[CommitResult], CommitResult]

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def explain_problem(
        self,
        error: ValidationError,
        model: type[BaseModel],
        data: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> str:
        """A refused change in words: `Activity 1 “Kick-off”: planned end … is before …`."""
        # start-up: store.wording (the models) loads only when this runs
        from .store.wording import explain_for_people

        return explain_for_people(error, model, data, names)

    def member_choices(self) -> list[Choice]:
        """The team members (pcsm.toml [[members]]) a CSM field can name, by name only; two
        with one name (case and spaces aside) are told apart by their role, else their
        e-mail, else their place in the team list: never by the id (a folder name)."""
        members = self.repo.settings.members

        def key(name: str) -> str:
            return " ".join(name.split()).casefold()

        def label(index: int) -> str:
            m = members[index]
            name = m.name or f"team member {index + 1}"
            twins = [o for o in members if key(o.name) == key(m.name)]
            if len(twins) < 2:
                return name
            for field in ("role", "email"):  # the first that tells this one apart
                value = str(getattr(m, field) or "")
                if value and sum(1 for o in twins if getattr(o, field) == value) == 1:
                    return f"{name} ({value})"
            return f"{name} (team member {index + 1})"

        return [Choice(label(i), m.id) for i, m in enumerate(members)]

    def change_naming(
        self,
        rel: str,
        row_class: type[BaseModel],
        edit: Callable[[dict[str, Any], Ids], dict[str, Any]],
        base: Loaded | None = None,
        headline: str | None = None,
    ) -> CommitResult:
        """Apply `edit` to `rel` (as `base`, what the person saw) as one commit, creating
        the rows its new names need: `edit` turns each `NewName` of a reference field of
        `row_class` into an id with the `Ids` it is given. A new stakeholder goes into the
        register, a new group into impacted-groups.toml, a new strategy into the same
        month, in the same commit; a name that already exists there is that row."""
        # start-up: the models, store.outside and store.repository load only when this runs
        from .models.references import choice_source, reference_of
        from .store.outside import edit_write
        from .store.repository import Write, dump

        with self._lock, self.repo.lock():
            loaded = base if base is not None else self.repo.load(rel)
            kind = classify(rel)
            slug = kind.engagement if kind else None
            others: dict[str, tuple[Loaded, dict[str, Any]]] = {}

            def ids(field: str, value: NewName, data: dict[str, Any]) -> str:
                reference = reference_of(row_class, field)
                if reference is None:
                    raise ValueError(f"{field} does not name another row")
                filename, list_name = choice_source(reference)
                holder = data
                if filename and slug:
                    target = engagement_rel(slug, filename)
                    if target not in others:
                        other = self.repo.load(target)
                        others[target] = (other, dump(other.model))
                    holder = others[target][1]
                return _named_row(holder, list_name, reference, value.name)

            data = edit(dump(loaded.model), ids)
            context = self.repo.context()
            writes: list[Write] = []
            for target, (other, other_data) in others.items():
                model = type(other.model).model_validate(other_data, context=context)
                writes.append(Write(target, model, other.digest))
            model = type(loaded.model).model_validate(data, context=context)
            path = self.repo.root / rel
            current = path.read_bytes() if path.exists() else None
            writes.append(edit_write(self.repo, loaded, model, current))
            return self._remember(self.repo.save(writes, self.repo.scope_for(rel), headline))


def _named_row(holder: dict[str, Any], list_name: str, reference: Reference, name: str) -> str:
    """The id of the row of `holder[list_name]` named `name`, created when there is none."""
    # start-up: the models load only when this runs
    from .models.naming import row_id
    from .models.references import REGISTER

    rows = holder.setdefault(list_name, [])
    field = reference.label or "name"
    wanted = name.strip()
    for row in rows:
        named = str(row.get(field, "")).strip() if isinstance(row, dict) else ""
        if named and named.casefold() == wanted.casefold():
            return str(row["id"])
    ids = [str(r.get("id")) for r in rows if isinstance(r, dict)]
    personal = reference.target == REGISTER
    prefix = "stakeholder" if personal else (singular_prefix(list_name))
    new = row_id(wanted, ids, prefix, personal)
    rows.append({"id": new, field: wanted})
    return new


def singular_prefix(list_name: str) -> str:
    """A fallback id prefix from a list's name: `groups` -> `group`."""
    return list_name[:-1] if list_name.endswith("s") else list_name


__all__ = ["Choice", "PeopleService"]
