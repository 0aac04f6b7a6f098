"""The README cannot drift from the command line: every `site-gen` line in its code blocks names a
real command and only options that command has (synopsis brackets and "..." allowed)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from site_gen.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _command_lines() -> list[str]:
    lines = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            if re.match(r"(?:\.venv/bin/)?site-gen(?:\s|$)", line):
                lines.append(line)
    return lines


def _command(args: list[str]) -> tuple[click.Command, list[str]]:
    command: click.Command = main
    while isinstance(command, click.Group) and args and not args[0].startswith("-"):
        name = args.pop(0)
        assert name in command.commands, f"no command {name!r}"
        command = command.commands[name]
    return command, args


def test_the_readme_shows_the_commands() -> None:
    names = {shlex.split(line)[1] for line in _command_lines() if len(shlex.split(line)) > 1}
    assert {"init", "build", "serve", "check", "extract", "review", "theme"} <= names


@pytest.mark.parametrize("line", _command_lines())
def test_each_readme_command_line_is_accepted(line: str) -> None:
    tokens = shlex.split(line.replace("[", " ").replace("]", " ").replace("...", " ").replace("|", " "),
                         comments=True)[1:]
    command, args = _command(tokens)
    options = {opt: param for param in command.params if isinstance(param, click.Option)
               for opt in (*param.opts, *param.secondary_opts)}
    positional = []
    index = 0
    while index < len(args):
        token = args[index]
        if token.startswith("-") and token != "-":
            name = token.split("=", 1)[0]
            assert name in options or name in ("--help", "-h"), f"{line}: {command.name} has no option {name}"
            option = options.get(name)
            if option is not None and not option.is_flag and "=" not in token:
                index += 1  # its value
        else:
            positional.append(token)
        index += 1
    if not any(isinstance(param, click.Argument) for param in command.params):
        assert not positional, f"{line}: {command.name} takes no arguments, got {positional}"
