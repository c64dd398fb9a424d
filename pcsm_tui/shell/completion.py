"""`pcsm completion bash|zsh|fish`: completion scripts generated from the parser.

The scripts are static (no Python runs on TAB, so completion is instant); what depends on
the folder is read by the shell itself: engagement slugs from `engagements/*/`, revisions
from `git for-each-ref`, files and folders by the shell's own completion.
"""

from __future__ import annotations

from collections.abc import Callable

from .spec import Arg, CliSpec, CommandSpec

SHELLS = ("bash", "zsh", "fish")


def completion_script(shell: str, spec: CliSpec) -> str:
    """The completion script for `shell` (one of SHELLS)."""
    makers: dict[str, Callable[[CliSpec], str]] = {"bash": bash, "zsh": zsh, "fish": fish}
    return makers[shell](spec)


# --- bash -------------------------------------------------------------------------------------


def _sq(text: str) -> str:
    """A single-quoted shell word (bash and zsh)."""
    return "'" + text.replace("'", "'\\''") + "'"


_BASH_HEAD = r"""# bash completion for pcsm, generated from its parser by `pcsm completion bash`.
# Install:  pcsm completion bash > ~/.local/share/bash-completion/completions/pcsm
# or add to ~/.bashrc:  eval "$(pcsm completion bash)"

_pcsm_engagements() {
    local f
    for f in engagements/*/engagement.toml; do
        [ -e "$f" ] || continue
        f=${f#engagements/}
        printf '%s\n' "${f%/engagement.toml}"
    done
}

_pcsm_revs() {
    printf '%s\n' HEAD
    git for-each-ref --format='%(refname:short)' 2>/dev/null
}

# _pcsm_values KIND CHOICES CUR: fill COMPREPLY with the values of one argument
_pcsm_values() {
    local IFS=$'\n'
    case "$1" in
        file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$3")) ;;
        dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$3")) ;;
        engagement) COMPREPLY=($(compgen -W "$(_pcsm_engagements)" -- "$3")) ;;
        rev) COMPREPLY=($(compgen -W "$(_pcsm_revs)" -- "$3")) ;;
        choices|tool) COMPREPLY=($(compgen -W "$2" -- "$3")) ;;
        *) COMPREPLY=() ;;
    esac
}

_pcsm() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local IFS=$'\n' n=0 j
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$(printf '%s\n' __TOP_OPTIONS__)" -- "$cur"))
        else
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -W "$(printf '%s\n' __COMMANDS__)" -- "$cur"))
            COMPREPLY+=($(compgen -d -- "$cur"))
        fi
        return 0
    fi
    case "${COMP_WORDS[1]}" in
"""

_BASH_TAIL = r"""        *)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
            ;;
    esac
    return 0
}

complete -F _pcsm pcsm
"""


def _bash_values(arg: Arg | None) -> str:
    if arg is None:
        return "COMPREPLY=()"
    choices = "\n".join(arg.choices)
    return f'_pcsm_values {arg.kind} {_sq(choices)} "$cur"'


def _bash_command(command: CommandSpec) -> list[str]:
    flags = [flag for option in command.options for flag in option.flags]
    valued = [flag for option in command.options if option.takes_value for flag in option.flags]
    lines = [f"        {command.name})"]
    if valued:
        lines.append('            case "$prev" in')
        for option in command.options:
            if option.takes_value:
                lines.append(f"                {'|'.join(option.flags)})")
                lines.append(f"                    {_bash_values(option)}; return 0 ;;")
        lines.append("            esac")
    words = " ".join(_sq(f) for f in flags)
    lines.append("            if [[ $cur == -* ]]; then")
    lines.append(
        f'                COMPREPLY=($(compgen -W "$(printf \'%s\\n\' {words})" -- "$cur"))'
    )
    lines.append("                return 0")
    lines.append("            fi")
    lines.append("            for ((j=2; j<COMP_CWORD; j++)); do")
    lines.append('                case "${COMP_WORDS[j]}" in')
    if valued:
        lines.append(f"                    {'|'.join(valued)}) ((j++)) ;;")
    lines.append("                    -*) ;;")
    lines.append("                    *) ((n++)) ;;")
    lines.append("                esac")
    lines.append("            done")
    lines.append('            case "$n" in')
    for index, positional in enumerate(command.positionals):
        pattern = "*" if positional.repeat else str(index)
        lines.append(f"                {pattern}) {_bash_values(positional)} ;;")
        if positional.repeat:
            break
    else:
        lines.append("                *) COMPREPLY=() ;;")
    lines.append("            esac")
    lines.append("            ;;")
    return lines


