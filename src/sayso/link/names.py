"""Speaker names as keys: folding, transliteration, titles, surnames and roles.

A name is folded (case, diacritics, possessives, punctuation), its leading titles dropped
("Russian Defense Minister Sergei Shoigu" -> "Sergei Shoigu"), and each word given a
transliteration key, so that "Zelensky", "Zelenskyy", "Zelenskiy" and "Zelenskij" agree.
``parse`` splits a person's name into first name, middle initials, surname and suffix; a body's
name ("the Kremlin") is its words' keys without a leading determiner.

>>> parse("President Volodymyr Zelenskiy's", "person").display
'Volodymyr Zelenskiy'
>>> parse("Volodymyr Zelenskyy", "person").last == parse("Zelensky", "person").last
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sayso.model import SpeakerKind

# Words that open a name without being part of it: "President Zelensky", "Defense Minister
# Sergei Shoigu", "Head of the Presidential Office Andriy Yermak". Folded, without periods.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame lord lady rev reverend
    sen senator rep representative congressman congresswoman lawmaker mp mep
    gov governor mayor premier president vice prime minister deputy secretary chancellor
    gen general lt lieutenant col colonel maj major capt captain cmdr commander adm admiral
    sgt sergeant cpl corporal marshal brig brigadier
    ambassador envoy spokesman spokeswoman spokesperson adviser advisor aide press
    chief head director chairman chairwoman chair ceo executive officer founder commissioner
    attorney judge justice speaker leader majority minority whip
    king queen prince princess crown emperor sheikh emir ayatollah
    pope cardinal bishop archbishop rabbi imam patriarch
    foreign defense defence interior finance health state affairs presidential office
    former acting interim elect then ex first
    """.split()
)
# Words that may sit inside a title without being one ("Secretary of State").
TITLE_CONNECTORS = frozenset({"of", "the", "for", "and", "to", "on"})
# Non-title words allowed before the last title word ("Ukrainian", "U.S.", "Kremlin", "Azov
# regiment"): three covers the nationality + body + rank titles of the azovstal example while a
# four-word prefix is more often a name that happens to contain a title word.
MAX_TITLE_MODIFIERS = 3
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Surname particles, kept as part of the surname key ("von der Leyen", "Le Pen", "De Niro").
SURNAME_PARTICLES = frozenset(
    "von van der den de da di du del della dos das la le ter ten zu bin ibn bint".split()
)
# The Arabic article, dropped from the surname key ("al-Assad" = "Assad").
ARTICLE_PREFIXES = frozenset({"al", "el"})
DETERMINERS = frozenset({"the", "a", "an"})
ROLE_SPELLING = {"advisor": "adviser", "defence": "defense", "organisation": "organization"}
# Distinct names whose parse is remembered: news corpora of a million statements name far fewer
# speakers than this, so each name is parsed once.
PARSE_CACHE_SIZE = 1 << 18

# Letters NFKD does not take apart, and Cyrillic, so that keys are plain ASCII where possible.
_LETTERS = str.maketrans(
    dict(
        pair.split("=")
        for pair in """
        ł=l ø=o đ=d ð=d þ=th æ=ae œ=oe ı=i ’=' ‘=' ‐=- –=-
        а=a б=b в=v г=g ґ=g д=d е=e є=ye ж=zh з=z и=i і=i ї=yi й=y к=k л=l м=m н=n о=o
        п=p р=r с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya
        """.split()
    )
)
_STRIP = ',;:!?"“”„«»()[]{}'

RoleSign = tuple[str, frozenset[str]]  # the head word of a role, and all its words


@dataclass(frozen=True)
class _Token:
    surface: str  # as written, without possessive and surrounding punctuation
    folded: str  # casefolded ASCII, no periods or apostrophes; hyphens kept
    key: str  # the transliteration key


@dataclass(frozen=True)
class Name:
    """A name taken apart: what to show, and the keys it is grouped and looked up by."""

    display: str  # the name as written, titles and possessive removed
    key: str  # every token's key, titles kept: the lookup key of bodies and alias names
    person_key: str  # the key without titles
    form: str  # full | surname | initial | empty
    first: str = ""
    middle: str = ""  # the initials of the middle names
    last: str = ""
    suffix: str = ""


