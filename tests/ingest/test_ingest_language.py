"""Language: only confident non-English judgements on long enough texts reject a story."""

from __future__ import annotations

import pytest

from sayso.errors import NotEnglish
from sayso.ingest import article_from_text
from sayso.ingest.language import MIN_LETTERS_TO_JUDGE, detect_language

GERMAN = (
    "Der Kampf um das Stahlwerk Asowstal in Mariupol geht am Donnerstag weiter, während "
    "russische Truppen versuchen, eine der letzten Hochburgen des ukrainischen Widerstands "
    "einzunehmen. Der stellvertretende Kommandeur sagte, die Russen seien seit drei Tagen "
    "auf dem Gelände, doch der Kreml bestritt jede Bodenoffensive."
)


def test_long_german_is_rejected() -> None:
    with pytest.raises(NotEnglish, match=r"^de\.txt: not English \(detected 'de'\); skipped$"):
        article_from_text(GERMAN, source="de.txt")


@pytest.mark.parametrize(
    "text",
    [
        "Palamar: Nein.",
        "Kyiv said no.",
        "Zelenskyy, Arestovych and Peskov spoke.",
        "« Personne n'a chassé personne », a déclaré Palamar.",
    ],
)
def test_short_texts_are_not_judged(text: str) -> None:
    assert detect_language(text) is None
    assert article_from_text(text, source="short.txt").language == "en"


def test_english_full_of_foreign_names_and_quotes_passes() -> None:
    text = (
        "Deputy Commander Sviatoslav Palamar of the Azov regiment said in Mariupol: "
        '"Слава Україні." Oleksiy Arestovych, Volodymyr Zelenskyy and Dmitry Peskov of the '
        "Kremlin gave different accounts. Interfax quoted Palamar as saying heavy fighting "
        "was going on at the Azovstal plant, while the Kremlin denied it on Thursday."
    )
    assert sum(char.isalpha() for char in text) >= MIN_LETTERS_TO_JUDGE
    assert article_from_text(text, source="en.txt").language == "en"
