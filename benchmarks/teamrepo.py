"""Generate a team-scale pcsm repository: engagements, commits, authors and years as asked.

    .venv/bin/python benchmarks/teamrepo.py TARGET [--engagements 1000] [--commits 20000]
        [--authors 40] [--years 3] [--seed 1] [--hot-commits 200]

The content is the demo's three engagements, varied (teamcontent.py); the history is written
through `git fast-import`, so 20,000 commits take seconds, not the hours the app would need:
- the first commit holds the settings (every author is a team member), the people's files
  and the first three engagements; the other engagements are started through the years;
- every other commit changes one figure, or adds or removes one row, of one file of an
  engagement started already, mostly by its CSM, in pcsm's own message format;
- about one commit in twelve is part of a sync: a teammate's commits made on an older
  state and merged (a merge commit with two parents, as `pcsm sync` makes);
- `--hot-commits` of them change the risks of one engagement (the first
  that has risks to change) (the "history of one
  tool" of the benchmarks).
The same seed gives the same repository (same commit ids). Every version of every file is
valid, and the result passes `pcsm validate`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from teamcontent import (
    COMPANY,
    INDUSTRY,
    REGIONS,
    FileState,
    Member,
    Names,
    Template,
    ascii_word,
    figure,
    members,
    observed_values,
    person_name,
    read_sample,
    render,
    settings_text,
    stakeholder_names,
)

from pcsm_tui.demo import sample_repo_dir
from pcsm_tui.store.repository import GITATTRIBUTES, GITIGNORE

END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
"""The history ends where the demo's does."""
HOT_TOOL = "risks.toml"
MERGE_EVERY = 12
SYNC_REF = "refs/heads/teammate"
SAMPLE_MEMBERS = ("maria-lopez", "dev-patel", "sam-okafor")


@dataclass
class Engagement:
    slug: str
    template: str
    csm: int
    names: Names
    files: dict[str, FileState] = field(default_factory=dict)
    editable: list[str] = field(default_factory=list)


@dataclass
class Stats:
    commits: int = 0
    merges: int = 0
    files: int = 0
    hot: int = 0
    hot_slug: str = ""
    """The engagement whose risks `hot` commits changed."""
    seconds: float = 0.0


