"""A spoken who-said-what: statements in date order, each with its speaker (and role, the first
time), denials said as denials, and contradictions said as such.

    On Thursday, 5 May 2022, Sviatoslav Palamar, deputy commander of the Azov regiment, said:
    "It's three days now since Russian troops broke into the territory of Azovstal".
    Contradicting Sviatoslav Palamar, Oleksiy Arestovych said: "They were driven out".
    Russia denied that its forces have engaged in any ground conflict at the plant.

The words of each statement are its own (the content spans as written): a digest never puts
words in a speaker's mouth. Direct quotations are flagged so that they are read as quotations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sayso.listen.render import Script
from sayso.listen.script import text_script
from sayso.model import CONFLICTS, Link, Statement
from sayso.store.linked import LinkView

# Cues read as they are: verbs of saying that any reported clause or quotation can follow.
# Every other cue ("according to", "told reporters", "called on", "issued") is read as "said",
# so that the content follows it grammatically.
READ_AS_IS = frozenset(
    "said claimed declared stated insisted warned added argued announced confirmed noted "
    "explained suggested admitted acknowledged asserted maintained reported wrote alleged "
    "replied stressed conceded predicted promised recalled testified thought believed accused "
    "urged blamed criticised criticized condemned welcomed dismissed questioned asked "
    "demanded praised".split()
)
# Words a role phrase cut short by extraction can end with ("union leader at"): left out.
ROLE_TAIL = frozenset("at of in for on with from and the a an".split())
# Words that start a reported clause in lower case after "said" ("said the plant was safe").
LOWER_STARTS = frozenset(
    "the a an it its they their there that this these he she his her those some no all most "
    "many one".split()
)
# A digest leaves out statements it cannot read as a sentence: a content shorter than this many
# words ("what he"), or one that starts with a verb because extraction cut its subject off
# ("were photographs of the screens").
MIN_CONTENT_WORDS = 3
HEADLESS_STARTS = frozenset("was were is are am be been being had has have do does did".split())
# At most this many outside contradictions are said after a statement (speaker digests).
MAX_OUTSIDE_CONFLICTS = 2

# Marks and punctuation at the edges of a content span, left out when spans are joined.
SPAN_EDGES = " \"“”'‘’,;:."

Line = tuple[str, list[tuple[int, int]], str | None]


@dataclass(frozen=True)
class Said:
    """A statement to digest (its ``speaker`` the canonical name) and its article's date."""

    statement: Statement
    published: date | None = None

    @property
    def day(self) -> str | None:
        """The day it was said as written: YYYY-MM-DD, YYYY-MM, or None."""
        if self.statement.date:
            return self.statement.date
        return self.published.isoformat() if self.published else None


def digest_script(said: Sequence[Said], relations: Sequence[LinkView] = ()) -> Script:
    """The digest of ``said`` as a script; ``relations`` are the links among them (and, for a
    speaker's digest, to statements of others)."""
    return text_script(digest_lines(said, relations))


def digest_lines(said: Sequence[Said], relations: Sequence[LinkView] = ()) -> list[Line]:
    """The sentences of the digest: (sentence, quoted ranges in it, statement id)."""
    ordered = sorted(
        (item for item in said if item.statement.speaker and _readable(item.statement)),
        key=lambda item: item.day or "9999",
    )
    members = {item.statement.id for item in ordered}
    conflicts = [view for view in relations if view.link.relation in CONFLICTS]
    lines: list[Line] = []
    named: set[str] = set()  # speakers whose role has been said
    mentioned: set[str] = set()  # speakers named in full once already
    earlier: dict[str, Statement] = {}
    previous_day: str | None = None
    for item in ordered:
        statement = item.statement
        lead = _day_phrase(item.day) if item.day != previous_day else ""
        previous_day = item.day
        against = _earlier_conflict(statement, conflicts, earlier)
        if against is not None:
            lead += f"contradicting {against.speaker}, "
        role = _role(statement) if statement.speaker not in named else None
        who = _name(statement, again=statement.speaker in mentioned and role is None)
        lines.append(_line(statement, lead, who, role))
        mentioned.add(statement.speaker or "")
        if role:
            named.add(statement.speaker or "")
        earlier[statement.id] = statement
        lines += _outside_conflicts(statement, conflicts, members)
    return lines


