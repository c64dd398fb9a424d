"""`pcsm man`: the manual page (roff, section 1) generated from the parser.

Install it with `pcsm man > ~/.local/share/man/man1/pcsm.1` (then `man pcsm`), or read it
once with `pcsm man | man -l -`.
"""

from __future__ import annotations

from .spec import Arg, CliSpec

EXIT_STATUS = (
    ("0", "success (for validate: no errors; warnings only)"),
    ("1", "findings, conflicts or a failed operation (the message says which)"),
    (
        "2",
        "usage or setup error: a bad option, not a repository, a revision that names "
        "no commit, an unreachable remote for sync",
    ),
    ("130", "interrupted"),
)


def roff(text: str) -> str:
    """Text as roff shows it literally: backslashes, dashes and leading dots escaped, and
    every character beyond ASCII as its Unicode escape (`…` is `\\[u2026]`), which troff
    would otherwise refuse as an invalid input character."""
    text = " ".join(text.split())
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    if text[:1] in (".", "'"):
        text = "\\&" + text
    return text


def _option_head(arg: Arg) -> str:
    flags = ", ".join(f"\\fB{roff(flag)}\\fR" for flag in arg.flags)
    if arg.takes_value:
        value = "{" + ",".join(arg.choices) + "}" if arg.kind == "choices" else arg.metavar
        flags += f" \\fI{roff(value)}\\fR"
    return flags


def _positional_head(arg: Arg) -> str:
    return f"\\fI{roff(arg.metavar)}\\fR" + (" ..." if arg.repeat else "")


def man_page(spec: CliSpec, version: str) -> str:
    lines = [
        f'.TH PCSM 1 "" "pcsm {roff(version)}" "User Commands"',
        ".SH NAME",
        f"pcsm \\- {roff(spec.description.rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B pcsm",
        "[\\fIPATH\\fR]",
        ".br",
        ".B pcsm",
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        roff(
            "pcsm keeps a customer success team's central repository as plain-text TOML "
            "files in git; every change is one commit. Without a command it opens the app "
            "on the repository at PATH (default: the current folder); when its output is "
            "not a terminal it prints a one-screen portfolio summary instead."
        ),
        ".SH OPTIONS",
    ]
    for option in spec.options:
        lines += [".TP", _option_head(option), roff(option.help)]
    lines.append(".SH COMMANDS")
    for command in spec.commands:
        lines += [f".SS {command.name}", ".nf", roff(command.usage), ".fi", roff(command.summary)]
        for arg in command.positionals:
            lines += [".TP", _positional_head(arg), roff(arg.help)]
        for arg in command.options:
            lines += [".TP", _option_head(arg), roff(arg.help)]
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        lines += [".TP", f"\\fB{code}\\fR", roff(meaning)]
    lines += [
        ".SH FILES",
        ".TP",
        "\\fIpcsm.toml\\fR",
        roff("marks the root of a central repository: name, team members, scales"),
        ".TP",
        "\\fIengagements/<slug>/*.toml\\fR, \\fIpeople/<id>/*.toml\\fR",
        roff("one file per tool of each engagement; one folder per team member"),
        ".SH SEE ALSO",
        "\\fBgit\\fR(1), \\fBpre\\-commit\\fR(1)",
        "",
    ]
    return "\n".join(lines)