def fold(text: str) -> str:
    """Casefolded, without diacritics: "Zelenskyy’s" -> "zelenskyy's"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse(name: str, kind: SpeakerKind) -> Name:
    """``name`` taken apart as a person's name, or as a body's for any other ``kind``."""
    return _parse_person(name) if kind == "person" else _parse_body(name)


def search_keys(name: str) -> set[str]:
    """Every key ``name`` may be known by, whether it names a person or a body."""
    person = parse(name, "person")
    return {k for k in (parse(name, "organisation").key, person.key, person.person_key) if k}


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def role_key(role: str) -> str:
    """A role folded, spelled one way and without a leading determiner."""
    words = [ROLE_SPELLING.get(t.folded, t.folded) for t in _tokens(role)]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def role_sign(role: str | None) -> RoleSign | None:
    """What a role says: "Deputy Commander of Azov regiment" -> ("commander", {deputy, ...});
    "the president's son" is a son, whatever else its words say."""
    words = role_key(role or "").split()
    if not words:
        return None
    of = next((i for i, w in enumerate(words) if i and w in TITLE_CONNECTORS), len(words))
    return words[of - 1], frozenset(words) - TITLE_CONNECTORS


def fits(sign: RoleSign, known: set[RoleSign]) -> bool:
    """Whether a role given with a surname fits a role seen with the full name: the same head,
    and no words the full role lacks ("President" fits "U.S. President")."""
    return any(sign[0] == head and sign[1] <= words for head, words in known)


def _translit(word: str) -> str:
    """A key shared by the usual romanisations of one name: Zelenskyy/Zelenskiy/Zelensky ->
    "zelenski", Shoygu -> "shoigu", Dmitriy -> "dmitri", Yevgeny -> "evgeni", Olexander and
    Oleksandr -> "oleksandr"."""
    if not word:
        return ""
    word = word.replace("x", "ks").replace("ck", "k")
    word = word[0] + word[1:].replace("kh", "h")
    if word.startswith("ye"):
        word = word[1:]
    if word.endswith(("ij", "yj")):
        word = word[:-1] + "i"
    word = word[0] + word[1:].replace("y", "i")
    if len(word) > 3 and word.endswith("er") and word[-3] not in "aeiou":
        word = word[:-2] + "r"  # Olexander/Oleksandr, Peter/Petr
    collapsed = [c for i, c in enumerate(word) if i == 0 or c != word[i - 1]]
    return "".join(collapsed)


def _token(raw: str) -> _Token | None:
    surface = raw.strip(_STRIP)
    if surface[-2:].lower() in ("'s", "’s"):
        surface = surface[:-2]
    surface = surface.strip("'’")
    folded = "".join(c for c in fold(surface) if c.isalnum() or c == "-").strip("-")
    if not folded:
        return None
    return _Token(surface, folded, "".join(_translit(p) for p in folded.split("-")))


def _tokens(name: str) -> list[_Token]:
    return [t for t in map(_token, name.split()) if t is not None]


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_body(name: str) -> Name:
    tokens = _tokens(name)
    while len(tokens) > 1 and tokens[0].folded in DETERMINERS:
        tokens = tokens[1:]
    key = " ".join(t.key for t in tokens)
    return Name(" ".join(t.surface for t in tokens), key, key, "full" if key else "empty")


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_person(name: str) -> Name:
    tokens = _tokens(name)
    key = " ".join(t.key for t in tokens)
    suffix = ""
    if len(tokens) > 1 and tokens[-1].folded in NAME_SUFFIXES:
        suffix = tokens[-1].folded
    if not tokens or _only_a_title(tokens):
        return Name(" ".join(t.surface for t in tokens), key, key, "empty")
    core = _without_titles(tokens[:-1] if suffix else tokens)
    display = " ".join(t.surface for t in core + (tokens[-1:] if suffix else []))
    person_key = " ".join(t.key for t in core) + (f" {suffix}" if suffix else "")
    split = len(core) - 1
    while split > 0 and _is_particle(core[split - 1]):
        split -= 1
    last = "".join(_surname_key(t) for t in core[split:])
    if split == 0:
        return Name(display, key, person_key, "surname", last=last, suffix=suffix)
    first = core[0].key
    middle = "".join(t.key[:1] for t in core[1:split])
    initials = len(core[0].folded) == 1 or core[0].surface.count(".") >= len(core[0].folded)
    form = "initial" if initials else "full"  # "V. Putin", "V.V. Putin"
    return Name(display, key, person_key, form, first, middle, last, suffix)


def _without_titles(tokens: list[_Token]) -> list[_Token]:
    """The name after its leading titles: "Russian Defense Minister Sergei Shoigu" -> the last
    two words. The name keeps at least one word ("John Major", "Prince")."""
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        if _is_title(token):
            last_title = i
    prefix = tokens[: last_title + 1]
    modifiers = [t for t in prefix if not _is_title(t) and t.folded not in TITLE_CONNECTORS]
    if len(modifiers) <= MAX_TITLE_MODIFIERS:
        tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and tokens[0].folded in TITLE_CONNECTORS:
        tokens = tokens[1:]
    return tokens


def _only_a_title(tokens: list[_Token]) -> bool:
    """A description, not a name: "the president", "spokesman" (not "Mr. King", "Major")."""
    if not all(_is_title(t) or t.folded in DETERMINERS for t in tokens):
        return False
    return tokens[0].folded in DETERMINERS or tokens[-1].surface.islower()


def _is_title(token: _Token) -> bool:
    return all(part in TITLE_WORDS for part in token.folded.split("-"))


def _is_particle(token: _Token) -> bool:
    return token.folded in SURNAME_PARTICLES or (
        token.folded in ARTICLE_PREFIXES and token.surface.islower()
    )


def _surname_key(token: _Token) -> str:
    parts = token.folded.split("-")
    if len(parts) == 1 and _is_particle(token) and token.folded in ARTICLE_PREFIXES:
        return ""
    while len(parts) > 1 and parts[0] in ARTICLE_PREFIXES:
        parts = parts[1:]
    return "".join(_translit(p) for p in parts)