def _readable(statement: Statement) -> bool:
    words = _content(statement).split()
    if statement.kind == "direct":
        return bool(words)
    return len(words) >= MIN_CONTENT_WORDS and words[0].lower() not in HEADLESS_STARTS


def _day_phrase(day: str | None) -> str:
    if not day:
        return ""
    if len(day) == 7:
        month = date.fromisoformat(day + "-01")
        return f"in {month:%B %Y}, "
    when = date.fromisoformat(day)
    return f"on {when:%A}, {when.day} {when:%B %Y}, "


def _earlier_conflict(
    statement: Statement, conflicts: Sequence[LinkView], earlier: dict[str, Statement]
) -> Statement | None:
    for view in conflicts:
        for this, other in ((view.a, view.b), (view.b, view.a)):
            if (
                this.id == statement.id
                and other.id in earlier
                and other.speaker != statement.speaker
            ):
                return earlier[other.id]
    return None


def _outside_conflicts(
    statement: Statement, conflicts: Sequence[LinkView], members: set[str]
) -> list[Line]:
    lines: list[Line] = []
    for view in conflicts:
        other = (
            view.b if view.a.id == statement.id else view.a if view.b.id == statement.id else None
        )
        if other is None or other.id in members or not other.speaker:
            continue
        verb = "denied this" if _denial_by(view.link, other) else "contradicted this"
        lines.append((_capitalised(f"{other.speaker} {verb}."), [], other.id))
        if len(lines) == MAX_OUTSIDE_CONFLICTS:
            break
    return lines


def _denial_by(link: Link, statement: Statement) -> bool:
    return link.relation == "denies" and statement.polarity == "denies"


def _name(statement: Statement, *, again: bool) -> str:
    """The speaker's name; a person named before by the surname alone ("Palamar")."""
    name = statement.speaker or ""
    if again and statement.speaker_kind == "person" and len(name.split()) > 1:
        return name.split()[-1]
    return name


def _role(statement: Statement) -> str | None:
    words = (statement.role or "").split()
    while words and words[-1].lower() in ROLE_TAIL:
        words.pop()
    role = " ".join(words)
    if not role or role.casefold() in (statement.speaker or "").casefold():
        return None
    return role


def _line(statement: Statement, lead: str, who: str, role: str | None) -> Line:
    if role:
        who = f"{who}, {role},"
    content = _content(statement)
    if statement.kind == "direct":
        head = f"{lead}{who} {_verb(statement)}: \u201c"
        sentence = _capitalised(f"{head}{content}\u201d{_stop(content)}")
        return sentence, [(len(head), len(head) + len(content))], statement.id
    sentence = _capitalised(f"{lead}{who} {_verb(statement)} {_reported(content)}")
    sentence += _stop(content)
    return sentence, [], statement.id


def _content(statement: Statement) -> str:
    """The content's spans as one text: a piece that starts a new sentence follows a full
    stop ("…, they said. Heavy fighting…"), any other a comma."""
    pieces = [span.text.strip().strip(SPAN_EDGES) for span in statement.content]
    joined = ""
    for piece in filter(None, pieces):
        if joined:
            joined += ". " if piece[0].isupper() else ", "
        joined += piece
    return " ".join(joined.split())


def _reported(content: str) -> str:
    first, _, rest = content.partition(" ")
    return f"{first.lower()} {rest}".strip() if first.lower() in LOWER_STARTS else content


def _verb(statement: Statement) -> str:
    if statement.polarity == "denies":
        return "denied"
    cue = (statement.cue.text if statement.cue else "").strip().lower()
    return cue if cue in READ_AS_IS else "said"


def _stop(content: str) -> str:
    """The full stop after a content, unless it ends with its own question or exclamation."""
    return "" if content.endswith(("?", "!")) else "."


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
