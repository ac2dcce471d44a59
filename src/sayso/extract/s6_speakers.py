"""Stage 6: speakers — from a source as written to a canonical speaker.

Within one article: a full name is canonical ("Sviatoslav Palamar"); a later surname ("Palamar"),
a pronoun ("he") or a role phrase ("the deputy commander", "the adviser") resolves to the person
introduced earlier; "who" resolves to the noun it relates to. Organisations and countries speak
too ("the Kremlin", "Russia"); groups ("sources", "officials") are unnamed speakers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sayso.extract.gender import PRONOUN_GENDER, Gender, name_gender
from sayso.extract.s6_lexicon import (
    DETERMINERS,
    HONORIFICS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPELLING,
    THING_PRONOUNS,
)
from sayso.extract.s6_phrase import (
    NOT_PERSON_ENTITIES,
    TITLE_REACH,
    NamedSpeaker,
    looks_like_name,
    named_speakers,
    phrase_head,
)
from sayso.model import SpeakerKind

# Nouns of organisations so general that "the company said" may mean the organisation last heard
# when no fuller name ending in that noun came before.
GENERIC_BODIES = frozenset({"company", "firm", "group", "organisation", "organization", "operator"})
# "He" or "she" looks this many people back (subjects and sources, latest first) for one whose
# name tells the pronoun's gender before settling for one whose name does not tell.
PRONOUN_REACH = 3
# Sentences before a pronoun's own in which the people named are its candidates (after the
# latest subject or source): "Selin spoke alongside Pavel Lindqvist, a nurse. She said …. He
# said …" reaches Lindqvist two sentences back.
MENTION_SENTENCES = 2


@dataclass(frozen=True)
class Resolution:
    """Who a source is: canonical name (None if unknown), kind and role as written."""

    speaker: str | None
    kind: SpeakerKind
    role: str | None = None
    members: tuple[str, ...] = ()  # the people of a stated group ("A and B"), in order


@dataclass
class Person:
    name: str
    role_words: set[str] = field(default_factory=set)
    role: str | None = None
    gender: Gender | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()


class SpeakerBook:
    """The people of one article, in order of mention, for resolving later references."""

    def __init__(self, doc: Doc) -> None:
        self._people: list[Person] = []
        self._recent: list[Person] = []  # people noted as subjects or sources, latest last
        self._last_other: Resolution | None = None
        self._organisations = [e for e in doc.ents if e.label_ == "ORG" and len(e) > 1]
        # names an appositive describes as a person's ("Ruben Castel, a carpenter"), by the
        # index of their last token: NER missed them or said ORG
        self._described_names: dict[int, str] = {}
        for token in doc:
            run = _described_name(token)
            if len(run) > 1:
                name = self._described_names[token.i] = _clean_name(run)
                self._meet(name, None, name_gender(name, _words_before(run[0])))
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                name = _clean_name(list(ent))
                self._meet(name, _role_before(ent[0]), name_gender(name, _words_before(ent[0])))

    def resolve(self, tokens: list[Token]) -> Resolution:
        """The speaker of a source phrase, updating who "he" and "it" point to next."""
        resolution = self._resolve(tokens)
        self.note(resolution)
        return resolution

    def note(self, resolution: Resolution) -> None:
        """Record a subject seen in the text, so that later pronouns can point to it."""
        if resolution.kind == "person" or resolution.members:
            for name in resolution.members or (resolution.speaker or "",):
                person = self._find(name)
                if person is not None:
                    if person in self._recent:
                        self._recent.remove(person)
                    self._recent.append(person)
        if resolution.kind in ("organisation", "country") and resolution.speaker:
            self._last_other = resolution

    def peek(self, tokens: list[Token]) -> Resolution:
        """Resolve without remembering (for subjects that are not sources)."""
        return self._resolve(tokens)

    def _resolve(self, tokens: list[Token]) -> Resolution:
        if not tokens:
            return Resolution(None, "unnamed")
        if len(tokens) == 1 and tokens[0].lower_ in RELATIVE_PRONOUNS:
            return self._resolve(_antecedent(tokens[0]))
        if len(tokens) == 1 and tokens[0].pos_ == "PRON":
            return self._pronoun(tokens[0])
        tokens = [t for t in tokens if not t.is_space]
        people = named_speakers(tokens, self._is_name_part)
        if len(people) == 1:
            return self._named_person(people[0], tokens)
        if people:  # "Mr. Clyburn and Mr. Butterfield": a stated group, each name resolved
            names = [self._named_person(one, tokens).speaker or one.text for one in people]
            return Resolution(" and ".join(names), "unnamed", members=tuple(names))
        head = phrase_head(tokens)
        body = _organisation_at_head(head, tokens)
        if body:  # "Norhaven Ferry Lines, which operates the Gullwing,"
            return Resolution(self._organisation(body), "organisation")
        name = _name_tokens(tokens)
        if name and head not in name and not _names_head(name, head, tokens):
            return self._institution(tokens, head)  # "the Ministry of Emergency Situations"
        role = _role_text(tokens, name)
        if name:
            return self._named(name, role, tokens)
        return self._described(tokens)

    def _institution(self, tokens: list[Token], head: Token) -> Resolution:
        """A phrase whose head is not the name in it: an institution or a described group."""
        if head.pos_ == "PROPN" or head.lower_ in ORG_NOUNS:
            return Resolution(self._organisation(tokens), "organisation")
        return self._described(tokens)

    def _organisation(self, tokens: list[Token]) -> str:
        """An organisation's name: the fuller name the article gave it before, where the phrase
        is its head noun or a shorter form ("the ministry", "Interior Ministry" → "Ostrenian
        Interior Ministry"), else the phrase itself."""
        phrase = _capitalise(_without_determiners(tokens))
        words = [w for w in phrase.lower().replace("’s", "").replace("'s", "").split()]
        if not words or words[-1] not in ORG_NOUNS and not phrase.istitle():
            return phrase
        before = [e for e in self._organisations if e.end <= tokens[0].i]
        for ent in reversed(before):
            full = _without_determiners(list(ent))
            named = full.lower().split()
            if named[-1] == words[-1] and set(words) <= set(named) and len(named) > len(words):
                return full
        return phrase

    def _is_name_part(self, token: Token) -> bool:
        """Whether ``token`` can be part of a person's name at the head of a source."""
        word = token.lower_
        if not token.text[:1].isupper() or not token.is_alpha and "." not in token.text:
            return False
        if _norm(word) in ROLE_NOUNS or word in ORG_NOUNS or word in HONORIFICS:
            return False
        if token.pos_ != "PROPN" and not (token.is_upper and len(token) > 1):
            return False
        if token.ent_type_ not in NOT_PERSON_ENTITIES or self._find(token.text) is not None:
            return True
        return _described_as_person(token)

    def _named_person(self, named: NamedSpeaker, tokens: list[Token]) -> Resolution:
        """A person named in a source: the one the article knows by that name, or a new one."""
        text = _clean_name(list(named.name))
        label = text.isupper()  # a transcript's speaker label: "MS. CLINTON", "PENCE"
        if label:
            text = text.title()
        gender = name_gender(text, named.title_words)
        known = self._find(text, gender)
        if known is not None:
            if named.role and not known.role:
                known.role, known.role_words = named.role, _role_words(named.role)
            return Resolution(known.name, "person", named.role or known.role)
        titled = label or bool(named.title_words)
        kind = "person" if titled else _named_kind(list(named.name), named.role, tokens)
        if kind == "person":
            self._meet(text, named.role, gender)
        return Resolution(text, kind, named.role)

    def _pronoun(self, token: Token) -> Resolution:
        pronoun = token.lower_
        if pronoun in PERSON_PRONOUNS:
            gender = PRONOUN_GENDER.get(pronoun)
            person = self._agreeing(gender, self._mentioned_before(token))
            if person is not None:
                person.gender = person.gender or gender  # "she" tells Hanne Dietz's gender
                return Resolution(person.name, "person", person.role)
        if pronoun in THING_PRONOUNS and self._last_other is not None:
            return self._last_other
        return Resolution(None, "unnamed")

    def _named(self, name: list[Token], role: str | None, tokens: list[Token]) -> Resolution:
        text = _clean_name(name)
        known = self._find(text)
        if known is not None:
            if role and not known.role:
                known.role, known.role_words = role, _role_words(role)
            return Resolution(known.name, "person", role or known.role)
        kind = _named_kind(name, role, tokens)
        if kind == "person":
            self._meet(text, role)
        if kind == "organisation":
            text = self._organisation(name)
        return Resolution(text, kind, role)

    def _described(self, tokens: list[Token]) -> Resolution:
        words = {_norm(t.lower_) for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        person = self._by_role(words)
        if person is not None:
            return Resolution(person.name, "person", person.role)
        for token in tokens:
            known = self._find(token.text) if token.text[:1].isupper() else None
            if known is not None and len(tokens) == 1:
                return Resolution(known.name, "person", known.role)
        phrase = _without_determiners(tokens)
        head = phrase_head(tokens)
        if head.lower_ in ORG_NOUNS:
            named = self._organisation(tokens)
            if head.lower_ in GENERIC_BODIES and named.lower() == phrase.lower():
                named = self._salient_body() or named
            return Resolution(named, "organisation")
        return Resolution(phrase or None, "unnamed")

    def _salient_body(self) -> str | None:
        """The organisation last heard speaking, when its name is a proper one ("Norhaven Ferry
        Lines", "Border Watch"), not one of a kind that "the company" could not mean ("the
        Interior Ministry")."""
        last = self._last_other
        if last is None or last.kind != "organisation" or not last.speaker:
            return None
        words = last.speaker.lower().split()
        return None if words[-1] in ORG_NOUNS or not last.speaker[:1].isupper() else last.speaker

    def _agreeing(self, gender: Gender | None, mentioned: list[Person]) -> Person | None:
        """The person "he" or "she" points to. Candidates in order: the latest subject or
        source, the people named in this and the previous sentence (nearest first), then the
        earlier subjects and sources (``PRONOUN_REACH`` of them); the first whose gender is the
        pronoun's, else the first whose gender is not the other."""
        recent = self._recent[::-1]
        if gender is None:
            return recent[0] if recent else None
        candidates = recent[:1] + mentioned + recent[1:PRONOUN_REACH]
        for person in candidates:
            if person.gender == gender:
                return person
        return next((p for p in candidates + recent if p.gender in (None, gender)), None)

    def _mentioned_before(self, token: Token) -> list[Person]:
        """People named in the pronoun's sentence before it and in the ``MENTION_SENTENCES``
        sentences before that, nearest first: by NER, or by a name an appositive describes
        ("Pavel Lindqvist, a night-shift nurse")."""
        start = token.sent.start
        for _ in range(MENTION_SENTENCES):
            if start > 0:
                start = token.doc[start - 1].sent.start
        named = {e.start: _clean_name(list(e)) for e in token.doc.ents if e.label_ == "PERSON"}
        named.update((i, name) for i, name in self._described_names.items() if i not in named)
        people: list[Person] = []
        for i in sorted((i for i in named if start <= i < token.i), reverse=True):
            person = self._find(named[i])
            if person is not None and person not in people:
                people.append(person)
        return people

    def _meet(self, name: str, role: str | None, gender: Gender | None = None) -> None:
        if not name.strip():
            return
        known = self._find(name, gender)
        if known is None:
            self._people.append(Person(name, _role_words(role), role, gender))
        elif role and not known.role:
            known.role, known.role_words = role, _role_words(role)

    def _find(self, name: str, gender: Gender | None = None) -> Person | None:
        """The person of the article ``name`` refers to; a surname shared by several goes to
        the one whose gender agrees, else the latest noted, else the first met."""
        words = name.lower().split()
        if not words:
            return None
        matches = [p for p in self._people if _refers_to(words, p.name.lower().split())]
        if gender is not None:
            matches = [p for p in matches if p.gender in (gender, None)]
        if len(matches) > 1:
            noted = [p for p in reversed(self._recent) if p in matches]
            return noted[0] if noted else matches[0]
        return matches[0] if matches else None

    def _by_role(self, words: set[str]) -> Person | None:
        if not any(w in ROLE_NOUNS for w in words):
            return None
        matches = [p for p in self._people if words <= p.role_words]
        return matches[-1] if matches else None


def _organisation_at_head(head: Token, tokens: list[Token]) -> list[Token]:
    """The proper name of an organisation at the head of a source phrase, without the clauses
    and appositives that describe it; [] when the head is not such a name."""
    if head.pos_ != "PROPN" or head.ent_type_ != "ORG" or _described_as_person(head):
        return []
    inside = {t.i for t in tokens}
    start = head.i
    while start - 1 in inside and head.doc[start - 1].text[:1].isupper():
        start -= 1
    return list(head.doc[start : head.i + 1])


def _described_name(token: Token) -> list[Token]:
    """The name ending at ``token`` where an appositive describes a person (its run of
    capitalised proper nouns), else []."""
    if token.pos_ != "PROPN" or not _described_as_person(token):
        return []
    start = token.i
    while start > 0 and _plain_name_part(token.doc[start - 1]):
        start -= 1
    return list(token.doc[start : token.i + 1])


def _plain_name_part(token: Token) -> bool:
    """A name word that is no acronym, body or place either ("Wells Fargo CEO")."""
    return (
        looks_like_name(token)
        and not token.is_upper
        and token.ent_type_ not in NOT_PERSON_ENTITIES
    )


def _described_as_person(token: Token) -> bool:
    """A proper noun NER took for a place or body, but which the parse shows is a person: a
    role in apposition ("Jean-Marc Ayrault, the foreign minister"), an honorific or a first
    name before it ("Mr. Jordan", "Chuck Jordan")."""
    for child in token.children:
        if child.dep_ == "appos" and _norm(child.lower_) in ROLE_NOUNS:
            return True
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lower_ not in ORG_NOUNS:
            # "Ruben Castel, a carpenter from Helle": a body would be "a company", "a firm"
            if any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in child.children):
                return True
        if child.dep_ == "compound" and child.i < token.i:
            if child.lower_ in HONORIFICS or child.ent_type_ == "PERSON":
                return True
    return False


def _refers_to(words: list[str], full: list[str]) -> bool:
    if words == full or (len(words) == 1 and words[0] == full[-1]):
        return True
    return len(words) > 1 and words[-1] == full[-1] and words[0] == full[0]


def _words_before(first: Token) -> list[str]:
    """The few words before a name, where an honorific or title tells its gender."""
    return [t.lower_ for t in first.doc[max(0, first.i - TITLE_REACH) : first.i]]


def _name_tokens(tokens: list[Token]) -> list[Token]:
    """The last run of proper-noun tokens, e.g. "Sviatoslav Palamar" in a longer source."""
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            or (runs[-1] and token.lower_ in HONORIFICS)
        ):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    runs = [r for r in runs if r]
    for ent_label in ("PERSON",):
        for run in reversed(runs):
            if any(t.ent_type_ == ent_label for t in run):
                return _person_part(run)
    return _person_part(runs[-1]) if runs else []


