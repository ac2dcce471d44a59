"""Canonical speakers across articles: names, spellings, surnames, bodies, roles, alias files."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from sayso.errors import LinkFileError
from sayso.link.aliases import AliasEntry
from sayso.link.speakers import (
    AliasBook,
    Mention,
    SpeakerDirectory,
    load_aliases,
    resolve_speakers,
)
from sayso.model import Speaker, SpeakerKind, stable_id

NO_ALIASES = AliasBook()


def mention(
    name: str,
    article: str = "a1",
    kind: SpeakerKind = "person",
    role: str | None = None,
    seen: date | None = None,
    n: int = 0,
) -> Mention:
    return Mention(f"{article}:{name}:{role}:{seen}:{n}", article, name, kind, role, seen)


def speaker_named(directory: SpeakerDirectory, name: str) -> Speaker:
    matches = [s for s in directory.speakers if s.name == name]
    assert len(matches) == 1, [s.name for s in directory.speakers]
    return matches[0]


def names(directory: SpeakerDirectory) -> list[str]:
    return sorted(s.name for s in directory.speakers)


def same_speaker(directory: SpeakerDirectory, mentions: list[Mention]) -> bool:
    return len({directory.speaker_of[m.statement_id] for m in mentions}) == 1


# --- rule 1 and 2: normalisation and transliteration ----------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskij"],
        ["Sergei Shoigu", "Sergei Shoygu", "Sergey Shoigu"],
        ["Anatoliy Hrytsenko", "Anatoliy Hritsenko", "Anatoly Hrytsenko"],
        ["Oleksiy Arestovych", "Oleksii Arestovich", "Oleksiy Arestovich"],
        ["Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov", "Dmitrii Peskov"],
        ["Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin"],
        ["Volodymyr Zelenskyy", "Володимир Зеленський"],
    ],
)
def test_transliteration_variants_are_one_speaker(variants: list[str]) -> None:
    mentions = [mention(name, article=f"a{i}") for i, name in enumerate(variants)]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert len(directory.speakers) == 1
    assert set(directory.speakers[0].aliases) | {directory.speakers[0].name} == set(variants)


@pytest.mark.parametrize(
    "pair",
    [
        ("Ivanov", "Ivanova"),
        ("Peskov", "Peskova"),
        ("Biden", "Baden"),
        ("Kim", "Kin"),
        ("Elena Ivanova", "Elena Ivanov"),
        ("Oleksiy Danilov", "Oleksandr Danilov"),
    ],
)
def test_different_names_stay_apart(pair: tuple[str, str]) -> None:
    directory = resolve_speakers([mention(pair[0]), mention(pair[1], "a2")], NO_ALIASES)
    assert names(directory) == sorted(pair)


def test_titles_case_diacritics_and_possessives_are_ignored() -> None:
    mentions = [
        mention("Sergei Shoigu", "a1"),
        mention("Russian Defense Minister Sergei Shoigu", "a2"),
        mention("Gen. Sergei Shoigu's", "a3"),
        mention("SERGEI SHOÏGU", "a4"),
        mention("Mr. Sergei Shoigu", "a5"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Sergei Shoigu"]
    assert "Russian Defense Minister Sergei Shoigu" in directory.speakers[0].aliases


def test_a_name_that_is_also_a_title_word_is_kept() -> None:
    mentions = [mention("John Major"), mention("Major", "a2"), mention("Mr. King", "a3")]
    assert names(resolve_speakers(mentions, NO_ALIASES)) == ["John Major", "King"]


def test_a_title_alone_is_a_description_kept_to_its_article() -> None:
    mentions = [mention("the President", "a1"), mention("the President", "a2")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert len(directory.speakers) == 2
    assert {s.kind for s in directory.speakers} == {"unnamed"}


# --- rule 3: full names ---------------------------------------------------------------------------


def test_different_first_names_never_merge() -> None:
    mentions = [mention("Joe Biden", "a1"), mention("Hunter Biden", "a2")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Hunter Biden", "Joe Biden"]


def test_middle_initials_tell_people_apart() -> None:
    mentions = [
        mention("George W. Bush", "a1"),
        mention("George H. W. Bush", "a2"),
        mention("George Herbert Walker Bush", "a3"),
        mention("George Bush", "a4"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["George Bush", "George Herbert Walker Bush", "George W. Bush"]
    assert same_speaker(directory, mentions[1:3])


def test_a_name_without_middle_initial_joins_the_only_one_with() -> None:
    mentions = [mention("John F. Kennedy", "a1"), mention("John Kennedy", "a2")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["John F. Kennedy"]


def test_a_generational_suffix_is_a_different_person() -> None:
    mentions = [mention("Donald Trump", "a1"), mention("Donald Trump Jr.", "a2")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Donald Trump", "Donald Trump Jr."]


def test_surname_particles_and_the_arabic_article() -> None:
    mentions = [
        mention("Bashar al-Assad", "a1"),
        mention("Bashar Assad", "a2"),
        mention("Assad", "a3"),
        mention("Ursula von der Leyen", "a4"),
        mention("von der Leyen", "a5"),
        mention("Marine Le Pen", "a6"),
        mention("Sean Penn", "a7"),
        mention("Le Pen", "a8"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == [
        "Bashar al-Assad",
        "Marine Le Pen",
        "Sean Penn",
        "Ursula von der Leyen",
    ]
    assert same_speaker(directory, [mentions[5], mentions[7]])


# --- rule 4: surnames alone -----------------------------------------------------------------------


def test_a_surname_joins_the_only_person_of_that_name() -> None:
    mentions = [
        mention("Sviatoslav Palamar", "a1", role="Deputy Commander of Azov regiment"),
        mention("Palamar", "a2"),
        mention("Zelensky", "a3"),
        mention("Volodymyr Zelenskyy", "a4"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Sviatoslav Palamar", "Volodymyr Zelenskyy"]


def test_a_shared_surname_without_evidence_stays_its_own_speaker() -> None:
    mentions = [mention("Joe Biden", "a1"), mention("Hunter Biden", "a2"), mention("Biden", "a3")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Biden", "Hunter Biden", "Joe Biden"]
    assert speaker_named(directory, "Biden").kind == "person"


def test_a_shared_surname_follows_the_person_its_article_names() -> None:
    mentions = [
        mention("Joe Biden", "a1"),
        mention("Hunter Biden", "a2"),
        mention("Biden", "a2"),
        mention("Biden", "a3"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert same_speaker(directory, mentions[1:3])
    assert directory.speaker_of[mentions[3].statement_id] == speaker_named(directory, "Biden").id


def test_a_shared_surname_follows_the_person_its_role_fits() -> None:
    mentions = [
        mention("Joe Biden", "a1", role="U.S. President"),
        mention("Hunter Biden", "a2", role="the president's son"),
        mention("Biden", "a3", role="President"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert same_speaker(directory, [mentions[0], mentions[2]])
    assert names(directory) == ["Hunter Biden", "Joe Biden"]


def test_a_role_that_fits_both_is_no_evidence() -> None:
    mentions = [
        mention("Andriy Kovalenko", "a1", role="spokesman"),
        mention("Petro Kovalenko", "a2", role="army spokesman"),
        mention("Kovalenko", "a3", role="spokesman"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Andriy Kovalenko", "Kovalenko", "Petro Kovalenko"]


def test_a_surname_nobody_has_in_full_is_one_speaker_named_by_it() -> None:
    mentions = [mention("Palamar", "a1"), mention("Palamar", "a2"), mention("Palamar's", "a3")]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Palamar"]
    assert directory.speakers[0].id == stable_id("speaker", "person", "Palamar")


def test_an_initial_joins_the_one_person_it_fits() -> None:
    mentions = [
        mention("Vladimir Putin", "a1"),
        mention("V. Putin", "a2"),
        mention("Lyudmila Putina", "a3"),
        mention("J. Putin", "a4"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["J. Putin", "Lyudmila Putina", "Vladimir Putin"]
    assert same_speaker(directory, mentions[:2])
    assert same_speaker(
        resolve_speakers([*mentions, mention("V.V. Putin", "a5")], NO_ALIASES),
        [mentions[0], mention("V.V. Putin", "a5")],
    )


# --- rule 5: unnamed speakers ---------------------------------------------------------------------


def test_unnamed_speakers_are_never_merged_across_articles() -> None:
    mentions = [
        mention("officials", "a1", kind="unnamed"),
        mention("officials", "a1", kind="unnamed", n=1),
        mention("Officials", "a2", kind="unnamed"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert len(directory.speakers) == 2
    assert same_speaker(directory, mentions[:2])
    ids = {s.id for s in directory.speakers}
    assert stable_id("speaker", "unnamed", "officials", "a1") in ids
    assert stable_id("speaker", "unnamed", "Officials", "a2") in ids


# --- rule 6: organisations and countries ----------------------------------------------------------


def test_seats_of_government_speak_for_their_country() -> None:
    mentions = [
        mention("the Kremlin", "a1", kind="organisation"),
        mention("Moscow", "a2", kind="country"),
        mention("Russia", "a3", kind="country"),
        mention("Kremlin", "a4", kind="organisation"),
        mention("Kyiv", "a5", kind="country"),
        mention("Kiev", "a6", kind="country"),
    ]
    directory = resolve_speakers(mentions, load_aliases())
    assert names(directory) == ["Russia", "Ukraine"]
    russia = speaker_named(directory, "Russia")
    assert russia.kind == "country"
    assert russia.id == stable_id("speaker", "country", "Russia")
    assert russia.affiliation == "Russia's government"
    assert russia.aliases == ("Kremlin", "Moscow", "the Kremlin")


def test_bodies_merge_by_name_without_any_alias_file() -> None:
    mentions = [
        mention("the Kremlin", "a1", kind="organisation"),
        mention("Kremlin", "a2", kind="organisation"),
        mention("Ministry of Defence", "a3", kind="organisation"),
        mention("ministry of defence", "a4", kind="organisation"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Kremlin", "Ministry of Defence"]


def test_a_person_is_never_taken_for_a_seat_of_government() -> None:
    mentions = [mention("Washington", "a1"), mention("Washington", "a2", kind="country")]
    directory = resolve_speakers(mentions, load_aliases())
    kinds = {s.name: s.kind for s in directory.speakers}
    assert kinds == {"Washington": "person", "United States": "country"}


def test_a_surname_tagged_as_an_organisation_still_finds_its_person_entry() -> None:
    mentions = [mention("Zelenskiy", "a1", kind="organisation"), mention("Zelensky", "a2")]
    directory = resolve_speakers(mentions, load_aliases())
    assert names(directory) == ["Volodymyr Zelenskyy"]
    assert directory.speakers[0].affiliation == "Ukraine"


# --- rule 7: the canonical name, and determinism --------------------------------------------------


def test_the_most_frequent_full_form_is_the_name() -> None:
    mentions = [
        mention("Volodymyr Zelensky", "a1"),
        mention("Volodymyr Zelensky", "a2"),
        mention("Volodymyr Zelenskyy", "a3"),
        mention("Zelenskyy", "a4"),
        mention("Zelenskyy", "a5"),
        mention("Zelenskyy", "a6"),
    ]
    directory = resolve_speakers(mentions, NO_ALIASES)
    assert names(directory) == ["Volodymyr Zelensky"]


def test_ties_go_to_the_longest_then_the_first_alphabetically() -> None:
    longest = [mention("Dmitry Peskov", "a1"), mention("Dmitriy Peskov", "a2")]
    assert names(resolve_speakers(longest, NO_ALIASES)) == ["Dmitriy Peskov"]
    alphabetical = [mention("Dmitry Peskov", "a1"), mention("Dmitri Peskov", "a2")]
    assert names(resolve_speakers(alphabetical, NO_ALIASES)) == ["Dmitri Peskov"]


def test_the_azovstal_speakers_keep_their_gold_names() -> None:
    gold: list[tuple[str, SpeakerKind]] = [
        ("Sviatoslav Palamar", "person"),
        ("Vladimir Putin", "person"),
        ("Sergey Shoigu", "person"),
        ("Oleksiy Arestovych", "person"),
        ("Volodymyr Zelenskyy", "person"),
        ("Dmitry Peskov", "person"),
        ("Russia", "country"),
    ]
    mentions = [mention(name, "azovstal", kind) for name, kind in gold]
    later = [
        mention("Zelensky", "a2"),
        mention("Shoygu", "a3"),
        mention("Kremlin", "a4", "organisation"),
    ]
    directory = resolve_speakers(mentions + later, load_aliases())
    assert names(directory) == sorted(name for name, _ in gold)


def test_the_alias_file_name_wins() -> None:
    mentions = [mention("Volodymyr Zelensky", f"a{i}") for i in range(3)]
    directory = resolve_speakers(mentions, load_aliases())
    assert names(directory) == ["Volodymyr Zelenskyy"]
    assert directory.speakers[0].aliases == ("Volodymyr Zelensky",)


def corpus() -> list[Mention]:
    day = date(2022, 5, 1)
    return [
        mention("Joe Biden", "a1", role="President", seen=day),
        mention("Hunter Biden", "a2"),
        mention("Biden", "a2"),
        mention("Biden", "a3", role="president"),
        mention("Biden", "a4"),
        mention("Dmitry Peskov", "a1", role="Kremlin spokesman", seen=day),
        mention("Dmitri Peskov", "a2", role="Kremlin spokesman", seen=date(2022, 5, 3)),
        mention("Peskov", "a5"),
        mention("the Kremlin", "a1", kind="organisation"),
        mention("Moscow", "a3", kind="country"),
        mention("officials", "a1", kind="unnamed"),
        mention("officials", "a2", kind="unnamed"),
        mention("George W. Bush", "a3"),
        mention("George H. W. Bush", "a4"),
        mention("George Bush", "a5"),
        mention("Bush", "a6"),
    ]


def test_the_result_does_not_depend_on_the_order_of_mentions() -> None:
    book = load_aliases()
    expected = resolve_speakers(corpus(), book)
    for seed in range(5):
        shuffled = corpus()
        random.Random(seed).shuffle(shuffled)
        again = resolve_speakers(shuffled, book)
        assert again.speakers == expected.speakers
        assert dict(again.speaker_of) == dict(expected.speaker_of)


def test_every_mention_has_a_speaker_and_ids_are_unique() -> None:
    mentions = corpus()
    directory = resolve_speakers(mentions, load_aliases())
    ids = [s.id for s in directory.speakers]
    assert len(ids) == len(set(ids))
    assert set(directory.speaker_of) == {m.statement_id for m in mentions}
    assert set(directory.speaker_of.values()) == set(ids)
    for speaker in directory.speakers:
        if speaker.kind != "unnamed":
            assert speaker.id == stable_id("speaker", speaker.kind, speaker.name)


def test_no_mentions_no_speakers() -> None:
    directory = resolve_speakers([], load_aliases())
    assert directory.speakers == () and dict(directory.speaker_of) == {}


# --- rule 8: roles with dates ---------------------------------------------------------------------


def test_roles_are_kept_with_first_and_last_dates() -> None:
    mentions = [
        mention("Oleksiy Arestovych", "a1", role="presidential adviser", seen=date(2022, 5, 5)),
        mention("Oleksiy Arestovych", "a2", role="Presidential Adviser", seen=date(2022, 3, 1)),
        mention("Arestovych", "a3", role="presidential advisor", seen=date(2022, 6, 9)),
        mention("Oleksiy Arestovych", "a4", role="the presidential adviser", seen=None),
        mention("Oleksii Arestovich", "a5", role="blogger", seen=date(2023, 2, 1)),
        mention("Oleksiy Arestovych", "a6", role=None, seen=date(2024, 1, 1)),
    ]
    speaker = resolve_speakers(mentions, NO_ALIASES).speakers[0]
    assert [(r.role, r.first_seen, r.last_seen, r.mentions) for r in speaker.roles] == [
        ("presidential adviser", date(2022, 3, 1), date(2022, 6, 9), 4),
        ("blogger", date(2023, 2, 1), date(2023, 2, 1), 1),
    ]


def test_a_role_never_dated_is_kept_last() -> None:
    mentions = [
        mention("Dmitry Peskov", "a1", role="press secretary"),
        mention("Dmitry Peskov", "a2", role="Kremlin spokesman", seen=date(2022, 5, 5)),
    ]
    roles = resolve_speakers(mentions, NO_ALIASES).speakers[0].roles
    assert [(r.role, r.first_seen) for r in roles] == [
        ("Kremlin spokesman", date(2022, 5, 5)),
        ("press secretary", None),
    ]


# --- find -----------------------------------------------------------------------------------------


def test_find_ignores_case_diacritics_titles_and_spelling() -> None:
    mentions = [
        mention("Volodymyr Zelenskyy", "a1"),
        mention("Zelensky", "a2"),
        mention("the Kremlin", "a3", kind="organisation"),
        mention("Joe Biden", "a4"),
        mention("Hunter Biden", "a5"),
    ]
    directory = resolve_speakers(mentions, load_aliases())
    zelenskyy = speaker_named(directory, "Volodymyr Zelenskyy")
    for query in ["volodymyr zelenskiy", "ZELENSKÝ", "President Zelenskij", "Vladimir Zelensky"]:
        assert directory.find(query) == [zelenskyy], query
    assert [s.name for s in directory.find("Moscow")] == ["Russia"]
    assert [s.name for s in directory.find("biden")] == ["Hunter Biden", "Joe Biden"]
    assert directory.find("Shoigu") == []


# --- the alias file -------------------------------------------------------------------------------


def test_the_shipped_file_loads() -> None:
    book = load_aliases()
    assert "Russia" in {entry.name for entry in book.entries}


def test_a_user_file_adds_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "aliases.toml"
    user.write_text(
        """
