"""Stage 6, reading one source phrase: which person it names as the speaker, and their role.

A source phrase names its speaker at its head, or in an appositive to its head; a name anywhere
else in it belongs to someone the speaker is described by, and is never the speaker:

- the head: "Union chair Marta Selin" → Marta Selin (role "Union chair"); "Rep. Jerry Nadler, a
  Democrat from New York and a Clinton ally" → Jerry Nadler (Clinton modifies "ally");
- an appositive to a head that is a role: "The mayor of Kalvik, Ilse Vandergraaf," → Ilse
  Vandergraaf (role "mayor of Kalvik"); "Clinton's communications director, Jennifer Palmieri"
  → Jennifer Palmieri (Clinton is a possessive);
- coordinated heads: "Mr. Clyburn and Mr. Butterfield" → both;
- a transcript's speaker label: "MS. CLINTON" → Clinton.

Which tokens can be a name is the caller's knowledge (``NamePart``): proper nouns that are not
role or institution nouns, and not an organisation or a place unless the article knows a person
by that word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sayso.extract.s6_lexicon import DETERMINERS, HONORIFICS, ORG_NOUNS, ROLE_NOUNS, SPELLING

NamePart = Callable[[Token], bool]
# Dependencies through which a role head reaches the appositive that names it: "The mayor of
# Kalvik, Ilse Vandergraaf" (the parser often hangs the appositive on the object, "Kalvik").
APPOSITIVE_PATH = frozenset({"prep", "pobj", "appos"})
# Entity types whose tokens are never read as a person's name at the head of a source (unless
# the article knows a person by that word: NER tags a capitalised transcript label as ORG).
NOT_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "DATE"})
# Words before a name looked at for its honorific or title ("Ms.", "Union chair").
TITLE_REACH = 4


@dataclass(frozen=True)
class NamedSpeaker:
    """A person a source phrase names as its speaker."""

    name: tuple[Token, ...]  # the name's own tokens: no title, honorific or role
    role: str | None  # as written: "Union chair", "mayor of Kalvik", "hospital's medical director"
    title_words: tuple[str, ...]  # honorifics and role words at the name, lower-cased

    @property
    def text(self) -> str:
        """The name as written, hyphens kept ("Douglas Holtz-Eakin")."""
        first, last = self.name[0], self.name[-1]
        return first.doc.text[first.idx : last.idx + len(last.text)]


def named_speakers(tokens: list[Token], is_name_part: NamePart) -> list[NamedSpeaker]:
    """The people ``tokens`` (a source phrase) names as its speakers, in order; [] if none."""
    if not tokens:
        return []
    inside = {t.i for t in tokens}
    head = _named_head(tokens, inside, is_name_part)
    speakers: list[NamedSpeaker] = []
    for one in [head, *_conjuncts(head, inside)]:
        speaker = _named_at(one, tokens, inside, is_name_part)
        if speaker is None:
            return speakers[:1] if one is not head else []
        speakers.append(speaker)
    return speakers


def phrase_head(tokens: list[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them (the phrase's syntactic head)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _named_head(tokens: list[Token], inside: set[int], is_name_part: NamePart) -> Token:
    """The phrase's head; where the parse leaves several tokens headed outside it ("Union
    chair" and "Marta Selin" both subjects), the name among them."""
    tops = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    named = [t for t in tops if is_name_part(t)]
    return named[-1] if len(tops) > 1 and named else phrase_head(tokens)


def _conjuncts(head: Token, inside: set[int]) -> list[Token]:
    found, stack = [], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.i in inside:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _named_at(
    head: Token, tokens: list[Token], inside: set[int], is_name_part: NamePart
) -> NamedSpeaker | None:
    if is_name_part(head):
        name = _name_around(head, inside, is_name_part)
        return NamedSpeaker(name, _role_of(name, tokens, inside), _title_words(name, inside))
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in ORG_NOUNS:
        return None
    appositive = _appositive_name(head, inside, is_name_part)
    if appositive is None:
        return None
    name = _name_around(appositive, inside, is_name_part)
    role_tokens = _role_phrase_before(name, tokens)
    role = _text(role_tokens)
    words = tuple(t.lower_ for t in role_tokens) + _title_words(name, inside)
    return NamedSpeaker(name, role, words)