def bash(spec: CliSpec) -> str:
    top = " ".join(_sq(f) for option in spec.options for f in option.flags)
    names = " ".join(_sq(c.name) for c in spec.commands)
    head = _BASH_HEAD.replace("__TOP_OPTIONS__", top).replace("__COMMANDS__", names)
    body = [line for command in spec.commands for line in _bash_command(command)]
    return head + "\n".join(body) + "\n" + _BASH_TAIL


# --- zsh --------------------------------------------------------------------------------------


def _zsh_help(text: str) -> str:
    for char in "\\[]:":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _zsh_action(arg: Arg) -> str:
    if arg.kind in ("choices", "tool"):
        return "(" + " ".join(c.replace(" ", "\\ ") for c in arg.choices) + ")"
    return {
        "file": "_files",
        "dir": "_files -/",
        "engagement": "_pcsm_engagements",
        "rev": "_pcsm_revs",
    }.get(arg.kind, " ")


def _zsh_specs(options: tuple[Arg, ...], positionals: tuple[Arg, ...]) -> list[str]:
    specs = []
    for option in options:
        for flag in option.flags:
            spec = f"{flag}[{_zsh_help(option.help)}]"
            if option.takes_value:
                spec += f":{_zsh_help(option.metavar)}:{_zsh_action(option)}"
            specs.append(spec)
    for index, positional in enumerate(positionals, start=1):
        name = _zsh_help(positional.metavar)
        if positional.repeat:
            specs.append(f"*:{name}:{_zsh_action(positional)}")
            break
        colon = "::" if positional.optional else ":"
        specs.append(f"{index}{colon}{name}:{_zsh_action(positional)}")
    return specs


def zsh(spec: CliSpec) -> str:
    lines = [
        "#compdef pcsm",
        "# zsh completion for pcsm, generated from its parser by `pcsm completion zsh`.",
        "# Install:  pcsm completion zsh > ~/.zfunc/_pcsm",
        "# with, in ~/.zshrc before compinit:  fpath=(~/.zfunc $fpath)",
        "",
        "_pcsm_engagements() {",
        "    local -a names",
        "    names=(engagements/*/engagement.toml(N:h:t))",
        "    compadd -a names",
        "}",
        "",
        "_pcsm_revs() {",
        "    local -a revs",
        "    revs=(HEAD ${(f)\"$(git for-each-ref --format='%(refname:short)' 2>/dev/null)\"})",
        "    compadd -a revs",
        "}",
        "",
        "_pcsm() {",
        '    local curcontext="$curcontext" state line',
        "    typeset -A opt_args",
        "    local -a commands",
        "    commands=(",
    ]
    lines += [f"        {_sq(c.name + ':' + _zsh_help(c.summary))}" for c in spec.commands]
    lines += ["    )"]
    top = _zsh_specs(spec.options, ())
    lines += ["    _arguments -C \\"]
    lines += [f"        {_sq(s)} \\" for s in top]
    lines += ["        '1: :->command' \\", "        '*:: :->args'"]
    lines += [
        '    case "$state" in',
        "        command)",
        "            _describe -t commands 'pcsm command' commands",
        "            _files -/",
        "            ;;",
        "        args)",
        '            case "$line[1]" in',
    ]
    for command in spec.commands:
        specs = _zsh_specs(command.options, command.positionals)
        lines.append(f"                {_sq(command.name)})")
        lines.append("                    _arguments \\")
        lines += [f"                        {_sq(s)} \\" for s in specs]
        lines[-1] = lines[-1].removesuffix(" \\")
        lines.append("                    ;;")
    lines += [
        "                *) _files ;;",
        "            esac",
        "            ;;",
        "    esac",
        "}",
        "",
        '_pcsm "$@"',
        "",
    ]
    return "\n".join(lines)


