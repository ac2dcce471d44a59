"""Alias files: the names a speaker goes by, and the one sayso shows.

The shipped ``aliases.toml`` maps "the Kremlin" and "Moscow" to "Russia"; a user's file
(``sayso link --aliases``) adds entries and replaces shipped ones of the same name::

    [[speaker]]
    name = "Russia"
    kind = "country"                 # person | organisation | country
    aliases = ["the Kremlin", "Moscow"]
    affiliation = "the Russian state"  # optional

A broken file raises ``LinkFileError`` naming the file and the entry.

>>> book = load_aliases()
>>> book.entries[book.entry_for("the Kremlin", "organisation")].name
'Russia'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sayso.errors import LinkFileError
from sayso.link import names
from sayso.model import SpeakerKind

SHIPPED_ALIASES = Path(__file__).with_name("aliases.toml")
ALIAS_KINDS: tuple[SpeakerKind, ...] = ("person", "organisation", "country")
ALIAS_KEYS = frozenset({"name", "kind", "aliases", "affiliation"})


@dataclass(frozen=True)
class AliasEntry:
    """One ``[[speaker]]`` of an alias file."""

    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class AliasBook:
    """Parsed alias files; a later entry wins where two claim the same name."""

    entries: tuple[AliasEntry, ...] = ()
    sources: tuple[Path, ...] = ()

    def entry_for(self, name: str, kind: SpeakerKind) -> int | None:
        """The index of the entry that ``name`` (a mention of ``kind``) belongs to, if any.

        Person entries take mentions of any kind (a surname is often tagged an organisation);
        organisation and country entries never take a person ("Washington" the surname).
        """
        parsed = names.parse(name, kind)
        indexes = [self._people] if kind == "person" else [self._bodies, self._people]
        keys = (parsed.key, parsed.person_key) if kind == "person" else (parsed.key,)
        for index in indexes:
            for key in keys:
                if key in index:
                    return index[key]
        return None

    @cached_property
    def _people(self) -> dict[str, int]:
        return self._index(person=True)

    @cached_property
    def _bodies(self) -> dict[str, int]:
        return self._index(person=False)

    def _index(self, *, person: bool) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, entry in enumerate(self.entries):
            if (entry.kind == "person") == person:
                for key in _entry_keys(entry):
                    index[key] = i
        return index


def load_aliases(path: Path | None = None) -> AliasBook:
    """The shipped alias file, with the entries of the user's file at ``path`` added.

    A user entry replaces a shipped one of the same name, and takes over any name a shipped
    entry also claims. Raises ``LinkFileError`` naming the file for a missing or malformed file.
    """
    shipped = _read_alias_file(SHIPPED_ALIASES)
    if path is None:
        return AliasBook(shipped, (SHIPPED_ALIASES,))
    user = _read_alias_file(Path(path))
    replaced = {names.fold(entry.name) for entry in user}
    kept = tuple(entry for entry in shipped if names.fold(entry.name) not in replaced)
    return AliasBook(kept + user, (SHIPPED_ALIASES, Path(path)))


def _entry_keys(entry: AliasEntry) -> set[str]:
    keys: set[str] = set()
    for name in entry.names:
        parsed = names.parse(name, entry.kind)
        keys.update(k for k in (parsed.key, parsed.person_key) if k)
    return keys


def _read_alias_file(path: Path) -> tuple[AliasEntry, ...]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise LinkFileError(f"{path}: no such alias file") from None
    except OSError as error:
        raise LinkFileError(f"{path}: cannot read the alias file ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise LinkFileError(f"{path}: not valid TOML ({error})") from None
    unknown = sorted(set(document) - {"speaker"})
    if unknown:
        raise LinkFileError(f"{path}: unknown key {unknown[0]!r}; entries are [[speaker]] tables")
    tables = document.get("speaker", [])
    if not isinstance(tables, list):
        raise LinkFileError(f"{path}: 'speaker' must be a list of [[speaker]] tables")
    entries = tuple(_alias_entry(path, n, table) for n, table in enumerate(tables, 1))
    _check_claimed_once(path, entries)
    return entries


def _alias_entry(path: Path, number: int, table: Any) -> AliasEntry:
    where = f"{path}: speaker {number}"
    if not isinstance(table, dict):
        raise LinkFileError(f"{where} is not a table")
    unknown = sorted(set(table) - ALIAS_KEYS)
    if unknown:
        allowed = ", ".join(sorted(ALIAS_KEYS))
        raise LinkFileError(f"{where}: unknown key {unknown[0]!r} (allowed: {allowed})")
    name, kind = table.get("name"), table.get("kind")
    if not isinstance(name, str) or not name.strip():
        raise LinkFileError(f"{where}: 'name' must be a non-empty string")
    if kind not in ALIAS_KINDS:
        raise LinkFileError(f"{where} ({name}): 'kind' must be one of {', '.join(ALIAS_KINDS)}")
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise LinkFileError(f"{where} ({name}): 'aliases' must be a list of non-empty strings")
    affiliation = table.get("affiliation")
    if affiliation is not None and not isinstance(affiliation, str):
        raise LinkFileError(f"{where} ({name}): 'affiliation' must be a string")
    return AliasEntry(name.strip(), kind, tuple(a.strip() for a in aliases), affiliation)


def _check_claimed_once(path: Path, entries: tuple[AliasEntry, ...]) -> None:
    """Within one file an entry appears once and a name belongs to one speaker."""
    claimed: dict[tuple[bool, str], str] = {}
    folded: set[str] = set()
    for entry in entries:
        if names.fold(entry.name) in folded:
            raise LinkFileError(f"{path}: {entry.name!r} has two [[speaker]] entries")
        folded.add(names.fold(entry.name))
        for name in entry.names:
            parsed = names.parse(name, entry.kind)
            for key in {parsed.key, parsed.person_key} - {""}:
                owner = claimed.setdefault((entry.kind == "person", key), entry.name)
                if owner != entry.name:
                    raise LinkFileError(
                        f"{path}: {name!r} is given to both {owner!r} and {entry.name!r}"
                    )
