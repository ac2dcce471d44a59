"""Stage 4: sources — who the cue attributes the content to, as written.

The subject of the cue ("Russia on Thursday denied"), the agent of a passive cue ("was told by
aides"), the object of "according to", or — for a cue that shares its subject ("claimed … and
said …", "…, saying …") — the subject of the verb it hangs from. Relative clauses that do not
contain the cue are cut from the span, so "Palamar, who leads the unit," gives "Palamar".
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from sayso.extract.s2_cues import Cue

SUBJECT_DEPS = ("nsubj", "csubj")
# A cue governed by another verb borrows that verb's subject ("claimed … and said").
SHARED_SUBJECT_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep")
# How far up the parse a cue without a subject looks for the verb it shares one with;
# five covers "X declared … despite … to take … and called on …" (a misattached conj).
MAX_HOPS = 5


def source_head(cue: Cue, is_cue: Callable[[Token], bool]) -> Token | None:
    """The head token of the source of ``cue``, or None when the text names none.

    A cue without a subject of its own shares the subject of the nearest cue verb above it
    ("Putin declared … and called on …"), else of the verb it is directly joined to.
    """
    if cue.is_according_to:
        return _according_to_source(cue.head)
    verb = cue.head
    subject = _subject(verb)
    if subject is not None or verb.dep_ not in SHARED_SUBJECT_DEPS:
        return subject
    ancestors = list(verb.ancestors)[:MAX_HOPS]
    for ancestor in ancestors:
        subject = _subject(ancestor)
        if subject is not None and subject.i < verb.i and is_cue(ancestor):
            return subject
    node = verb
    for _ in range(MAX_HOPS):
        if node.dep_ not in SHARED_SUBJECT_DEPS:
            break
        node = node.head
        subject = _subject(node)
        if subject is not None and subject.i < verb.i:
            return subject
    return None


def source_tokens(head: Token) -> list[Token]:
    """The source phrase headed by ``head``: its subtree without relative clauses."""
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl") or (child.dep_ == "prep" and child.i > head.i + 3):
            cut.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in cut]
    tokens = _contiguous_around(tokens, head)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    return tokens


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _according_to_source(according: Token) -> Token | None:
    for to in according.children:
        for obj in to.children:
            if obj.dep_ == "pobj":
                return obj
    to = according.doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def _contiguous_around(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive token indices that contains ``head``."""
    indices = {t.i for t in tokens}
    start = end = head.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    return [t for t in tokens if start <= t.i <= end]