# --- fish -------------------------------------------------------------------------------------


def _fq(text: str) -> str:
    """A single-quoted fish word."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


_FISH_HEAD = r"""# fish completion for pcsm, generated from its parser by `pcsm completion fish`.
# Install:  pcsm completion fish > ~/.config/fish/completions/pcsm.fish

function __pcsm_engagements
    for f in engagements/*/engagement.toml
        basename (dirname $f)
    end
end

function __pcsm_revs
    echo HEAD
    git for-each-ref --format='%(refname:short)' 2>/dev/null
end

# __pcsm_arg N REPEAT OPTIONS...: the word being completed is the N-th positional argument
# (0-based) after the command, or a later one if REPEAT is 1; OPTIONS take a value
function __pcsm_arg
    set -l wanted $argv[1]
    set -l repeat $argv[2]
    set -l valued $argv[3..-1]
    set -l tokens (commandline -opc)
    set -l count 0
    set -l skip 0
    for token in $tokens[3..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        if contains -- $token $valued
            set skip 1
            continue
        end
        if string match -q -- '-*' $token
            continue
        end
        set count (math $count + 1)
    end
    if test $repeat -eq 1
        test $count -ge $wanted
    else
        test $count -eq $wanted
    end
end

complete -c pcsm -f
"""


def _fish_values(arg: Arg) -> list[str]:
    if arg.kind in ("choices", "tool"):
        return ["-x", "-a", _fq(" ".join(arg.choices))]
    return {
        "file": ["-r", "-F"],
        "dir": ["-x", "-a", "'(__fish_complete_directories)'"],
        "engagement": ["-x", "-a", "'(__pcsm_engagements)'"],
        "rev": ["-x", "-a", "'(__pcsm_revs)'"],
    }.get(arg.kind, ["-x"] if arg.takes_value else [])


def fish(spec: CliSpec) -> str:
    lines = [_FISH_HEAD.rstrip("\n")]
    for option in spec.options:
        for flag in option.flags:
            lines.append(
                f"complete -c pcsm -n __fish_use_subcommand {_fish_flag(flag)} "
                f"-d {_fq(option.help)}"
            )
    for command in spec.commands:
        lines.append(
            f"complete -c pcsm -n __fish_use_subcommand -a {_fq(command.name)} "
            f"-d {_fq(command.summary)}"
        )
    lines.append("complete -c pcsm -n __fish_use_subcommand -a '(__fish_complete_directories)'")
    for command in spec.commands:
        seen = f"-n {_fq('__fish_seen_subcommand_from ' + command.name)}"
        valued = [f for o in command.options if o.takes_value for f in o.flags]
        for option in command.options:
            for flag in option.flags:
                parts = ["complete -c pcsm", seen, _fish_flag(flag), *_fish_values(option)]
                lines.append(" ".join([*parts, "-d", _fq(option.help)]))
        for index, positional in enumerate(command.positionals):
            condition = " ".join(
                [
                    "__fish_seen_subcommand_from",
                    command.name,
                    "; and __pcsm_arg",
                    str(index),
                    "1" if positional.repeat else "0",
                    *valued,
                ]
            )
            values = [v for v in _fish_values(positional) if v not in ("-x", "-r")]
            if not values:
                continue
            lines.append(" ".join(["complete -c pcsm", "-n", _fq(condition), *values]))
            if positional.repeat:
                break
    return "\n".join(lines) + "\n"


def _fish_flag(flag: str) -> str:
    if flag.startswith("--"):
        return f"-l {flag[2:]}"
    return f"-s {flag[1:]}"
