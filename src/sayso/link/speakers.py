"""Canonical speakers across articles: one speaker for every way a corpus names them.

Extraction names a speaker canonically within one article ("Sviatoslav Palamar" for "he" and
"Palamar"); across articles the same person turns up as "Zelensky", "Zelenskyy", "President
Zelenskiy" and "Volodymyr Zelensky", and a state as "Russia", "the Kremlin" or "Moscow".
``resolve_speakers`` maps every mention to one ``Speaker``:

1. names are folded (case, diacritics, possessives, punctuation) and leading titles dropped;
2. name tokens get a transliteration key, so Zelensky/Zelenskyy/Zelenskiy/Zelenskij agree;
3. full names merge when first and last name keys agree (different first names never merge);
4. a surname alone joins the one person of that surname known in the corpus, or, where several
   are known, the one its article or its role points to; otherwise it stays its own speaker;
5. unnamed speakers ("officials") are never merged across articles;
6. organisations and countries merge by folded name and by the alias file
   ("the Kremlin" -> "Russia");
7. the canonical name is the alias file's, else the most frequent full form;
8. each role is kept with the dates it was first and last seen.

Everything is grouped through dictionaries, so the cost grows linearly with the mentions.

>>> book = load_aliases()
>>> directory = resolve_speakers([Mention("s1", "a1", "the Kremlin", "organisation", None,
...                                       None)], book)
>>> directory.speakers[0].name
'Russia'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sayso.link import names
from sayso.link.aliases import AliasBook, load_aliases
from sayso.model import RoleSeen, Speaker, SpeakerKind, stable_id

__all__ = ["AliasBook", "Mention", "SpeakerDirectory", "load_aliases", "resolve_speakers"]


@dataclass(frozen=True)
class Mention:
    """One statement's speaker as extracted (``name`` is ``Statement.speaker``)."""

    statement_id: str
    article_id: str
    name: str
    kind: SpeakerKind
    role: str | None
    seen: date | None  # the statement's date, else the article's publication date


@dataclass(frozen=True)
class SpeakerDirectory:
    """The canonical speakers of a corpus and which one made each statement.

    ``file_aliases`` holds, by speaker id, the alias-file names of speakers that have an entry
    there, so that ``find`` knows "Moscow" even where only "the Kremlin" was seen.
    """

    speakers: tuple[Speaker, ...]
    speaker_of: Mapping[str, str]
    file_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def find(self, name: str) -> list[Speaker]:
        """The speakers known by ``name``: case, diacritics, titles and spelling variants aside.

        A surname alone that is nobody's recorded name finds the people of that surname.

        >>> directory.find("president zelenskiy")  # doctest: +SKIP
        [Speaker(id='…', name='Volodymyr Zelenskyy', …)]
        """
        hits: set[int] = set()
        for key in names.search_keys(name):
            hits.update(self._by_key.get(key, ()))
        if not hits:
            parsed = names.parse(name, "person")
            if parsed.form == "surname":
                hits.update(self._by_surname.get(parsed.last, ()))
        return sorted((self.speakers[i] for i in hits), key=lambda s: (s.name, s.id))

    @cached_property
    def _by_key(self) -> dict[str, set[int]]:
        index: dict[str, set[int]] = defaultdict(set)
        for i, speaker in enumerate(self.speakers):
            known = {speaker.name, *speaker.aliases, *self.file_aliases.get(speaker.id, ())}
            for one in known:
                for key in names.search_keys(one):
                    index[key].add(i)
        return index

    @cached_property
    def _by_surname(self) -> dict[str, set[int]]:
        index: dict[str, set[int]] = defaultdict(set)
        for i, speaker in enumerate(self.speakers):
            if speaker.kind == "person":
                for one in {speaker.name, *speaker.aliases}:
                    index[names.parse(one, "person").last].add(i)
        return index


def resolve_speakers(mentions: Iterable[Mention], aliases: AliasBook) -> SpeakerDirectory:
    """One canonical speaker for each person, body or unnamed group the mentions name.

    Deterministic whatever the order of ``mentions``; ``speaker_of`` covers every mention.
    """
    mentions = list(mentions)
    resolver = _Resolver(aliases)
    for i, mention in enumerate(mentions):
        resolver.place(i, mention)
    resolver.settle_people(mentions)
    return resolver.directory(mentions)


# --- grouping ---------------------------------------------------------------------------------

Group = tuple[str, ...]  # ("alias", index) | ("person", first, last, suffix, middle) | ...