class FastImport:
    """A `git fast-import` process fed one commit at a time (never the whole stream)."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["git", "-C", str(root), "fast-import", "--quiet", "--done"],
            stdin=subprocess.PIPE,
        )
        assert self.process.stdin is not None
        self.out: IO[bytes] = self.process.stdin
        self.marks = 0

    def commit(
        self,
        ref: str,
        who: Member,
        when: int,
        message: str,
        changes: list[tuple[str, str]],
        parent: int | None = None,
        merge: int | None = None,
    ) -> int:
        self.marks += 1
        text = message.encode()
        ident = f"{who.name} <{who.email}> {when} {who.timezone}".encode()
        parts = [
            f"commit {ref}\nmark :{self.marks}\n".encode(),
            b"author " + ident + b"\n",
            b"committer " + ident + b"\n",
            b"data %d\n" % len(text) + text + b"\n",
        ]
        if parent is not None:
            parts.append(b"from :%d\n" % parent)
        if merge is not None:
            parts.append(b"merge :%d\n" % merge)
        for rel, content in changes:
            data = content.encode()
            parts.append(b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(data), data))
        self.out.write(b"".join(parts) + b"\n")
        return self.marks

    def finish(self) -> None:
        self.out.write(b"done\n")
        self.out.close()
        if self.process.wait() != 0:
            raise SystemExit("git fast-import failed")


class Generator:
    def __init__(self, count: int, authors: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.team = members(self.rng, authors)
        templates, self.people = read_sample(sample_repo_dir())
        self.templates = templates
        everything = [t for group in (*templates.values(), *self.people.values()) for t in group]
        self.values = observed_values(everything)
        self.customers = {
            slug: _customer(group) for slug, group in templates.items()
        }  # template slug -> customer name
        self.engagements = [self._engagement(number) for number in range(count)]

    # --- content -----------------------------------------------------------------------------

    def _engagement(self, number: int) -> Engagement:
        rng = self.rng
        template = sorted(self.templates)[number % len(self.templates)]
        company, industry = rng.choice(COMPANY), rng.choice(INDUSTRY)
        slug = f"{ascii_word(company)}-{ascii_word(industry)}-{rng.choice(REGIONS)}-{number}"
        csm = number % len(self.team)
        old = self.customers[template]
        mapping = {old: f"{company} {industry}", old.split()[0]: company}
        mapping[ascii_word(old.split()[0])] = ascii_word(company)
        mapping.update(self._member_names(csm, _sample_csm(self.templates[template])))
        taken: set[str] = set()
        for first, last in stakeholder_names(self.templates[template]):
            new_first, new_last = person_name(rng, taken)
            mapping[f"{first} {last}"] = f"{new_first} {new_last}"
            mapping[f"{ascii_word(first)}.{ascii_word(last)}"] = (
                f"{ascii_word(new_first)}.{ascii_word(new_last)}"
            )
        engagement = Engagement(slug, template, csm, Names(mapping))
        for source in self.templates[template]:
            state = FileState(source)
            for block in range(len(source.blocks)):
                if rng.random() < 0.3:
                    state.dropped.add(block)
            for index, name in source.figures:
                if rng.random() < 0.5:
                    state.values[index] = rng.choice(self.values[name])
            rel = f"engagements/{slug}/{source.rel}"
            engagement.files[rel] = state
            if source.figures or source.blocks:
                engagement.editable.append(rel)
        return engagement

    def _member_names(self, member: int, sample_id: str) -> dict[str, str]:
        """The sample's three members become `member` (for `sample_id`) and the next two."""
        start = SAMPLE_MEMBERS.index(sample_id)
        mapping = {}
        for offset in range(len(SAMPLE_MEMBERS)):
            old = SAMPLE_MEMBERS[(start + offset) % len(SAMPLE_MEMBERS)]
            new = self.team[(member + offset) % len(self.team)]
            first, last = old.split("-")
            mapping[old] = new.id
            mapping[f"{first}.{last}"] = new.email.split("@")[0]
            mapping[f"{first.title()} {last.title()}"] = new.name
        return mapping

    def people_files(self) -> list[tuple[str, str]]:
        """Every member's three files, each from one of the sample's people."""
        seeded = self.engagements[:3]
        out = []
        for number, member in enumerate(self.team):
            sample = SAMPLE_MEMBERS[number % len(SAMPLE_MEMBERS)]
            mapping = self._member_names(number, sample)
            for index, template_slug in enumerate(sorted(self.templates)):
                target = seeded[index % len(seeded)]
                mapping[template_slug] = target.slug
                old = self.customers[template_slug].split()[0]
                new = target.names.mapping[old]
                mapping[old] = new
                mapping[ascii_word(old)] = ascii_word(new)
            names = Names(mapping)
            for template in self.people[sample]:
                text = render(FileState(template), names)
                out.append((f"people/{member.id}/{template.rel}", text))
        return out

    def edit(self, engagement: Engagement, rel: str) -> tuple[str, str]:
        """Change one figure, or add or remove one row, of `rel`: (its new text, subject)."""
        rng = self.rng
        state = engagement.files[rel]
        template = state.template
        tool = template.rel.removesuffix(".toml").replace("/", " ")
        if template.blocks and (not template.figures or rng.random() < 0.15):
            block = rng.randrange(len(template.blocks))
            added = block in state.dropped
            (state.dropped.discard if added else state.dropped.add)(block)
            what = "added a row" if added else "removed a row"
            return render(state, engagement.names), f"{engagement.slug}: {tool}: {what}"
        index, name = rng.choice(template.figures)
        old = figure(state, index)
        choices = [v for v in self.values[name] if v != old] or [old]
        state.values[index] = new = rng.choice(choices)
        return render(state, engagement.names), f"{engagement.slug}: {tool}: {name}: {old} → {new}"


