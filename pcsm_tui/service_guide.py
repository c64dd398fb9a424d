"""The guidance part of the service (`Workspace` inherits it): next steps, health, phase
progress and moving on, go/no-go decisions, value KPIs, milestone reports.

Kept beside `service.py` so the gateway stays one class without one long module. Every
method reads through the repository (validated files) and writes one commit; the CLI and
the app call these, never the rules or the store directly.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .analysis.portfolio import GuideContext, with_last_change
from .framework import default_framework
from .framework.facts import support_months
from .safeio import Unreadable
from .store.layout import ENGAGEMENT_FILE, ENGAGEMENTS_DIR, BadName, check_slug

if TYPE_CHECKING:
    from .analysis.guide import AdvanceCheck, PhaseGuide
    from .analysis.health import Health
    from .analysis.next_steps import NextStep
    from .analysis.overview import Guide, StrategySuggestion
    from .analysis.portfolio import PortfolioRow
    from .analysis.value import KpiChart, KpiProgress
    from .analysis.view import EngagementView
    from .io.bundle import EngagementData
    from .models.base import FileModel
    from .models.checklists import Decision
    from .service import LastChange
    from .store.repository import CommitResult, Repository

ReportForm = Literal["docx", "md", "html"]


class GuideService:
    """Mixed into `Workspace`: needs its `repo`, `root`, `today` and `_lock`, and
    `_remember` (undo.SessionUndo) so that each commit here is a step of session undo."""

    root: Path
    today: dt.date
    _lock: threading.Lock
    _remember: Callable[[CommitResult], CommitResult]

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    # --- reading ----------------------------------------------------------------------------

    def engagement_data(self, slug: str, as_of: dt.date | None = None) -> EngagementData:
        """The engagement's validated files, as they are or as of the end of day `as_of`
        (read from git's history)."""
        # start-up: io.bundle loads only when this runs
        from .io.bundle import EngagementData, load_engagement

        if as_of is None:
            return load_engagement(self.repo, slug)
        # start-up: store.asof loads only when this runs
        from .store.asof import engagement_commit, engagement_models_at

        self.repo.layout.engagement_dir(slug)  # a bad slug is refused before git runs
        sha = engagement_commit(self.repo, slug, as_of).sha
        return EngagementData(
            slug=slug,
            framework=self.repo.framework,
            scales=self.repo.scales(),
            members=list(self.repo.settings.members),
            models=engagement_models_at(self.repo, slug, sha),
        )

    def view(self, slug: str, as_of: dt.date | None = None) -> EngagementView:
        """The engagement for the guidance rules (see `engagement_data`)."""
        return self.engagement_data(slug, as_of).view()

    def last_change_of(self, slug: str, as_of: dt.date | None = None) -> dt.date | None:
        """The day of the engagement's newest commit (on or before `as_of`)."""

        folder = f"{ENGAGEMENTS_DIR}/{check_slug(slug)}"
        if as_of is not None:
            # start-up: store.timetravel loads only when this runs
            from .store.timetravel import commit_on_or_before

            found = commit_on_or_before(self.repo, [folder], as_of)
            return dt.date.fromisoformat(found.date[:10]) if found else None
        newest = self.repo.git.log(path=folder, max_count=1)
        return dt.date.fromisoformat(newest[0].date[:10]) if newest else None

    def guide(self, slug: str, as_of: dt.date | None = None) -> Guide:
        """Phase and progress, next steps, health with reasons, suggestions, go/no-go, KPIs."""
        # start-up: analysis.overview loads only when this runs
        from .analysis.overview import build_guide

        day = as_of or self.today
        return build_guide(self.view(slug, as_of), day, self.last_change_of(slug, as_of))

    def next_steps(self, slug: str) -> list[NextStep]:
        # start-up: analysis.next_steps loads only when this runs
        from .analysis.next_steps import next_steps

        return next_steps(self.view(slug), self.today)

    def health(self, slug: str) -> Health:
        # start-up: analysis.health loads only when this runs
        from .analysis.health import assess

        return assess(self.view(slug), self.today, self.last_change_of(slug))

    def phase_guide(self, slug: str, phase: int | None = None) -> PhaseGuide:
        # start-up: analysis.guide loads only when this runs
        from .analysis.guide import phase_guide

        return phase_guide(self.view(slug), phase)

    def strategy_suggestions(self, slug: str) -> list[StrategySuggestion]:
        # start-up: analysis.overview loads only when this runs
        from .analysis.overview import strategy_suggestions

        return strategy_suggestions(self.view(slug))

    def kpi_progress(self, slug: str) -> list[KpiProgress]:
        # start-up: analysis.value, models.value load only when this runs
        from .analysis.value import value_progress
        from .models.value import ValueKpis

        view = self.view(slug)
        return value_progress(view.get(ValueKpis), self.today, view.framework.guide.kpi_tolerance)

    def kpi_charts(self, slug: str) -> list[KpiChart]:
        """Chart data of every KPI: measurements, baseline, target and the path between."""
        # start-up: analysis.value, models.value load only when this runs
        from .analysis.value import kpi_charts
        from .models.value import ValueKpis

        view = self.view(slug)
        return kpi_charts(view.get(ValueKpis), self.today, view.framework.guide.kpi_tolerance)

    def portfolio_health(
        self, rows: list[PortfolioRow], last: dict[str, LastChange]
    ) -> list[PortfolioRow]:
        """Rows with "days since the last change" folded into their health, once the
        portfolio knows the last changes (git is read after the first paint)."""

        rules = self.repo.framework.health
        return [
            with_last_change(
                row,
                dt.date.fromisoformat(last[row.slug].when) if row.slug in last else None,
                self.today,
                rules,
            )
            for row in rows
        ]

    def _guide_context(self) -> GuideContext:
        """The framework and scales health reads; the defaults when the repository's own
        settings do not read (the portfolio shows what it can, validation says why)."""

        try:
            return GuideContext(self.repo.framework, self.repo.scales())
        except Exception:
            # start-up: models.scales loads only when this runs
            from .models.scales import DEFAULT_SCALES

            return GuideContext(default_framework(), DEFAULT_SCALES)

    def _support_months(self) -> int:
        """How many plan months a row watches, read without pydantic (before first paint)."""

        return support_months(self.root)

    # --- moving on --------------------------------------------------------------------------

    def advance_check(self, slug: str) -> AdvanceCheck:
        """What is still open in the current phase: unticked activities and next steps of
        its tools (or earlier ones). The app shows it and asks before `advance_phase`."""
        # start-up: analysis.guide loads only when this runs
        from .analysis.guide import advance_check

        return advance_check(self.view(slug), self.today)

    def advance_phase(self, slug: str, to: int | None = None) -> CommitResult:
        """Move the engagement to phase `to` (default: the next one), as one commit. The
        wheel allows going back too; the phase must exist in the framework."""

        numbers = [p.number for p in self.repo.framework.phases]
        with self._lock, self.repo.lock():  # read and save as one step for every pcsm
            loaded = self.repo.load(self._rel(slug, ENGAGEMENT_FILE))
            current = int(getattr(loaded.model, "current_phase", 1))
            later = [n for n in numbers if n > current]  # removed phases are skipped
            target = (min(later) if later else current + 1) if to is None else to
            if target not in numbers:
                raise ValueError(
                    f"there is no phase {target} (the phases are {', '.join(map(str, numbers))})"
                )
            model = loaded.model.model_copy(update={"current_phase": target})
            name = self.repo.framework.phase(target).name
            return self._remember(
                self.repo.edit(loaded, model, headline=f"moved to phase {target} {name}")
            )

    # --- go / no-go -------------------------------------------------------------------------

    def decide_go(
        self,
        slug: str,
        checklist: str,
        decision: Decision,
        decided_by: str = "",
        day: dt.date | None = None,
        comments: str = "",
    ) -> CommitResult:
        """Record a go / no-go / not-yet decision for one adoption phase's readiness copy,
        with the items open at that moment, as one commit. The commit names the phase and
        the decision, never the decider (personal data stays out of messages)."""
        # start-up: analysis.readiness, models.checklists load only when this runs
        from .analysis.readiness import decide
        from .models.checklists import DECISION_TEXT, Readiness

        with self._lock, self.repo.lock():  # read and save as one step for every pcsm
            loaded = self.repo.load(self._tool_rel(slug, Readiness))
            assert isinstance(loaded.model, Readiness)
            copies = {c.id: c for c in loaded.model.checklists}
            if checklist not in copies:
                raise ValueError(
                    f"no readiness checklist {checklist!r}; the copies are: {', '.join(copies)}"
                )
            changed = decide(
                copies[checklist],
                self.repo.framework,
                decision,
                day or self.today,
                decided_by,
                comments,
            )
            model = loaded.model.model_copy(
                update={
                    "checklists": [
                        changed if c.id == checklist else c for c in loaded.model.checklists
                    ]
                }
            )
            title = copies[checklist].title
            return self._remember(
                self.repo.edit(
                    loaded, model, headline=f"{title}: decided {DECISION_TEXT[decision]}"
                )
            )

    # --- reports ----------------------------------------------------------------------------

    def write_report(
        self,
        slug: str,
        path: Path,
        form: ReportForm,
        as_of: dt.date | None = None,
        redact: bool = False,
    ) -> list[Path]:
        """A milestone report for the customer from the engagement's data (as of the end of
        day `as_of`), written atomically; returns the files written (a Markdown report's
        picture goes beside it). With `redact`, people's names become roles and pseudonyms."""
        # start-up: analysis.overview, io load only when this runs
        from .analysis.overview import build_guide
        from .io import milestone

        day = as_of or self.today
        data = self.engagement_data(slug, as_of)
        people = {m.id: m.name for m in data.members}
        if redact:
            # start-up: io.redact loads only when this runs
            from .io.redact import pseudonyms
            from .io.redact import redact as redacted

            who = pseudonyms(data)
            people = {m.id: who.labels[who.members[m.id]] for m in data.members}
            data = redacted(data)
            people.update({m.id: m.name for m in data.members})
        view = data.view()
        since = milestone.last_report_day(view, day)
        guide = build_guide(view, day, self.last_change_of(slug, as_of))
        content = milestone.milestone_report(
            milestone.ReportInput(
                view=view,
                guide=guide,
                since=since,
                worked_on=milestone.changes_by_tool(self._subjects(slug, since, as_of), slug),
                people=people,
                redacted=redact,
            )
        )
        return milestone.write_report(content, path, form)

    def _subjects(self, slug: str, since: dt.date | None, until: dt.date | None) -> list[str]:
        """Subjects of the engagement's commits after day `since`, up to the end of `until`."""

        folder = f"{ENGAGEMENTS_DIR}/{slug}"
        rev = None
        if until is not None:
            # start-up: store.asof loads only when this runs
            from .store.asof import engagement_commit

            rev = engagement_commit(self.repo, slug, until).sha
        after = (since + dt.timedelta(days=1)).isoformat() if since else None
        commits = self.repo.git.log(path=folder, since=after, rev=rev)
        if after is not None:
            commits = [c for c in commits if c.date[:10] >= after]
        return [c.subject for c in commits]

    def record_report(
        self,
        slug: str,
        report: str,
        audience: str = "",
        row: str | None = None,
        delivered_on: dt.date | None = None,
        milestone: str = "",
    ) -> CommitResult:
        """Mark a reporting checklist row delivered (tool 21), or add one: which report went
        to whom and when, as one commit."""
        # start-up: models.evaluation loads only when this runs
        from .models.evaluation import Report, Reporting

        day = delivered_on or self.today
        with self._lock, self.repo.lock():  # read and save as one step for every pcsm
            loaded = self.repo.load(self._tool_rel(slug, Reporting))
            assert isinstance(loaded.model, Reporting)
            reports = list(loaded.model.reports)
            if row is not None:
                index = next((i for i, r in enumerate(reports) if r.id == row), None)
                if index is None:
                    known = ", ".join(r.id for r in reports) or "none"
                    raise ValueError(f"no reporting row {row!r} (rows: {known})")
                update: dict[str, Any] = {"delivered": True, "delivered_on": day}
                if audience:
                    update["audience"] = audience
                reports[index] = reports[index].model_copy(update=update)
                headline = f"{reports[index].report}: delivered"
            else:
                base = f"report-{day.isoformat()}"
                taken = {r.id for r in reports}
                row_id, n = base, 2
                while row_id in taken:
                    row_id, n = f"{base}-{n}", n + 1
                reports.append(
                    Report(
                        id=row_id,
                        report=report,
                        milestone=milestone,
                        audience=audience,
                        due=day,
                        delivered=True,
                        delivered_on=day,
                    )
                )
                headline = f"added {report}: delivered"
            model = Reporting.model_validate(
                {**loaded.model.model_dump(), "reports": [r.model_dump() for r in reports]}
            )
            return self._remember(self.repo.edit(loaded, model, headline=headline))

    # --- paths ------------------------------------------------------------------------------

    def _rel(self, slug: str, filename: str) -> str:
        return self.repo.layout.rel(self.repo.layout.engagement_file(slug, filename))

    def _tool_rel(self, slug: str, model: type[FileModel]) -> str:
        # start-up: analysis.view loads only when this runs
        from .analysis.view import FILE_FOR_KIND

        return self._rel(slug, FILE_FOR_KIND[model.kind])


def explain(error: Exception) -> tuple[str, int] | None:
    """A known failure of the guidance methods as (message, exit code): 2 for what the
    caller asked wrongly (no such repository, engagement, date or row), 1 for files that do
    not validate or read, and a save that was refused or failed; None for anything else (a
    bug: let it show)."""
    # start-up: pydantic loads only when this runs
    from pydantic import ValidationError

    # start-up: app_errors, io.bundle load only when this runs
    from .app_errors import explain_validation
    from .io.bundle import EngagementNotFound

    # start-up: store.asof, store.git load only when this runs
    from .store.asof import NothingThen
    from .store.git import GitError

    # start-up: store.repository loads only when this runs
    from .store.repository import CommitFailed, NotARepository, refusals

    if isinstance(error, (NotARepository, EngagementNotFound, BadName, NothingThen)):
        return str(error), 2
    if isinstance(error, ValidationError):
        return f"{_file_of(error.title)}{explain_validation(error)} (run pcsm validate)", 1
    if isinstance(error, Unreadable):  # a link, a folder, too big or deep, not UTF-8
        return f"{error.located()} (run pcsm validate)", 1
    if isinstance(error, refusals(CommitFailed, GitError)):
        return str(error), 1  # a refused save says why and what to do; nothing was lost
    if isinstance(error, ValueError):
        return str(error), 2
    if isinstance(error, OSError):
        return f"cannot write the file: {error}", 2
    return None


def _file_of(model_name: str) -> str:
    """`risks.toml: ` for the model named in a validation error ("" if not a known file)."""
    # start-up: framework.catalogue loads only when this runs
    from .framework.catalogue import ENGAGEMENT_FILES, FILE_MODELS

    names = [n for n, kind in ENGAGEMENT_FILES.items() if FILE_MODELS[kind].__name__ == model_name]
    return f"{names[0]}: " if names else ""


__all__ = ["GuideService", "ReportForm", "explain"]