def _person_part(run: list[Token]) -> list[Token]:
    person = [t for t in run if t.ent_type_ == "PERSON"]
    if person and len(person) < len(run) and run[-1].ent_type_ == "PERSON":
        return person
    titled = [t for t in run if _norm(t.lower_) not in ROLE_NOUNS]
    return titled or run


def _role_text(tokens: list[Token], name: list[Token]) -> str | None:
    if not name:
        return None
    before = [t for t in tokens if t.i < name[0].i and t.lower_ not in DETERMINERS]
    while before and (before[-1].is_punct or before[-1].lower_ in HONORIFICS):
        before.pop()
    after = [t for t in tokens if t.i > name[-1].i]
    appositive = [t for t in after if t.dep_ == "appos" or t.head.dep_ == "appos"]
    role_tokens = before or [t for t in appositive if t.lower_ not in DETERMINERS]
    if not role_tokens or not any(_norm(t.lower_) in ROLE_NOUNS for t in role_tokens):
        return None
    start, end = role_tokens[0], role_tokens[-1]
    return start.doc.text[start.idx : end.idx + len(end.text)]


def _role_before(first: Token) -> str | None:
    """Title words right before a name: "Ukrainian President [Volodymyr Zelenskyy]"."""
    i = first.i
    while (
        i > 0
        and first.doc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ")
        and not first.doc[i - 1].is_punct
    ):
        i -= 1
    words = first.doc[i : first.i]
    if not any(_norm(t.lower_) in ROLE_NOUNS for t in words):
        return None
    return words.text


