"""`pcsm demo`: the sample repository replayed as six months of a team's work.

The final state is `sample_repo/` exactly; the history is generated from it: each
engagement is started with `pcsm new`, its tools are filled in phase by phase (first a
draft with about half of the rows, later the whole), its activities are ticked on their
dates, and a stakeholder-plan month is added at the start of each month. Every commit goes
through the same repository service as the app, so the history looks like the real thing.
Dates and authors are fixed, so the demo is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .framework import default_framework
from .framework.catalogue import TOOLS
from .framework.prefill import engagement_files
from .models.base import FileModel
from .models.engagement import Engagement
from .models.repository import RepoSettings
from .service_templates import save_template
from .store.editorfiles import refresh_editor_files
from .store.layout import ENGAGEMENT_FILE, Layout, classify, engagement_rel, plan_month_rel
from .store.messages import Scope
from .store.repository import Repository, Write, dump, writable
from .store.toml_codec import loads, merge_into

SAMPLE_ENV = "PCSM_SAMPLE_REPO"
HISTORY_END = dt.date(2026, 11, 20)
"""The day the demo's history ends (shortly before the frozen 'today' of the tests)."""


class DemoError(UsageError):
    pass


def sample_repo_dir() -> Path:
    """The sample repository: $PCSM_SAMPLE_REPO, else sample_repo/ of the source tree."""
    configured = os.environ.get(SAMPLE_ENV)
    folder = (
        Path(configured) if configured else Path(__file__).resolve().parent.parent / "sample_repo"
    )
    if not (folder / "pcsm.toml").is_file():
        raise DemoError(
            f"the sample repository was not found at {folder}; run pcsm from a source "
            f"checkout (pip install -e .) or set {SAMPLE_ENV} to its folder"
        )
    return folder


@dataclass(frozen=True)
class Step:
    when: dt.datetime
    author: str
    kind: str
    rel: str = ""
    fraction: float = 1.0
    engagement: str = ""


KEEP_WHOLE = frozenset({"columns", "strategies"})
"""Lists that other rows of the same file refer to: a draft keeps them whole."""


def _truncated(data: Any, fraction: float, depth: int = 0) -> Any:
    """The data with each list of rows cut to `fraction` of its rows (a believable draft)."""
    if isinstance(data, dict):
        return {
            k: v if k in KEEP_WHOLE else _truncated(v, fraction, depth + 1) for k, v in data.items()
        }
    if isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        keep = max(1, math.ceil(len(data) * fraction)) if depth <= 3 else len(data)
        return [_truncated(v, fraction, depth + 1) for v in data[:keep]]
    return data


