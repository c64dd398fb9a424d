"""Team templates in the service (`Workspace` inherits it): save, list, show, start, compare.

A template is made from a tool's content in one engagement (io/templates.py takes out the
people and the dates and renews the ids) and stored as one commit under
`knowledge/templates/<tool-file-stem>/<name>.toml`. A new engagement can start any of its
tools from templates, in the commit that creates it; a template can later be compared with
an engagement that used it, with the field diff the history shows (store/changes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import PcsmError, explain
from .store.atomic import digest as digest_of
from .store.layout import REGISTER_FILE, engagement_rel

if TYPE_CHECKING:
    from .framework.catalogue import Tool
    from .io.templates import Draft, TemplateInfo
    from .models.base import FileModel
    from .store.history import FileDiff
    from .store.repository import Repository
    from .store.writes import CommitResult

# The app's first frame imports this module (through the service): io.templates, the models
# and the store's writers (tomlkit) load inside the functions that use them.


@dataclass(frozen=True)
class Templates:
    """Every stored template, and the files under knowledge/templates that do not read."""

    found: tuple[TemplateInfo, ...]
    unreadable: dict[str, str]


class TemplateService:
    """Mixed into `Workspace`: needs its `repo`, `today` and `_remember`."""

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    today: dt.date

    def _remember(self, result: CommitResult) -> CommitResult:  # pragma: no cover
        raise NotImplementedError

    # --- making one -------------------------------------------------------------------------

    def template_draft(self, slug: str, tool_id: str) -> Draft:
        """What saving `tool_id` of `slug` as a template would store (nothing written)."""
        return template_draft(self.repo, slug, tool_id)

    def template_text(self, draft: Draft) -> str:
        """The template's file as it will be stored (the preview shows this)."""
        # start-up: store.toml_codec (tomlkit) and store.writes load only when this runs
        from .store.toml_codec import dumps_new
        from .store.writes import dump

        return dumps_new(dump(draft.model), header=_header(draft.tool))

    def save_template(
        self, slug: str, tool_id: str, name: str, force: bool = False
    ) -> CommitResult:
        """Store the template of a tool of `slug` as one commit. A name is one template
        across all tools; an existing one is replaced only with `force` (same tool)."""
        return self._remember(save_template(self.repo, slug, tool_id, name, force))

    # --- reading ----------------------------------------------------------------------------

    def templates(self) -> Templates:
        """Every template under knowledge/templates, by tool then name; unreadable files
        (not TOML, not valid for their tool, a link) are listed with why."""
        return list_templates(self.repo)

    def template(self, name: str) -> tuple[TemplateInfo, FileModel, str]:
        """One template by name (or `tool/name`): what it is, its content and its text."""
        # start-up: io.templates (the models) loads only when this runs
        from .io.templates import TemplateError, stem

        tool_part, _, bare = name.rpartition("/")
        matches = [
            t
            for t in self.templates().found
            if t.name == bare and (not tool_part or tool_part in (t.tool.id, stem(t.tool)))
        ]
        if not matches:
            known = ", ".join(t.name for t in self.templates().found) or "none yet"
            raise TemplateError(f"there is no team template {name!r}; templates: {known}")
        if len(matches) > 1:
            choices = ", ".join(f"{stem(t.tool)}/{t.name}" for t in matches)
            raise TemplateError(f"{name!r} names several templates: say which ({choices})")
        info = matches[0]
        model = _read(self.repo, info.tool, info.rel)
        return info, model, self.repo.layout.read_text(info.rel)

    # --- using one --------------------------------------------------------------------------

    def templated_files(self, names: Sequence[str]) -> dict[str, FileModel]:
        """File name -> content for each template named (at most one per tool)."""
        # start-up: io.templates (the models) loads only when this runs
        from .io.templates import TemplateError

        files: dict[str, FileModel] = {}
        for name in names:
            info, model, _text = self.template(name.strip())
            if info.tool.file in files:
                raise TemplateError(
                    f"two templates for {info.tool.title}: an engagement starts a tool from one"
                )
            files[info.tool.file] = model
        return files

    def create_from_templates(
        self,
        slug: str,
        customer: str,
        templates: Sequence[str],
        initiative: str = "",
        csm: str = "",
        start: dt.date | None = None,
        raci_activities: bool = True,
    ) -> CommitResult:
        """A new engagement whose tools start from team templates, as one commit (the
        template's rows and ids as stored; everything else pre-filled as usual)."""
        # start-up: store.creating (the models, tomlkit) loads only when this runs
        from .store.creating import create_engagement

        files = self.templated_files([t for t in templates if t.strip()])
        if not customer.strip():
            raise PcsmError("the customer's name is empty: type the organization's name")
        members = self.repo.settings.members
        if csm and members and csm not in {m.id for m in members if m.retired is None}:
            raise PcsmError(f"{csm!r} is not a current team member of this repository")
        names = ", ".join(t.strip() for t in templates if t.strip())
        with self.repo.lock():
            return self._remember(
                create_engagement(
                    self.repo,
                    slug,
                    customer.strip(),
                    initiative.strip(),
                    csm,
                    start,
                    today=self.today,
                    raci_activities=raci_activities,
                    models=files,
                    headline=f"engagement started from team templates {names}" if files else "",
                )
            )

    def compare_template(self, name: str, slug: str) -> FileDiff:
        """How `slug`'s tool differs from the template now (template -> engagement): the
        history's field diff (`pcsm log` renders the same), row by row, since an engagement
        started from a template keeps its row ids."""
        # start-up: io.templates, store.changes and store.history load only when this runs
        from .io.templates import TemplateError
        from .store.changes import diff_models
        from .store.history import FileDiff

        info, model, _text = self.template(name)
        if slug not in self.repo.engagements():
            raise TemplateError(f"there is no engagement {slug!r}")
        rel = engagement_rel(slug, info.tool.file)
        current = self.repo.load(rel).model
        return FileDiff(rel, "modified", diff_models(model, current, self.repo.names(slug)))


