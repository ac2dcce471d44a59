"""Stage 3: content — what was said, as character spans.

For a verb cue: its clausal complement ("claimed [the plant had been blockaded]"), else an
infinitive complement ("called on his forces [not to invade the plant]"), else its object
("declared [victory over Mariupol]") unless the object is the person addressed ("told
[reporters]"). A cue inserted into the clause it attributes ("The plan, he said, will fail")
takes the rest of that clause, which may be discontinuous. "According to X" takes the clause it
modifies. Quotations are attached afterwards (see ``s5_quotes_attach``).
"""

from __future__ import annotations

from spacy.tokens import Token

from sayso.extract.s2_cues import Cue

CLAUSE_DEPS = ("ccomp",)
INFINITIVE_DEPS = ("xcomp",)
OBJECT_DEPS = ("dobj",)
# Inserted cues the parser hangs off the clause they attribute.
INSERTED_DEPS = ("parataxis", "advcl")
Interval = tuple[int, int]


def content_spans(cue: Cue) -> list[Interval]:
    """The content of ``cue`` as character intervals, or [] when it has none."""
    if cue.is_according_to:
        return _according_to_content(cue)
    verb = cue.head
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    if clauses:
        return [_tokens_interval(_without_leading_time(list(clauses[0].subtree)))]
    if cue.has("clause"):
        return _inserted(verb)
    infinitives = [c for c in verb.children if c.dep_ in INFINITIVE_DEPS]
    if infinitives:
        return [_subtree(infinitives[0])]
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if objects and predicates:  # "called him a liar"
        return [(_subtree(objects[0])[0], _subtree(predicates[0])[1])]
    if objects and not cue.has("addressee") and not cue.has("weak"):
        return [_subtree(objects[0])]
    if cue.entry.particle is not None:
        particle = cue.tokens[-1]
        objects = [c for c in particle.children if c.dep_ == "pobj"]
        if objects:
            return [_subtree(objects[0])]
    return _inserted(verb)


def _inserted(verb: Token) -> list[Interval]:
    if verb.dep_ in INSERTED_DEPS and _is_parenthetical(verb):
        return _host_clause(verb.head, exclude=verb)
    return []


def _according_to_content(cue: Cue) -> list[Interval]:
    prep = cue.head
    host = prep.head
    if host.i == prep.i or host.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN"):
        return []
    return _host_clause(host, exclude=prep)


def _host_clause(host: Token, exclude: Token) -> list[Interval]:
    """The clause headed by ``host`` minus the subtree of ``exclude`` (possibly two pieces)."""
    sent = host.sent
    tokens = [t for t in host.subtree if t.sent == sent]
    skip = {t.i for t in exclude.subtree}
    pieces: list[list[Token]] = [[]]
    for token in tokens:
        if token.i in skip:
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(token)
    return [_tokens_interval(p) for p in pieces if _has_words(p)]


def _is_parenthetical(verb: Token) -> bool:
    """An inserted cue has no complement of its own: "…, he said, …"."""
    return not any(c.dep_ in CLAUSE_DEPS + INFINITIVE_DEPS + OBJECT_DEPS for c in verb.children)


def _without_leading_time(tokens: list[Token]) -> list[Token]:
    """ "said Thursday the soldiers were inside": the parser hangs "Thursday" on the reported
    clause, but it says when the cue happened."""
    while tokens and tokens[0].ent_type_ in ("DATE", "TIME") and _is_time_adverb(tokens[0]):
        tokens = tokens[1:]
    return tokens


def _is_time_adverb(token: Token) -> bool:
    return any(t.dep_ == "npadvmod" for t in (token, *token.ancestors) if t.ent_type_)


def _subtree(token: Token) -> Interval:
    return _tokens_interval(list(token.subtree))


def _tokens_interval(tokens: list[Token]) -> Interval:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not tokens:
        return (0, 0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _has_words(tokens: list[Token]) -> bool:
    return any(t.is_alpha for t in tokens)