def _customer(templates: list[Template]) -> str:
    engagement = next(t for t in templates if t.rel == "engagement.toml")
    line = next(line for line in engagement.lines if line.startswith("customer = "))
    return line.split('"')[1]


def _sample_csm(templates: list[Template]) -> str:
    engagement = next(t for t in templates if t.rel == "engagement.toml")
    line = next(line for line in engagement.lines if line.startswith("csm = "))
    return line.split('"')[1]


def _message(subject: str, slug: str, tool: str) -> str:
    return f"{subject}\n\nPcsm-Engagement: {slug}\nPcsm-Tool: {tool}\n"


def generate(
    target: Path,
    engagements: int = 1000,
    commits: int = 20_000,
    authors: int = 40,
    years: float = 3.0,
    seed: int = 1,
    hot_commits: int = 200,
) -> Stats:
    """Write the repository into the new folder `target` (its work tree checked out)."""
    started = time.perf_counter()
    if engagements < 1 or authors < 1:
        raise ValueError("at least one engagement and one author")
    if commits < engagements - 2 + hot_commits:
        raise ValueError(
            f"{commits} commits are too few for {engagements} engagements and {hot_commits} "
            "commits to one tool"
        )
    gen = Generator(engagements, authors, seed)
    rng, team, stats = gen.rng, gen.team, Stats()
    target.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "--initial-branch=main", str(target)], check=True)
    span = int(years * 365.25 * 86400)
    start = int(END.timestamp()) - span
    step = span / commits

    def when(number: int) -> int:
        return start + int(number * step + rng.random() * step / 2)

    stream = FastImport(target)
    seeded = gen.engagements[:3]
    first: list[tuple[str, str]] = [
        ("pcsm.toml", settings_text("Larkspur Customer Success: central repository", team)),
        (".gitattributes", GITATTRIBUTES),
        (".gitignore", GITIGNORE),
        *gen.people_files(),
    ]
    for engagement in seeded:
        first += [(rel, render(s, engagement.names)) for rel, s in engagement.files.items()]
    tip = stream.commit("refs/heads/main", team[0], when(0), "team repository\n", first)
    stats.commits, stats.files = 1, len(first)
    started_count = len(seeded)
    waiting = gen.engagements[len(seeded) :]
    create_every = (commits - 1) / max(1, len(waiting) + 1)
    hot_every = (commits - 1) / max(1, hot_commits + 1)
    hot = next(
        (e for e in seeded if e.files[f"engagements/{e.slug}/{HOT_TOOL}"].template.figures),
        seeded[0],
    )
    hot_rel = f"engagements/{hot.slug}/{HOT_TOOL}"
    stats.hot_slug = hot.slug

    def author_of(engagement: Engagement) -> Member:
        return team[engagement.csm] if rng.random() < 0.8 else rng.choice(team)

    def pick(exclude: set[str]) -> Engagement:
        """Mostly one of the 60 newest engagements (the active ones), else any started."""
        for _attempt in range(50):
            low = max(0, started_count - 60) if rng.random() < 0.7 else 0
            chosen = gen.engagements[rng.randrange(low, started_count)]
            if chosen.slug not in exclude and chosen.editable:
                return chosen
        return hot

    def plain_edit(exclude: set[str]) -> tuple[Engagement, str, str, str]:
        engagement = pick(exclude)
        rel = rng.choice(engagement.editable)
        text, subject = gen.edit(engagement, rel)
        return engagement, rel, text, subject

    while stats.commits < commits:
        number = stats.commits
        if waiting and number >= (started_count - len(seeded) + 1) * create_every:
            engagement = waiting.pop(0)
            started_count += 1
            files = [(rel, render(s, engagement.names)) for rel, s in engagement.files.items()]
            message = _message(f"{engagement.slug}: new engagement", engagement.slug, "new")
            tip = stream.commit(
                "refs/heads/main", team[engagement.csm], when(number), message, files
            )
            stats.commits, stats.files = number + 1, stats.files + len(files)
            continue
        if stats.hot < hot_commits and number >= (stats.hot + 1) * hot_every:
            text, subject = gen.edit(hot, hot_rel)
            message = _message(subject, hot.slug, "risks")
            tip = stream.commit(
                "refs/heads/main", author_of(hot), when(number), message, [(hot_rel, text)]
            )
            stats.commits, stats.hot = number + 1, stats.hot + 1
            continue
        room = commits - number
        if rng.randrange(MERGE_EVERY) == 0 and room >= 3 and started_count > 1:
            tip = _sync_episode(stream, tip, gen, plain_edit, author_of, when, stats, room)
            continue
        engagement, rel, text, subject = plain_edit(set())
        message = _message(subject, engagement.slug, subject.split(": ")[1])
        tip = stream.commit(
            "refs/heads/main", author_of(engagement), when(number), message, [(rel, text)]
        )
        stats.commits = number + 1
    stream.finish()
    subprocess.run(["git", "-C", str(target), "update-ref", "-d", SYNC_REF], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "-f", "main"], check=True)
    stats.seconds = time.perf_counter() - started
    return stats