[[speaker]]
name = "Russia"
kind = "country"
affiliation = "the Russian state"
aliases = ["the Kremlin"]

[[speaker]]
name = "City of Moscow"
kind = "organisation"
aliases = ["Moscow", "Moscow mayor's office"]

[[speaker]]
name = "Sviatoslav Palamar"
kind = "person"
affiliation = "Azov regiment"
aliases = ["Kalyna"]
""",
        encoding="utf-8",
    )
    mentions = [
        mention("Kremlin", "a1", kind="organisation"),
        mention("Moscow", "a2", kind="country"),
        mention("Kalyna", "a3", kind="organisation"),
        mention("Palamar", "a4"),
        mention("Beijing", "a5", kind="country"),
    ]
    directory = resolve_speakers(mentions, load_aliases(user))
    assert names(directory) == ["China", "City of Moscow", "Russia", "Sviatoslav Palamar"]
    assert speaker_named(directory, "Russia").affiliation == "the Russian state"
    assert speaker_named(directory, "Sviatoslav Palamar").aliases == ("Kalyna", "Palamar")


def test_an_alias_book_built_in_code() -> None:
    book = AliasBook((AliasEntry("NATO", "organisation", ("the alliance", "OTAN")),))
    mentions = [
        mention("The Alliance", "a1", kind="organisation"),
        mention("Otan", "a2", "country"),
    ]
    directory = resolve_speakers(mentions, book)
    assert names(directory) == ["NATO"]
    assert directory.speakers[0].kind == "organisation"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[speaker]\nname = 'x'", "not valid TOML"),
        ("[[speakers]]\nname = 'Russia'\nkind = 'country'", "unknown key 'speakers'"),
        ("[[speaker]]\nname = 'Russia'\nkind = 'country'\nalias = ['x']", "unknown key 'alias'"),
        ("[[speaker]]\nname = 'Russia'\nkind = 'state'", "'kind' must be one of"),
        ("[[speaker]]\nkind = 'country'", "'name' must be a non-empty string"),
        ("[[speaker]]\nname = 'Russia'\nkind = 'country'\naliases = 'Moscow'", "'aliases' must"),
        (
            "[[speaker]]\nname = 'A'\nkind = 'country'\naliases = ['Moscow']\n"
            "[[speaker]]\nname = 'B'\nkind = 'country'\naliases = ['moscow']",
            "'moscow' is given to both 'A' and 'B'",
        ),
        (
            "[[speaker]]\nname = 'Russia'\nkind = 'country'\n"
            "[[speaker]]\nname = 'russia'\nkind = 'country'",
            "'russia' has two [[speaker]] entries",
        ),
    ],
)
def test_a_broken_alias_file_gives_one_clear_error(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LinkFileError) as raised:
        load_aliases(path)
    message = str(raised.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


def test_a_missing_alias_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LinkFileError, match="no such alias file"):
        load_aliases(tmp_path / "missing.toml")
