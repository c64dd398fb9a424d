"""The shell around pcsm: the parser tree, completion in real shells, the man page, typos."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcsm_tui.cli import build_parser, main
from pcsm_tui.commands import COMMANDS
from pcsm_tui.shell.completion import completion_script
from pcsm_tui.shell.manpage import man_page
from pcsm_tui.shell.spec import cli_spec, subcommands


def _completion_file(tmp_path: Path, shell: str) -> Path:
    script = tmp_path / f"pcsm.{shell}"
    script.write_text(completion_script(shell, cli_spec()))
    return script


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two engagements, where completion runs."""
    here = tmp_path / "repo"
    for slug in ("acme", "beta-co"):
        (here / "engagements" / slug).mkdir(parents=True)
        (here / "engagements" / slug / "engagement.toml").write_text("")
    return here


# --- the parser ------------------------------------------------------------------------------


def test_every_command_is_a_subparser_and_every_argument_has_help() -> None:
    parser = build_parser()
    subs = subcommands(parser)
    assert list(subs) == [c.name for c in COMMANDS]
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, sub in subs.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction)
        and (not action.help or action.help == argparse.SUPPRESS)
    ]
    assert missing == [], "arguments without help text"


@pytest.mark.parametrize(
    ("typed", "meant"), [("valdiate", "validate"), ("inti", "init"), ("blmae", "blame")]
)
def test_a_typo_of_a_command_suggests_it(
    typed: str,
    meant: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([typed]) == 2
    err = capsys.readouterr().err
    assert f"did you mean `pcsm {meant}`?" in err
    assert "Create one with" not in err  # no longer offers to create a repository "valdiate"


def test_a_folder_that_is_a_repository_is_opened_even_if_its_name_is_close(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "valdiate"]) == 0
    capsys.readouterr()
    assert main(["valdiate"]) == 0  # not a terminal: the summary
    assert "did you mean" not in capsys.readouterr().err
    assert main(["./nowhere"]) == 2
    assert "is not a pcsm repository" in capsys.readouterr().err


def test_bare_pcsm_does_not_build_the_command_parser() -> None:
    """`pcsm` alone opens the app: no command module's parser is built before the first paint."""
    code = (
        "import sys, pcsm_tui.cli as cli\n"
        "cli.build_parser = lambda: sys.exit('the full parser was built')\n"
        "sys.exit(cli.main([]))\n"
    )
    empty = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path.cwd().anchor
    )
    assert "the full parser was built" not in empty.stderr
    assert "is not a pcsm repository" in empty.stderr


def test_version_and_help_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("pcsm ")
    assert main(["validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: pcsm validate [-h] [--strict]") and "--staged" in out


# --- completion in real shells ---------------------------------------------------------------

BASH_DRIVER = r"""
source "$1"
cd "$2"
shift 2
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_pcsm
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash_complete(script: Path, folder: Path, *words: str) -> list[str]:
    result = subprocess.run(
        [
            "bash",
            "--norc",
            "--noprofile",
            "-c",
            BASH_DRIVER,
            "bash",
            str(script),
            str(folder),
            *words,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return sorted(line for line in result.stdout.splitlines() if line)


def test_bash_completion_from_the_parser(tmp_path: Path, folder: Path) -> None:
    script = _completion_file(tmp_path, "bash")
    assert bash_complete(script, folder, "pcsm", "val") == ["validate"]
    assert bash_complete(script, folder, "pcsm", "validate", "--st") == ["--staged", "--strict"]
    assert bash_complete(script, folder, "pcsm", "blame", "") == ["acme", "beta-co"]
    assert bash_complete(script, folder, "pcsm", "blame", "acme", "ra") == ["raci"]
    assert bash_complete(script, folder, "pcsm", "log", "--tool", "stakeholder-p") == [
        "stakeholder-plan"
    ]
    assert bash_complete(script, folder, "pcsm", "diff", "--format", "m") == ["markdown"]
    assert bash_complete(script, folder, "pcsm", "completion", "") == ["bash", "fish", "zsh"]
    assert "engagements" in bash_complete(script, folder, "pcsm", "")  # PATH: a folder
    assert bash_complete(script, folder, "pcsm", "init", "eng") == ["engagements"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completion_from_the_parser(tmp_path: Path, folder: Path) -> None:
    script = _completion_file(tmp_path, "fish")

    def complete(line: str) -> list[str]:
        out = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C {line!r}"],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
            timeout=30,
        ).stdout
        return sorted(row.split("\t")[0] for row in out.splitlines() if row)

    assert complete("pcsm val") == ["validate"]
    assert complete("pcsm blame ") == ["acme", "beta-co"]
    assert complete("pcsm blame acme ra") == ["raci"]
    assert complete("pcsm diff --format ") == ["json", "markdown", "text"]


ZSH_DRIVER = r"""
zmodload zsh/zpty
zpty -b z 'zsh -f -i'
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; cd $2"
zpty -w z "print READY-\$((40+2))"
zpty -r z line '*READY-42*'
shift 2
for typed rest in "$@"; do
    zpty -w -n z "$typed"$'\t'
    zpty -r z out "*${rest}*" && print -r -- "completed: $typed$rest"
    zpty -w -n z $'\C-u'
done
zpty -d z
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completion_in_an_interactive_zsh(tmp_path: Path, folder: Path) -> None:
    """TAB pressed in a real interactive zsh (through zsh's own pseudo-terminal module); each
    case waits for the completed text to appear, the subprocess timeout fails the test."""
    functions = tmp_path / "functions"
    functions.mkdir()
    (functions / "_pcsm").write_text(completion_script("zsh", cli_spec()))
    cases = ["pcsm val", "idate", "pcsm blame ac", "me", "pcsm diff --format ma", "rkdown"]
    result = subprocess.run(
        ["zsh", "-f", "-c", ZSH_DRIVER, "zsh", str(functions), str(folder), *cases],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == [
        "completed: pcsm validate",
        "completed: pcsm blame acme",
        "completed: pcsm diff --format markdown",
    ]


def test_completion_command_prints_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    assert "complete -F _pcsm pcsm" in capsys.readouterr().out
    assert main(["completion", "tcsh"]) == 2


# --- the man page -----------------------------------------------------------------------------


def test_man_page_names_every_command_and_option_and_renders_cleanly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["man"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(".TH PCSM 1")
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed: the page is not rendered")
    rendered = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww"],
        input=page,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GROFF_NO_SGR": "1"},
    )
    assert rendered.stderr == ""
    text = rendered.stdout.replace("\u2010", "-").replace("\u2212", "-")
    text = re.sub(".\b", "", text)  # overstrike (bold, underline) to plain text
    assert "pcsm validate [-h] [--strict]" in text  # each command's own usage line
    for name, sub in subcommands(build_parser()).items():
        assert f"\n   {name}\n" in text or f"\n  {name}\n" in text, name
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag in text, (name, flag)


def test_man_page_escapes_text_that_roff_would_read_as_requests() -> None:
    spec = cli_spec()
    command = dataclasses.replace(spec.commands[0], summary=".so /etc/passwd \\fB bold")
    page = man_page(dataclasses.replace(spec, commands=(command,)), "1")
    assert "\n.so" not in page
    assert "\\&.so /etc/passwd \\efB bold" in page