Edit = tuple[Engagement, str, str, str]


def _sync_episode(
    stream: FastImport,
    tip: int,
    gen: Generator,
    plain_edit: Callable[[set[str]], Edit],
    author_of: Callable[[Engagement], Member],
    when: Callable[[int], int],
    stats: Stats,
    room: int,
) -> int:
    """Commits on main and, meanwhile, a teammate's commits on an older state, then the
    teammate's sync: a merge whose first parent is the teammate's work (as `pcsm sync`
    makes it). The two sides change different engagements, so nothing conflicts."""
    rng = gen.rng
    ours = rng.randint(1, 3)
    theirs = max(1, min(rng.randint(1, 2), room - ours - 1))
    ours = min(ours, room - theirs - 1)
    slots = sorted(rng.sample(range(ours + theirs), theirs))
    number = stats.commits
    main_edits = [plain_edit(set()) for _ in range(ours)]
    busy = {edit[0].slug for edit in main_edits}
    side_edits = [plain_edit(busy) for _ in range(theirs)]
    mate = author_of(side_edits[0][0])
    fork = tip
    mains = iter(main_edits)
    sides = iter(side_edits)
    side_tip: int | None = None
    main_changed: dict[str, str] = {}
    for position in range(ours + theirs):
        stamp = when(number + position)
        if position in slots:
            engagement, rel, text, subject = next(sides)
            message = _message(subject, engagement.slug, subject.split(": ")[1])
            parent = fork if side_tip is None else None
            side_tip = stream.commit(SYNC_REF, mate, stamp, message, [(rel, text)], parent)
        else:
            engagement, rel, text, subject = next(mains)
            message = _message(subject, engagement.slug, subject.split(": ")[1])
            tip = stream.commit(
                "refs/heads/main", author_of(engagement), stamp, message, [(rel, text)]
            )
            main_changed[rel] = text
    assert side_tip is not None
    merge = "sync: merge origin/main into main\n\nPcsm-Action: merge\n"
    stamp = when(number + ours + theirs)
    changes = sorted(main_changed.items())
    tip = stream.commit("refs/heads/main", mate, stamp, merge, changes, side_tip, tip)
    stats.commits += ours + theirs + 1
    stats.merges += 1
    return tip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--engagements", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--authors", type=int, default=40)
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hot-commits", type=int, default=200)
    args = parser.parse_args()
    if args.target.exists():
        raise SystemExit(f"{args.target} exists already; name a new folder")
    stats = generate(
        args.target,
        args.engagements,
        args.commits,
        args.authors,
        args.years,
        args.seed,
        args.hot_commits,
    )
    print(
        f"{args.target}: {stats.commits} commits ({stats.merges} merges, {stats.hot} to the "
        f"first engagement's risks), {stats.files} files written, {stats.seconds:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
