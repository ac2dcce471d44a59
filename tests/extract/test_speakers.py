"""Stage 6: canonical speakers — full names, surnames, pronouns, role phrases, institutions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sayso.model import Statement

Extract = Callable[..., list[Statement]]  # the ``extract`` fixture of conftest.py


def speakers(statements: list[Statement]) -> list[str | None]:
    return [s.speaker for s in statements]


def test_full_name_surname_and_pronoun_are_one_speaker(extract: Extract) -> None:
    text = (
        "Deputy Commander of Azov regiment Sviatoslav Palamar said the soldiers were still "
        "inside the plant.\n\n"
        "Palamar said the bunkers had been hit again.\n\n"
        '"We will hold on as long as we can," he said.'
    )
    first, second, third = extract(text)
    assert speakers([first, second, third]) == ["Sviatoslav Palamar"] * 3
    assert [s.speaker_kind for s in (first, second, third)] == ["person"] * 3
    assert first.role == "Deputy Commander of Azov regiment"
    assert [s.text for s in first.source] == [
        "Deputy Commander of Azov regiment Sviatoslav Palamar"
    ]
    assert [s.text for s in second.source] == ["Palamar"]
    assert [s.text for s in third.source] == ["he"]


def test_appositive_role_is_not_part_of_the_name(extract: Extract) -> None:
    statement, = extract("Hugh Hill, a doctor, said the clinic had run out of insulin.")
    assert statement.speaker == "Hugh Hill"
    assert statement.speaker_kind == "person"
    assert statement.role == "doctor"


def test_pronoun_after_an_appositive_speaker(extract: Extract) -> None:
    text = (
        "Hugh Hill, a doctor, said the clinic had run out of insulin. "
        "He said the patients were waiting."
    )
    assert speakers(extract(text)) == ["Hugh Hill", "Hugh Hill"]


def test_honorific_is_not_part_of_the_name(extract: Extract) -> None:
    text = "Dr. Maria Lopez said the water was safe. Lopez said the tests were clean."
    assert speakers(extract(text)) == ["Maria Lopez", "Maria Lopez"]


def test_role_phrase_resolves_to_the_person_introduced_with_that_role(extract: Extract) -> None:
    text = (
        "Deputy commander Sviatoslav Palamar said the soldiers were still inside the plant. "
        "Later the deputy commander said the bunkers had been hit."
    )
    first, second = extract(text)
    assert [s.text for s in second.source] == ["the deputy commander"]
    assert second.speaker == first.speaker == "Sviatoslav Palamar"
    assert second.speaker_kind == "person"


def test_role_phrase_picks_the_person_with_that_role_among_several(extract: Extract) -> None:
    text = (
        "Mayor Anna Kovalenko said the shelters were full. "
        "Governor Petro Bondar said the roads were open. "
        "The mayor said more buses were coming."
    )
    assert speakers(extract(text)) == ["Anna Kovalenko", "Petro Bondar", "Anna Kovalenko"]


def test_role_phrase_after_a_titled_name(extract: Extract) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks would resume. "
        "The spokesman said no date had been set."
    )
    first, second = extract(text)
    assert speakers([first, second]) == ["Dmitry Peskov", "Dmitry Peskov"]
    assert first.role == "Kremlin spokesman"


def test_colon_attribution_uses_the_full_name_introduced_earlier(extract: Extract) -> None:
    text = (
        "Sviatoslav Palamar said the soldiers were still inside.\n\n"
        'Palamar: "We are holding the line and will not surrender."'
    )
    assert speakers(extract(text)) == ["Sviatoslav Palamar", "Sviatoslav Palamar"]


def test_role_then_appositive_name(extract: Extract) -> None:
    text = (
        "The adviser to the president, Oleksiy Danilov, said the talks had stalled. "
        "The adviser said no date had been set."
    )
    first, second = extract(text)
    assert speakers([first, second]) == ["Oleksiy Danilov", "Oleksiy Danilov"]
    assert first.speaker_kind == "person"


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("Russia denied that its troops had fired on the convoy.", "Russia", "country"),
        ("Ukraine said the convoy had reached the city.", "Ukraine", "country"),
        ("The Kremlin said the talks would resume next week.", "Kremlin", "organisation"),
        ("The ministry said the convoy had left.", "Ministry", "organisation"),
        ("The Red Cross said the convoy had reached the city.", "Red Cross", "organisation"),
        ("The United Nations said the convoy had arrived.", "United Nations", "organisation"),
    ],
)
def test_organisations_and_countries_speak(
    extract: Extract, text: str, speaker: str, kind: str
) -> None:
    statement, = extract(text)
    assert statement.speaker == speaker
    assert statement.speaker_kind == kind


def test_it_continues_an_organisation(extract: Extract) -> None:
    text = "The ministry said the convoy had left. It said the trucks carried food."
    first, second = extract(text)
    assert second.speaker == first.speaker == "Ministry"
    assert second.speaker_kind == "organisation"


@pytest.mark.parametrize(
    "text", ["Officials said the convoy had left.", "Sources said the talks had stalled."]
)
def test_groups_are_unnamed_speakers(extract: Extract, text: str) -> None:
    statement, = extract(text)
    assert statement.speaker_kind == "unnamed"


def test_pronoun_with_nobody_introduced_has_no_speaker(extract: Extract) -> None:
    statement, = extract("She said the convoy had left.")
    assert statement.speaker is None
    assert statement.speaker_kind == "unnamed"
    assert [s.text for s in statement.source] == ["She"]


def test_a_countrys_ministry_is_the_ministry_not_the_country(extract: Extract) -> None:
    statement, = extract("Ukraine's foreign ministry said the talks had stalled.")
    assert statement.speaker_kind == "organisation"
    assert statement.speaker is not None and "ministry" in statement.speaker.lower()


# The person a source phrase names at its head or in apposition to it, never a name that only
# describes them (issue 10)


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("The mayor of Kalvik, Ilse Vandergraaf, said the evacuation began at ten.",
         "Ilse Vandergraaf", "mayor of Kalvik"),
        ("Union chair Marta Selin said the workers had not been warned.",
         "Marta Selin", "Union chair"),
        ("Rep. Jerry Nadler, a Democrat from New York and a Clinton ally, said the report was "
         "unfair.", "Jerry Nadler", "Democrat from New York and a Clinton ally"),
        ("Karl Rove, the chief strategist of George W. Bush's campaigns, said the numbers were "
         "weak.", "Karl Rove", "chief strategist of George W. Bush's campaigns"),
        ("Michael Shapiro, one of Mrs. Clinton's economic policy advisers, said the plan would "
         "create jobs.", "Michael Shapiro", "one of Mrs. Clinton's economic policy advisers"),
        ("Clinton's communications director, Jennifer Palmieri, said the campaign was confident.",
         "Jennifer Palmieri", "Clinton's communications director"),
        ("Douglas Holtz-Eakin, an economist, said the tax plan would cost more.",
         "Douglas Holtz-Eakin", "economist"),
    ],
)
def test_the_speaker_is_the_head_or_its_appositive(
    extract: Extract, text: str, speaker: str, role: str
) -> None:
    statement, = extract(text)
    assert (statement.speaker, statement.speaker_kind, statement.role) == (
        speaker, "person", role
    )


def test_according_to_a_role_takes_the_name_set_off_after_it(extract: Extract) -> None:
    statement, = extract("According to the harbour master, Jonas Brandt, the ship left at dawn.")
    assert statement.speaker == "Jonas Brandt"
    assert [s.text for s in statement.source] == ["the harbour master, Jonas Brandt"]
    assert [s.text for s in statement.content] == ["the ship left at dawn"]


def test_coordinated_speakers_are_a_stated_group(extract: Extract) -> None:
    text = (
        "James Clyburn and G. K. Butterfield met on Monday. "
        "Mr. Clyburn and Mr. Butterfield said they would vote against the bill."
    )
    statement, = extract(text)
    assert statement.speaker == "James Clyburn and G. K. Butterfield"


def test_she_and_he_agree_with_the_names(extract: Extract) -> None:
    text = (
        "Commander Ingrid Falk of the coast guard and the harbour master, Edvin Rask, gave a "
        "briefing. She said the sea had been calm. He said the cameras showed the door closed."
    )
    said = [s for s in extract(text) if s.cue is not None and s.cue.text == "said"]
    assert [s.speaker for s in said] == ["Ingrid Falk", "Edvin Rask"]


def test_an_honorific_chooses_between_people_of_one_surname(extract: Extract) -> None:
    text = (
        "Michelle Obama and Barack Obama arrived in Ohio. "
        "Mr. Obama said the economy was stronger."
    )
    statement, = extract(text)
    assert statement.speaker == "Barack Obama"


def test_a_short_organisation_name_is_the_full_one_given_before(extract: Extract) -> None:
    text = (
        "The Vestmark Health Ministry opened an inquiry on Tuesday. "
        "The ministry said there had been no casualties."
    )
    statement, = extract(text)
    assert (statement.speaker, statement.speaker_kind) == ("Vestmark Health Ministry",
                                                           "organisation")


def test_transcript_lines_and_signed_quotations_have_their_speakers(extract: Extract) -> None:
    text = (
        "“I cannot believe it.”\u00a0― Jacklyn Ashley\n\n"
        '"WALLACE: If I may, sir, because we have limited time.\n\n'
        "PENCE: I think it will matter a great deal to the people.\n"
    )
    found = {(s.speaker, s.cue.text if s.cue else None) for s in extract(text)}
    assert found >= {("Jacklyn Ashley", "―"), ("Wallace", ":"), ("Pence", ":")}
    assert ("Pence", "think") in found  # the "I" of a labelled line is its speaker


def test_an_organisation_is_its_name_not_what_describes_it(extract: Extract) -> None:
    text = (
        "Norhaven Ferry Lines, which operates the Gullwing, said a wave had struck the ferry. "
        "The company said every passenger had a lifejacket."
    )
    assert [(s.speaker, s.speaker_kind) for s in extract(text)] == [
        ("Norhaven Ferry Lines", "organisation")
    ] * 2