def _at(day: dt.date, seq: int) -> dt.datetime:
    minutes = (seq * 97) % 480
    return dt.datetime(day.year, day.month, day.day, 9 + minutes // 60, minutes % 60, tzinfo=dt.UTC)


def _plan(sample: Path) -> list[Step]:
    layout = Layout(sample)
    steps: list[Step] = []
    seq = 0

    def add(
        day: dt.date,
        author: str,
        kind: str,
        rel: str = "",
        fraction: float = 1.0,
        engagement: str = "",
    ) -> None:
        nonlocal seq
        seq += 1
        steps.append(Step(_at(min(day, HISTORY_END), seq), author, kind, rel, fraction, engagement))

    settings = RepoSettings.model_validate(loads((sample / "pcsm.toml").read_text()))
    framework = default_framework()
    first_author = settings.members[0].id if settings.members else "demo"
    starts: list[dt.date] = []
    for slug in layout.engagements():
        engagement = Engagement.model_validate(
            loads((layout.engagement_dir(slug) / ENGAGEMENT_FILE).read_text())
        )
        starts.append(engagement.start_date or HISTORY_END)
    origin = min(starts, default=HISTORY_END) - dt.timedelta(days=3)
    add(origin, first_author, "init")
    add(origin, first_author, "settings", "pcsm.toml")

    for slug in layout.engagements():
        folder = layout.engagement_dir(slug)
        engagement = Engagement.model_validate(loads((folder / ENGAGEMENT_FILE).read_text()))
        author = engagement.csm or first_author
        start = engagement.start_date or origin
        phases = max(1, engagement.current_phase)
        span = max(7, (HISTORY_END - start).days)
        window = span / phases
        add(start, author, "create", engagement_rel(slug), engagement=slug)
        add(
            start + dt.timedelta(days=1),
            author,
            "file",
            engagement_rel(slug, "stakeholders.toml"),
            0.5,
            slug,
        )
        register_done = start + dt.timedelta(days=int(window * 0.8))
        add(register_done, author, "file", engagement_rel(slug, "stakeholders.toml"), 1.0, slug)
        defaults = engagement_files(framework, engagement.customer)
        for tool in TOOLS:
            if tool.scope != "engagement":
                continue
            rel = engagement_rel(slug, tool.file)
            content = tool.model.model_validate(loads((sample / rel).read_text()))
            if dump(content) == dump(defaults[tool.file]):
                continue  # not worked on yet: it stays as `pcsm new` wrote it
            phase = min(tool.phase, phases)
            begin = start + dt.timedelta(days=int(window * (phase - 1)) + 2 + tool.number % 5)
            add(begin, author, "file", rel, 0.5, slug)
            add(
                begin + dt.timedelta(days=max(3, int(window * 0.6))), author, "file", rel, 1.0, slug
            )
        for month in layout.plan_months(slug):
            year, number = map(int, month.split("-"))
            add(  # after the whole register: a month's rows name its stakeholders
                max(dt.date(year, number, 2), register_done + dt.timedelta(days=1)),
                author,
                "file",
                plan_month_rel(slug, month),
                1.0,
                slug,
            )
        for phase in range(1, phases + 1):
            add(
                start + dt.timedelta(days=int(window * phase) - 1),
                author,
                "tick",
                engagement_rel(slug, ENGAGEMENT_FILE),
                phase / phases,
                slug,
            )
    # A person's evaluations name engagements: their first draft comes once every engagement
    # exists (a save never commits a reference to nothing).
    people_start = max(starts, default=origin) + dt.timedelta(days=1)
    for person in layout.people():
        for path in sorted((sample / "people" / person).glob("*.toml")):
            rel = f"people/{person}/{path.name}"
            add(people_start, person, "file", rel, 0.5)
            add(HISTORY_END - dt.timedelta(days=10 + len(steps) % 20), person, "file", rel, 1.0)
    steps.sort(key=lambda s: s.when)
    return steps


def _env(settings: RepoSettings, author: str, when: dt.datetime) -> dict[str, str]:
    member = next((m for m in settings.members if m.id == author), None)
    name = member.name if member else author
    email = member.email if member and member.email else f"{author}@example.com"
    stamp = when.isoformat()
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": stamp,
    }


def _tick_version(sample: Engagement, fraction: float, day: dt.date) -> Engagement:
    done = {k: v for k, v in sample.activities_done.items() if v <= day}
    phase = max(1, min(sample.current_phase, math.ceil(sample.current_phase * fraction) + 1))
    if fraction >= 1.0:
        return sample
    return sample.model_copy(update={"activities_done": done, "current_phase": phase})


