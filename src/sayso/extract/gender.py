"""The grammatical gender a person's name or title tells, for "he" / "she" agreement.

Evidence, strongest first: an honorific ("Mrs.", "Mr."), a gendered role noun ("spokeswoman",
"congressman"), then the first name, read from the US Census 1990 first-name frequency lists
that the ``names`` package ships (MIT; the lists are public-domain census data):

>>> name_gender("Ruth Kessler"), name_gender("Michael Shapiro"), name_gender("Sviatoslav Palamar")
('female', 'male', None)

None means the name does not tell (an unknown or unisex first name); "she" may then still point
to that person, but a person whose name says "male" is never taken for "she".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

Gender = Literal["female", "male"]

PRONOUN_GENDER: dict[str, Gender] = {"she": "female", "her": "female", "he": "male", "him": "male"}
HONORIFIC_GENDER: dict[str, Gender] = {
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "madam": "female",
    "dame": "female",
    "mr": "male",
    "sir": "male",
}
ROLE_GENDER: dict[str, Gender] = {
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman businesswoman councilwoman policewoman "
        "queen princess duchess actress mother daughter wife sister widow grandmother".split(),
        "female",
    ),
    **dict.fromkeys(
        "spokesman chairman congressman businessman councilman policeman "
        "king prince duke actor father son husband brother widower grandfather".split(),
        "male",
    ),
}
# A first name is taken to tell a gender when the census counts it at least this many times more
# often for one sex than the other (Jordan 0.056 / 0.012 male is below it, so Jordan tells
# nothing; Michael 2.629 / 0.012 and Ruth 0.562 / 0 are well above). Chosen by looking at the
# unisex names of the lists (Taylor, Jordan, Jessie, Leslie all fall below 5).
FIRST_NAME_RATIO = 5.0


def name_gender(name: str, cues: Iterable[str] = ()) -> Gender | None:
    """The gender that ``name`` or the words ``cues`` around it (honorifics, role nouns) tell."""
    for word in cues:
        told = _word_gender(word)
        if told is not None:
            return told
    words = name.split()
    if len(words) < 2:
        return None
    return first_name_gender(words[0])


def first_name_gender(first: str) -> Gender | None:
    """The gender the census lists give a first name, or None when they do not tell."""
    key = first.strip(".").upper()
    female, male = _frequencies("female").get(key, 0.0), _frequencies("male").get(key, 0.0)
    if female > 0 and female >= FIRST_NAME_RATIO * male:
        return "female"
    if male > 0 and male >= FIRST_NAME_RATIO * female:
        return "male"
    return None


def _word_gender(word: str) -> Gender | None:
    key = word.lower().strip(".")
    return HONORIFIC_GENDER.get(key) or ROLE_GENDER.get(key)


@cache
def _frequencies(sex: Gender) -> dict[str, float]:
    """Census frequency (percent of people) of each first name, upper-cased."""
    import names

    path = Path(names.__file__).parent / f"dist.{sex}.first"
    frequencies = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            frequencies[parts[0]] = float(parts[1])
    return frequencies