def _appositive_name(head: Token, inside: set[int], is_name_part: NamePart) -> Token | None:
    """The name set in apposition to a role head, reached through its prepositions."""
    stack = [head]
    while stack:
        token = stack.pop()
        for child in sorted(token.children, key=lambda t: t.i):
            if child.i not in inside or child.dep_ not in APPOSITIVE_PATH:
                continue
            if child.dep_ == "appos" and is_name_part(child) and not _possessive(child):
                return child
            stack.append(child)
    return None


def _name_around(head: Token, inside: set[int], is_name_part: NamePart) -> tuple[Token, ...]:
    """The run of name tokens ending at ``head`` ("Jerry Nadler"), joined through hyphens
    ("Holtz-Eakin"); when NER marks the head a PERSON, only its PERSON tokens."""
    doc = head.doc
    start = head.i
    while start - 1 in inside and _continues_name(doc[start - 1], is_name_part):
        start -= 1
    end = head.i
    while end + 1 in inside and _hyphen_join(doc, end + 1):
        end += 2
    run = [t for t in doc[start : end + 1]]
    if head.ent_type_ == "PERSON":
        while len(run) > 1 and run[0].ent_type_ != "PERSON" and run[0].text != "-":
            run = run[1:]
    while run and (run[0].text == "-" or run[0].lower_ in HONORIFICS):
        run = run[1:]
    return tuple(run) or (head,)


def _continues_name(token: Token, is_name_part: NamePart) -> bool:
    if token.text == "-" and not token.whitespace_ and token.i > 0:
        return not token.doc[token.i - 1].whitespace_  # "Holtz-Eakin"
    if token.text.endswith(".") and len(token.text) == 2 and token.text[0].isupper():
        return True  # an initial: "George W. Bush"
    if _possessive(token):
        return False
    # Before the head, NER's tag is not trusted ("Jean-Marc" read as an organisation).
    return is_name_part(token) or looks_like_name(token)


def looks_like_name(token: Token) -> bool:
    """A capitalised proper noun that is no title, role noun, institution noun or honorific."""
    word = token.lower_
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and SPELLING.get(word, word) not in ROLE_NOUNS
        and word not in ORG_NOUNS
        and word not in HONORIFICS
    )


def _hyphen_join(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen joining the name to a next part ("Ki-moon")."""
    if i + 1 >= len(doc):
        return False
    hyphen, after = doc[i], doc[i + 1]
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not doc[i - 1].whitespace_
        and after.is_alpha
    )


def _possessive(token: Token) -> bool:
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.dep_ == "poss" or (
        following is not None and following.lower_ in ("'s", "’s", "'", "’")
    )


def _role_of(name: tuple[Token, ...], tokens: list[Token], inside: set[int]) -> str | None:
    """Title words before the name ("Union chair", "Dr."), else its appositive ("a doctor")."""
    before = _role_phrase_before(name, tokens)
    if any(t.lower_ not in HONORIFICS for t in before):
        return _text(before)
    appositive = [c for c in name[-1].children if c.dep_ == "appos" and c.i in inside]
    if appositive:
        words = [t for t in appositive[0].subtree if t.i in inside]
        return _text(_trim(words))
    return _text(before)


def _role_phrase_before(name: tuple[Token, ...], tokens: list[Token]) -> list[Token]:
    return _trim([t for t in tokens if t.i < name[0].i])


def _trim(words: list[Token]) -> list[Token]:
    while words and (words[0].lower_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct and not words[-1].text.endswith("."):
        words = words[:-1]
    return words


def _title_words(name: tuple[Token, ...], inside: set[int]) -> tuple[str, ...]:
    """Honorifics and role nouns just before the name: they can tell the person's gender."""
    doc, start = name[0].doc, name[0].i
    before = doc[max(0, start - TITLE_REACH) : start]
    return tuple(
        t.lower_
        for t in before
        if t.i in inside
        and (
            t.lower_ in HONORIFICS
            or SPELLING.get(t.lower_, t.lower_) in ROLE_NOUNS
            or t.lower_.endswith(("man", "woman"))
        )
    )


def _text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    return first.doc.text[first.idx : last.idx + len(last.text)]