def _named_kind(name: list[Token], role: str | None, tokens: list[Token]) -> SpeakerKind:
    if any(t.ent_type_ == "PERSON" for t in name) or role:
        return "person"
    words = {t.lower_ for t in tokens}
    if words & ORG_NOUNS or any(t.ent_type_ in ("ORG", "NORP") for t in name):
        return "organisation"
    if any(t.ent_type_ == "GPE" for t in name):
        return "country"
    return "person" if len(name) > 1 else "organisation"


def _antecedent(relative: Token) -> list[Token]:
    verb = relative.head
    noun = verb.head if verb.dep_ in ("relcl", "acl") else None
    if noun is None:
        return []
    return [t for t in noun.subtree if t.i < verb.i and not t.is_punct][-6:]


def _names_head(name: list[Token], head: Token, tokens: list[Token]) -> bool:
    """Whether ``name`` names the phrase's head ("Her neighbour, Yusuf Dane") rather than
    something the head belongs to ("the head of the union at Halvard Chemicals", "Ukraine's
    foreign ministry")."""
    if head.lower_ in ORG_NOUNS:
        return False
    if _set_off_at_end(name, tokens) and _norm(head.lower_) in ROLE_NOUNS:
        return True  # "The adviser to the president, Oleksiy Danilov,"
    if head.pos_ == "PROPN" and not any(t.dep_ == "pobj" for t in name):
        return True
    root = phrase_head(name)
    return root.head == head and root.dep_ in ("appos", "compound", "nmod", "npadvmod")


def _set_off_at_end(name: list[Token], tokens: list[Token]) -> bool:
    first = name[0]
    return first.i > 0 and first.doc[first.i - 1].text == "," and name[-1].i == tokens[-1].i


def _without_determiners(tokens: list[Token]) -> str:
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return ""
    return tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _role_words(role: str | None) -> set[str]:
    return {_norm(w.lower()) for w in (role or "").split()}


def _norm(word: str) -> str:
    return SPELLING.get(word, word)


def _clean_name(tokens: list[Token]) -> str:
    """A name as written, without honorifics or possessive; hyphens kept ("Holtz-Eakin")."""
    text = ""
    for token in tokens:
        if token.lower_ in HONORIFICS or token.is_punct and token.text != "-":
            continue
        if token.text == "-" and not token.whitespace_:
            text = text.rstrip() + "-"
            continue
        text += token.text + " "
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in text.split()]
    return " ".join(w for w in words if w.strip("-"))


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
