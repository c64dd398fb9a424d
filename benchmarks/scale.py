"""The figures of docs/scale.md on one repository that exists already (built by
`teamrepo.py`): a few runs of each, for a size `make bench-team` does not build.

    .venv/bin/python benchmarks/teamrepo.py /tmp/r3000 --engagements 3000 --commits 60000
    .venv/bin/python benchmarks/scale.py /tmp/r3000 [--runs 2] [--json scale-3000.json]

Measures, each beside the figure in brackets where team.py has one: first paint (a bare
Textual app's first frame), the portfolio rows with and without the row cache, `pcsm
validate` cold and warm (tomllib parse of every file), the history of one tool with the
commit-graph kept (`git log -- PATH`), `pcsm sync` of one commit each way (`git pull` +
`git push`), and the CSM's own clone: `pcsm sparse init` once, then `pcsm clone --mine`
beside a full `git clone` over file:// (time, and the size of `.git` and of the work tree).
The repository is changed (summaries committed, edits for the sync); use a copy you can
throw away.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import team
import teamapp
from timing import IDENTITY

from pcsm_tui.service import Workspace
from pcsm_tui.store.graph import upkeep


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=Path("scale.json"))
    parser.add_argument(
        "--cold", action="store_true", help="also pcsm validate without its cache (slow)"
    )
    args = parser.parse_args()
    os.environ.update(IDENTITY)
    root: Path = args.root.resolve()
    count = sum(1 for _ in (root / "engagements").iterdir())
    name = f"{count} engagements"
    work = Path(tempfile.mkdtemp(prefix="pcsm-scale-"))
    runs = args.runs
    pcsm = shutil.which("pcsm", path=str(Path(sys.executable).parent)) or "pcsm"
    print(f"{name}: {team.git(root, 'rev-list', '--count', 'HEAD').strip()} commits", flush=True)
    try:
        # the CSM's own clone
        started = time.perf_counter()
        subprocess.run([pcsm, "sparse", "init", "--repo", str(root)], check=True)
        team.record(
            name,
            "pcsm sparse init (every summary, one commit)",
            [(time.perf_counter() - started) * 1000],
        )
        bare = work / "remote.git"
        team.git(work, "clone", "-q", "--bare", str(root), str(bare))
        team.git(bare, "config", "uploadpack.allowFilter", "true")
        settings = tomllib.loads((root / "pcsm.toml").read_text(encoding="utf-8"))
        owners = collections.Counter(
            tomllib.loads((p / "engagement.toml").read_text(encoding="utf-8")).get("csm", "")
            for p in (root / "engagements").iterdir()
        )
        csm, theirs = owners.most_common(1)[0]
        assert any(m["id"] == csm for m in settings["members"])
        url = bare.as_uri()
        full = team.process("git", "clone", "-q", url, str(work / "full"), cwd=work)
        mine = team.process(pcsm, "clone", url, str(work / "mine"), "--mine", csm, cwd=work)
        team.record(name, "full git clone over file://", [full])
        team.record(name, f"pcsm clone --mine ({theirs} engagements of {count})", [mine])
        for label, folder in (("full", work / "full"), ("mine", work / "mine")):
            dot = size_of(folder / ".git") / 1e6
            tree = (size_of(folder) / 1e6) - dot
            print(f"  {label}: .git {dot:.1f} MB, work tree {tree:.1f} MB", flush=True)
            team.RESULTS[name][f"{label} clone MB"] = {"git": dot, "tree": tree}
        team.record(
            name,
            "portfolio rows in the --mine clone, no row cache",
            [team.ms(Workspace(work / "mine").portfolio)],
        )
        team.record(
            name,
            "pcsm validate in the --mine clone, cold (whole process)",
            [team.process(pcsm, "validate", str(work / "mine"))],
        )
        rows = root / ".git" / "pcsm" / "portfolio.json"
        rows.unlink(missing_ok=True)
        team.record(name, "portfolio rows, no row cache", [team.ms(Workspace(root).portfolio)])
        time.sleep(2.5)  # files written just now are "racy" for the row cache
        team.record(
            name,
            "portfolio rows, row cache kept",
            [team.ms(Workspace(root).portfolio) for _ in range(runs)],
        )
        Workspace(root).last_changes()
        writer = upkeep(root)
        if writer is not None:
            writer.wait()
        teamapp.first_paint(root)
        team.record(
            name,
            "first paint (process start -> portfolio painted)",
            *team.alternate(
                runs, lambda: teamapp.first_paint(root), lambda: teamapp.bare_paint(root)
            ),
        )
        hot = sorted(p.name for p in (root / "engagements").iterdir())[0]
        team.bench_history(name, root, hot, runs, "commit-graph kept by pcsm")
        if args.cold:
            team.bench_validate(name, root, 1)
        else:
            subprocess.run([pcsm, "validate", str(root)], stdout=subprocess.DEVNULL)
            team.record(
                name,
                "pcsm validate, warm cache (whole process)",
                [team.process(pcsm, "validate", str(root)) for _ in range(runs)],
            )
        (work / "sync").mkdir()
        team.bench_sync(name, root, work / "sync", runs)
    finally:
        args.json.write_text(json.dumps(team.RESULTS, indent=1), encoding="utf-8")
        print(f"results: {args.json}")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