def _header(tool: Tool) -> str:
    return (
        f"team template: {tool.title} (tool {tool.number})\n"
        "people, dates and progress left out; start an engagement from it with "
        "pcsm new --from-template"
    )


def _people_in(repo: Repository, slug: str) -> list[str]:
    """Names that must not travel into a template: the engagement's stakeholders (from
    its register) and the team's members."""
    # start-up: the models load only when this runs
    from .models.engagement import Register

    names = [m.name for m in repo.settings.members]
    try:
        register = repo.load(engagement_rel(slug, REGISTER_FILE)).model
    except Exception:  # an unreadable register names nobody; e-mails are still masked
        return names
    if isinstance(register, Register):
        names += [s.name for s in register.stakeholders if s.personal_data]
    return names


def template_draft(repo: Repository, slug: str, tool_id: str, seed: str = "") -> Draft:
    """What saving `tool_id` of `slug` as a template would store (nothing written)."""
    # start-up: io.templates (the models) loads only when this runs
    from .io.templates import TemplateError, find_tool, make_template

    tool = find_tool(tool_id)
    if slug not in repo.engagements():
        raise TemplateError(f"there is no engagement {slug!r}")
    loaded = repo.load(engagement_rel(slug, tool.file))
    return make_template(
        tool,
        loaded.model,
        repo.framework,
        _people_in(repo, slug),
        repo.context(),
        roles=repo.names(slug),
        # The same content gives the same new ids: the preview shows exactly what is
        # stored, and the ids still say nothing of the engagement's own.
        seed=seed or f"{slug}/{tool.id}/{loaded.digest}",
    )


def save_template(
    repo: Repository,
    slug: str,
    tool_id: str,
    name: str,
    force: bool = False,
    env: Mapping[str, str] | None = None,
    seed: str = "",
) -> CommitResult:
    """Store the template of `tool_id` of `slug` as `name`, one commit (see the mixin)."""
    # start-up: io.templates and the store's writers load only when this runs
    from .io.templates import TemplateError, check_name, stem, template_rel
    from .store.messages import Scope
    from .store.writes import Write

    check_name(name)
    draft = template_draft(repo, slug, tool_id, seed)
    rel = template_rel(draft.tool, name)
    with repo.lock():
        digest = None
        for other in list_templates(repo).found:
            if other.name != name:
                continue
            if other.tool is not draft.tool:
                raise TemplateError(
                    f"a template {name!r} exists for {other.tool.title} ({other.rel}): "
                    "template names are shared by all tools, choose another name"
                )
            if not force:
                raise TemplateError(
                    f"a template {name!r} exists already ({rel}): choose another name, "
                    "or replace it (--force; in the app, confirm)"
                )
        if repo.layout.path(rel).exists():
            if not force:
                raise TemplateError(
                    f"{rel} exists already (it does not read as a template): choose another "
                    "name, or replace it (--force)"
                )
            digest = digest_of(repo.layout.read_bytes(rel))
        return repo.save(
            [Write(rel, draft.model, expected_digest=digest, header=_header(draft.tool))],
            Scope(tool=f"template {stem(draft.tool)}/{name}"),
            headline=f"saved from {slug}",
            action="create" if digest is None else "edit",
            env=env,
            confirm_overwrite_unreadable=force,
        )


def list_templates(repo: Repository) -> Templates:
    """Every template under knowledge/templates (see `TemplateService.templates`)."""
    # start-up: io.templates (the models) loads only when this runs
    from .io.templates import (
        TEMPLATES_DIR,
        TemplateInfo,
        check_name,
        count_rows,
        stem,
        template_tools,
    )

    found: list[TemplateInfo] = []
    unreadable: dict[str, str] = {}
    for tool in template_tools():
        folder = f"{TEMPLATES_DIR}/{stem(tool)}"
        try:
            path = repo.layout.path(folder)  # never through a link
        except PcsmError as error:
            unreadable[folder] = explain(error)
            continue
        if not path.is_dir():
            continue
        for file in sorted(path.glob("*.toml")):
            rel = f"{folder}/{file.name}"
            try:
                check_name(file.stem)
                model = _read(repo, tool, rel)
            except Exception as error:  # listed with the reason, never raised
                unreadable[rel] = explain(error)
                continue
            found.append(TemplateInfo(file.stem, tool, rel, count_rows(model)))
    return Templates(tuple(found), unreadable)


def _read(repo: Repository, tool: Tool, rel: str) -> FileModel:
    # start-up: store.toml_codec (tomlkit) loads only when this runs
    from .store.toml_codec import loads

    text = repo.layout.read_text(rel)
    return tool.model.model_validate(loads(text), context=repo.context())