class _Resolver:
    """Puts each mention into a group; one group becomes one canonical speaker."""

    def __init__(self, aliases: AliasBook) -> None:
        self.aliases = aliases
        self.group_of: dict[int, Group] = {}
        self.short: list[int] = []  # surname-only and initial-only people, settled last
        self.buckets: dict[Group, list[int]] = defaultdict(list)  # (first, last, suffix)
        self.seeds: dict[Group, Group] = {}  # bucket -> alias group of a person entry
        self.first_letters: dict[Group, set[str]] = defaultdict(set)
        for i, entry in enumerate(aliases.entries):
            if entry.kind == "person":
                for name in entry.names:
                    parsed = names.parse(name, "person")
                    if parsed.form == "full":
                        bucket = (parsed.first, parsed.last, parsed.suffix)
                        self.seeds[bucket] = ("alias", str(i))
                        self.first_letters[("alias", str(i))].add(parsed.first[:1])

    def place(self, i: int, mention: Mention) -> None:
        entry = self.aliases.entry_for(mention.name, mention.kind)
        parsed = names.parse(mention.name, mention.kind)
        if entry is not None:
            self.group_of[i] = ("alias", str(entry))
        elif mention.kind == "unnamed" or parsed.form == "empty":
            self.group_of[i] = ("unnamed", mention.article_id, names.fold(mention.name.strip()))
        elif mention.kind != "person":
            self.group_of[i] = ("body", parsed.key)
        elif parsed.form == "full":
            self.buckets[(parsed.first, parsed.last, parsed.suffix)].append(i)
        else:
            self.short.append(i)

    def settle_people(self, mentions: list[Mention]) -> None:
        """Full names first (split by middle initials), then surnames and initials (rule 4)."""
        for bucket, members in self.buckets.items():
            self._settle_bucket(bucket, members, mentions)
        people = self._people(mentions)
        memo: dict[tuple[str, ...], Group] = {}
        for i in self.short:
            mention = mentions[i]
            question = (mention.name, names.role_key(mention.role or ""), mention.article_id)
            if question not in memo:
                parsed = names.parse(mention.name, "person")
                memo[question] = people.choose(parsed, mention) or _short_group(parsed)
            self.group_of[i] = memo[question]

    def _settle_bucket(self, bucket: Group, members: list[int], mentions: list[Mention]) -> None:
        seed = self.seeds.get(bucket)
        middles = {names.parse(mentions[i].name, "person").middle for i in members} - {""}
        for i in members:
            if seed is not None:
                self.group_of[i] = seed
                continue
            middle = names.parse(mentions[i].name, "person").middle
            if len(middles) == 1:
                middle = next(iter(middles))  # "George Bush" is "George W. Bush" if he's alone
            group = ("person", *bucket, middle)
            self.group_of[i] = group
            self.first_letters[group].add(bucket[0][:1])

    def _people(self, mentions: list[Mention]) -> _People:
        people = _People()
        for group in sorted(set(self.seeds.values())):
            people.add(group, _alias_last_names(self.aliases, group), self.first_letters[group])
        for i, group in self.group_of.items():
            if group[0] == "person":
                parsed = names.parse(mentions[i].name, "person")
                people.add(group, {(parsed.last, parsed.suffix)}, self.first_letters[group])
            if group[0] == "person" or group in people.letters:
                people.seen(group, mentions[i])
        return people

    def directory(self, mentions: list[Mention]) -> SpeakerDirectory:
        members: dict[Group, list[int]] = defaultdict(list)
        for i in range(len(mentions)):
            members[self.group_of[i]].append(i)
        speakers: list[Speaker] = []
        speaker_of: dict[str, str] = {}
        file_aliases: dict[str, tuple[str, ...]] = {}
        taken: set[str] = set()
        for group in sorted(members):
            speaker = self._speaker(group, [mentions[i] for i in members[group]], taken)
            taken.add(speaker.id)
            speakers.append(speaker)
            speaker_of.update((mentions[i].statement_id, speaker.id) for i in members[group])
            if group[0] == "alias":
                file_aliases[speaker.id] = self.aliases.entries[int(group[1])].aliases
        speakers.sort(key=lambda s: (s.name.casefold(), s.kind, s.id))
        return SpeakerDirectory(tuple(speakers), speaker_of, file_aliases)

    def _speaker(self, group: Group, mentions: list[Mention], taken: set[str]) -> Speaker:
        entry = self.aliases.entries[int(group[1])] if group[0] == "alias" else None
        if entry is not None:
            name, kind = entry.name, entry.kind
        else:
            kind = _group_kind(group, mentions)
            name = _canonical_name(mentions, kind)
        parts = ("speaker", kind, name) + ((mentions[0].article_id,) if kind == "unnamed" else ())
        speaker_id = stable_id(*parts)
        if speaker_id in taken:  # two groups showing the same name: keep the ids apart
            speaker_id = stable_id(*parts, *group)
        aliases = {m.name.strip() for m in mentions} - {name}
        return Speaker(
            speaker_id,
            name,
            kind,
            tuple(sorted(aliases)),
            _roles(mentions),
            entry.affiliation if entry else None,
        )


