"""Stage 6: speakers — from a source as written to a canonical speaker.

Within one article: a full name is canonical ("Sviatoslav Palamar"); a later surname ("Palamar"),
a pronoun ("he") or a role phrase ("the deputy commander", "the adviser") resolves to the person
introduced earlier; "who" resolves to the noun it relates to. Organisations and countries speak
too ("the Kremlin", "Russia"); groups ("sources", "officials") are unnamed speakers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sayso.model import SpeakerKind

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "we", "you", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
HONORIFICS = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "gov",
    "gov.",
    "gen",
    "gen.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "lt",
    "lt.",
}
ROLE_NOUNS = {
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "commander",
    "deputy",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "chief",
    "director",
    "official",
    "head",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "general",
    "colonel",
    "captain",
    "officer",
    "doctor",
    "professor",
    "lawyer",
    "attorney",
    "analyst",
    "economist",
    "expert",
    "manager",
    "ceo",
    "founder",
    "candidate",
    "nominee",
    "representative",
    "judge",
    "prosecutor",
    "aide",
    "engineer",
    "inspector",
    "coordinator",
    "strategist",
    "pollster",
    "historian",
    "researcher",
    "scientist",
    "journalist",
    "reporter",
    "editor",
    "correspondent",
    "chancellor",
    "king",
    "queen",
    "pope",
    "prince",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "speaker",
    "nurse",
    "surgeon",
    "firefighter",
    "resident",
    "owner",
    "operator",
    "worker",
    "sergeant",
    "major",
    "lieutenant",
    "marshal",
    "premier",
    "envoy",
    "negotiator",
    "activist",
    "organizer",
    "organiser",
}
ORG_NOUNS = {
    "ministry",
    "government",
    "company",
    "kremlin",
    "department",
    "agency",
    "office",
    "administration",
    "campaign",
    "committee",
    "party",
    "police",
    "army",
    "military",
    "council",
    "commission",
    "court",
    "parliament",
    "senate",
    "congress",
    "union",
    "group",
    "firm",
    "corporation",
    "bank",
    "authority",
    "authorities",
    "service",
    "organization",
    "organisation",
    "embassy",
    "university",
    "newspaper",
    "network",
    "team",
    "board",
    "regiment",
    "battalion",
    "brigade",
    "forces",
    "house",
    "pentagon",
    "cabinet",
    "staff",
    "foundation",
    "institute",
    "association",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "laboratory",
    "lab",
    "hospital",
    "school",
    "prosecutors",
    "ministries",
    "coalition",
    "alliance",
    "federation",
    "society",
    "club",
    "paper",
    "magazine",
    "channel",
    "station",
}
SPELLING = {"advisor": "adviser", "organisation": "organization"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Resolution:
    """Who a source is: canonical name (None if unknown), kind and role as written."""

    speaker: str | None
    kind: SpeakerKind
    role: str | None = None


@dataclass
class Person:
    name: str
    role_words: set[str] = field(default_factory=set)
    role: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()


class SpeakerBook:
    """The people of one article, in order of mention, for resolving later references."""

    def __init__(self, doc: Doc) -> None:
        self._people: list[Person] = []
        self._last_person: Person | None = None
        self._last_other: Resolution | None = None
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                self._meet(_clean_name(list(ent)), _role_before(ent[0]))

    def resolve(self, tokens: list[Token]) -> Resolution:
        """The speaker of a source phrase, updating who "he" and "it" point to next."""
        resolution = self._resolve(tokens)
        self.note(resolution)
        return resolution

    def note(self, resolution: Resolution) -> None:
        """Record a subject seen in the text, so that later pronouns can point to it."""
        if resolution.kind == "person" and resolution.speaker:
            self._last_person = self._find(resolution.speaker) or self._last_person
        elif resolution.kind in ("organisation", "country") and resolution.speaker:
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
            return self._pronoun(tokens[0].lower_)
        tokens = [t for t in tokens if not t.is_space]
        name = _name_tokens(tokens)
        head = _phrase_head(tokens)
        if name and head not in name and not _names_head(name, head, tokens):
            return self._institution(tokens, head)  # "the Ministry of Emergency Situations"
        role = _role_text(tokens, name)
        if name:
            return self._named(name, role, tokens)
        return self._described(tokens)

    def _institution(self, tokens: list[Token], head: Token) -> Resolution:
        """A phrase whose head is not the name in it: an institution or a described group."""
        if head.pos_ == "PROPN" or head.lower_ in ORG_NOUNS:
            return Resolution(_capitalise(_without_determiners(tokens)), "organisation")
        return self._described(tokens)

    def _pronoun(self, pronoun: str) -> Resolution:
        if pronoun in PERSON_PRONOUNS and self._last_person is not None:
            person = self._last_person
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
        if _phrase_head(tokens).lower_ in ORG_NOUNS:
            return Resolution(_capitalise(phrase), "organisation")
        return Resolution(phrase or None, "unnamed")

    def _meet(self, name: str, role: str | None) -> None:
        if name.strip() and self._find(name) is None:
            self._people.append(Person(name, _role_words(role), role))

    def _find(self, name: str) -> Person | None:
        words = name.lower().split()
        if not words:
            return None
        for person in self._people:
            full = person.name.lower().split()
            if words == full or (len(words) == 1 and words[0] == full[-1]):
                return person
            if len(words) > 1 and words[-1] == full[-1] and words[0] == full[0]:
                return person
        return None

    def _by_role(self, words: set[str]) -> Person | None:
        if not any(w in ROLE_NOUNS for w in words):
            return None
        matches = [p for p in self._people if words <= p.role_words]
        return matches[-1] if matches else None


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
    root = _phrase_head(name)
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


def _phrase_head(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _role_words(role: str | None) -> set[str]:
    return {_norm(w.lower()) for w in (role or "").split()}


def _norm(word: str) -> str:
    return SPELLING.get(word, word)


def _clean_name(tokens: list[Token]) -> str:
    words = [t.text for t in tokens if t.lower_ not in HONORIFICS and not t.is_punct]
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]
    return " ".join(words)


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