def build_demo(target: Path, progress: Callable[[str], None] | None = None) -> Repository:
    """Build the demo repository in `target` (which must be empty or absent)."""
    sample = sample_repo_dir()
    if target.exists() and any(target.iterdir()):
        raise DemoError(f"{target} exists and is not empty; choose another --dir")
    settings = RepoSettings.model_validate(loads((sample / "pcsm.toml").read_text()))
    steps = _plan(sample)
    repo: Repository | None = None
    report = progress or (lambda _text: None)
    for index, step in enumerate(steps, start=1):
        if index % 20 == 0:
            report(f"building demo history: {index}/{len(steps)} changes")
        env = _env(settings, step.author, step.when)
        if step.kind == "init":
            repo = Repository.init(target, name=settings.name, env=env)
            continue
        assert repo is not None
        if step.kind == "settings":
            _write_sample(repo, sample, "pcsm.toml", 1.0, env, Scope(tool="repository"))
            repo._settings = None
            refresh_editor_files(repo, env=env)  # the editors' schemas with the sample's scales
        elif step.kind == "create":
            _create(repo, sample, step, env)
        elif step.kind == "tick":
            final = Engagement.model_validate(loads((sample / step.rel).read_text()))
            version = _tick_version(final, step.fraction, step.when.date())
            _write_sample(repo, sample, step.rel, 1.0, env, repo.scope_for(step.rel), version)
        else:
            _write_sample(repo, sample, step.rel, step.fraction, env, repo.scope_for(step.rel))
    assert repo is not None
    _check_same(repo, sample)
    _save_templates(repo, settings)
    report(f"built demo history: {len(steps)} changes")
    return repo


def _create(repo: Repository, sample: Path, step: Step, env: dict[str, str]) -> None:
    """`pcsm new` for a sample engagement; untouched tools keep the sample's exact layout."""
    folder = sample / step.rel
    data = Engagement.model_validate(loads((folder / ENGAGEMENT_FILE).read_text()))
    defaults = engagement_files(
        repo.framework, data.customer, data.initiative, data.csm, data.start_date
    )
    texts = {}
    for name, model in defaults.items():
        text = (folder / name).read_text(encoding="utf-8")
        if name != ENGAGEMENT_FILE and dump(type(model).model_validate(loads(text))) == dump(model):
            texts[name] = text
    repo.new_engagement(
        step.engagement,
        data.customer,
        data.initiative,
        data.csm,
        data.start_date,
        env=env,
        first_month=False,
        texts=texts,
    )


def _write_sample(
    repo: Repository,
    sample: Path,
    rel: str,
    fraction: float,
    env: dict[str, str],
    scope: Scope,
    version: FileModel | None = None,
) -> None:
    """Commit the sample's file, or a draft of it, laid out as the sample file is."""
    text = (sample / rel).read_text(encoding="utf-8")
    model_class = repo.model_class(rel)
    final = model_class.model_validate(loads(text), context=repo.context())
    model: FileModel = version or final
    if version is None and fraction < 1.0:
        try:
            model = model_class.model_validate(
                _truncated(dump(final), fraction), context=repo.context()
            )
        except ValueError:
            return  # this file has no sensible draft; it appears whole later
        if dump(model) == dump(final):
            return
    path = repo.root / rel
    expected = repo.load(rel).digest if path.exists() else None
    repo.save(
        [Write(rel, model, expected, text=merge_into(text, writable(model, loads(text))))],
        scope,
        env=env,
    )


DEMO_TEMPLATES = (
    ("northwind-emea", "risks", "adoption-risks", "maria-lopez"),
    ("contoso-retail", "onboarding-plan", "retail-onboarding", "dev-patel"),
)
"""Team templates the demo's history ends with: (engagement, tool, name, who saved it)."""


def _save_templates(repo: Repository, settings: RepoSettings) -> None:
    """The team's templates, saved from the finished engagements as the app saves them
    (ids seeded, so the demo's commits are the same on every machine)."""
    for seq, (slug, tool, name, author) in enumerate(DEMO_TEMPLATES, start=1):
        env = _env(settings, author, _at(HISTORY_END, 900 + seq))
        save_template(repo, slug, tool, name, env=env, seed=f"demo {name}")


def _check_same(repo: Repository, sample: Path) -> None:
    """The built repository must hold exactly the sample's data."""
    for path in sorted(sample.rglob("*.toml")):
        rel = path.relative_to(sample).as_posix()
        if classify(rel) is None:
            continue
        built = repo.root / rel
        if not built.is_file() or loads(built.read_text()) != loads(path.read_text()):
            raise DemoError(f"internal error: the demo's {rel} does not match the sample")