class _People:
    """The people with full names, by surname key, for settling surname-only mentions."""

    def __init__(self) -> None:
        self.by_last: dict[tuple[str, str], set[Group]] = defaultdict(set)  # (last, suffix)
        self.letters: dict[Group, set[str]] = {}
        self.in_article: dict[str, set[Group]] = defaultdict(set)
        self.roles: dict[Group, set[names.RoleSign]] = defaultdict(set)

    def add(self, group: Group, last_names: set[tuple[str, str]], letters: set[str]) -> None:
        for last in last_names:
            self.by_last[last].add(group)
        self.letters[group] = letters

    def seen(self, group: Group, mention: Mention) -> None:
        self.in_article[mention.article_id].add(group)
        sign = names.role_sign(mention.role)
        if sign is not None:
            self.roles[group].add(sign)

    def choose(self, parsed: names.Name, mention: Mention) -> Group | None:
        """The one known person this surname (or "V. Putin") can be: unique by surname, or
        singled out by the article that mentions them, or by the role given."""
        candidates = sorted(self.by_last.get((parsed.last, parsed.suffix), ()))
        if parsed.form == "initial":
            candidates = [c for c in candidates if parsed.first[:1] in self.letters[c]]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        here = [c for c in candidates if c in self.in_article.get(mention.article_id, ())]
        if len(here) == 1:
            return here[0]
        sign = names.role_sign(mention.role)
        if sign is None:
            return None
        fitting = [c for c in here or candidates if names.fits(sign, self.roles[c])]
        return fitting[0] if len(fitting) == 1 else None


def _short_group(parsed: names.Name) -> Group:
    if parsed.form == "initial":
        return ("initial", parsed.first[:1], parsed.last, parsed.suffix)
    return ("surname", parsed.last, parsed.suffix)


def _alias_last_names(aliases: AliasBook, group: Group) -> set[tuple[str, str]]:
    entry = aliases.entries[int(group[1])]
    parsed = (names.parse(name, "person") for name in entry.names)
    return {(p.last, p.suffix) for p in parsed if p.form == "full"}


def _group_kind(group: Group, mentions: list[Mention]) -> SpeakerKind:
    if group[0] in ("person", "surname", "initial"):
        return "person"
    if group[0] == "unnamed":
        return "unnamed"
    counts = Counter(m.kind for m in mentions)
    return min(counts, key=lambda kind: (-counts[kind], kind))


def _canonical_name(mentions: list[Mention], kind: SpeakerKind) -> str:
    """The most frequent full form; ties go to the longest, then the first alphabetically."""
    forms = Counter(names.parse(m.name, kind).display or m.name.strip() for m in mentions)
    if kind == "person":
        full = Counter({f: n for f, n in forms.items() if names.parse(f, kind).form == "full"})
        forms = full or forms
    return min(forms, key=lambda form: (-forms[form], -len(form), form))


def _without_determiner(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    return rest if rest and first.lower() in names.DETERMINERS else phrase


def _roles(mentions: list[Mention]) -> tuple[RoleSeen, ...]:
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    dates: dict[str, list[date]] = defaultdict(list)
    for mention in mentions:
        role = _without_determiner((mention.role or "").strip())
        key = names.role_key(role)
        if key:
            surfaces[key][role] += 1
            if mention.seen is not None:
                dates[key].append(mention.seen)
    roles = []
    for key, forms in surfaces.items():
        shown = min(forms, key=lambda form: (-forms[form], -len(form), form))
        seen = dates[key]
        first, last = (min(seen), max(seen)) if seen else (None, None)
        roles.append(RoleSeen(shown, first, last, forms.total()))
    return tuple(sorted(roles, key=lambda r: (r.first_seen is None, r.first_seen, r.role)))
