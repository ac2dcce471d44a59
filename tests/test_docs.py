"""docs/cli.md documents every command, argument and option of the CLI.

The click command tree is walked, so a new command or option without docs fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from sayso.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
HELP_OPTIONS = {"--help", "-h"}


def walk(group: click.Command, path: str = "sayso") -> Iterator[tuple[str, click.Command]]:
    yield path, group
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            yield from walk(command, f"{path} {name}")


COMMANDS = list(walk(main))


def sections() -> dict[str, str]:
    """The text under each ``## `sayso ...` `` heading of docs/cli.md."""
    parts = re.split(r"^## `(sayso[^`]*)`$", DOC.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def documented_names(command: click.Command) -> list[str]:
    names = []
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            names += [name for name in parameter.opts if name not in HELP_OPTIONS]
        elif isinstance(parameter, click.Argument):
            names.append(parameter.make_metavar(click.Context(command)).rstrip("."))
    return names


@pytest.mark.parametrize(
    ("path", "command"),
    [(path, command) for path, command in COMMANDS if not isinstance(command, click.Group)],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_command_has_a_section_naming_all_its_options(
    path: str, command: click.Command
) -> None:
    section = sections().get(path)
    assert section is not None, f"docs/cli.md has no section '## `{path}`'"
    for name in documented_names(command):
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section), (
            f"docs/cli.md, section {path}: {name} is not documented"
        )


def test_root_options_are_documented() -> None:
    for name in documented_names(main):
        assert f"`sayso {name}`" in DOC.read_text(encoding="utf-8"), name


def test_exit_codes_and_environment_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "## Exit codes" in text
    assert "SAYSO_DB" in text


def test_walk_finds_the_nested_commands() -> None:
    paths = [path for path, _ in COMMANDS]
    assert "sayso eval polnear" in paths and "sayso ingest" in paths
