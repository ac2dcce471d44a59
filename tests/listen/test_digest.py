"""The spoken who-said-what: date order, speakers with roles, denials and contradictions."""

from __future__ import annotations

from pathlib import Path

from sayso.listen.digest import Said, digest_lines
from sayso.listen.targets import article_target
from sayso.model import Link, Span, Statement
from sayso.store import open_store
from sayso.store.linked import LinkView


def said(
    number: int,
    speaker: str,
    content: str,
    *,
    day: str,
    kind: str = "indirect",
    polarity: str = "asserts",
    role: str | None = None,
    cue: str = "said",
) -> Statement:
    return Statement(
        id=f"s{number}",
        article_id="a",
        speaker=speaker,
        speaker_kind="person",
        role=role,
        source=(Span(0, 1, "x"),),
        cue=Span(0, len(cue), cue),
        content=(Span(0, 1, content),),
        kind=kind,
        polarity=polarity,
        date=day,  # type: ignore[arg-type]
    )


PALAMAR = said(
    1,
    "Sviatoslav Palamar",
    "Russian troops broke into the plant",
    day="2022-05-05",
    kind="direct",
    role="deputy commander of the Azov regiment",
)
ARESTOVYCH = said(2, "Oleksiy Arestovych", "they had been driven out", day="2022-05-05")
RUSSIA = said(
    3,
    "Russia",
    "that its forces fought at the plant",
    day="2022-05-05",
    polarity="denies",
    cue="denied",
)
EARLIER = said(4, "Sviatoslav Palamar", "the plant was surrounded", day="2022-05-04")


def view(a: Statement, b: Statement, relation: str) -> LinkView:
    return LinkView(Link(a.id, b.id, relation, 0.9, "why"), a, b)  # type: ignore[arg-type]


def test_statements_in_date_order_with_speaker_role_denial_and_contradiction() -> None:
    lines = digest_lines(
        [Said(s) for s in (PALAMAR, ARESTOVYCH, RUSSIA, EARLIER)],
        [view(ARESTOVYCH, PALAMAR, "contradicts"), view(RUSSIA, PALAMAR, "denies")],
    )
    texts = [line[0] for line in lines]
    assert texts == [
        "On Wednesday, 4 May 2022, Sviatoslav Palamar said the plant was surrounded.",
        "On Thursday, 5 May 2022, Sviatoslav Palamar, deputy commander of the Azov regiment, "
        "said: \u201cRussian troops broke into the plant\u201d.",
        "Contradicting Sviatoslav Palamar, Oleksiy Arestovych said they had been driven out.",
        "Contradicting Sviatoslav Palamar, Russia denied that its forces fought at the plant.",
    ]
    sentence, quoted, statement_id = lines[1]
    ((start, end),) = quoted
    assert sentence[start:end] == "Russian troops broke into the plant" and statement_id == "s1"


def test_a_speakers_digest_says_who_contradicted_them() -> None:
    lines = digest_lines([Said(PALAMAR)], [view(ARESTOVYCH, PALAMAR, "contradicts")])
    assert [line[0] for line in lines][1:] == ["Oleksiy Arestovych contradicted this."]
    assert lines[1][2] == ARESTOVYCH.id


def test_unattributed_statements_are_left_out_and_undated_ones_come_last() -> None:
    nobody = said(5, "", "rumours", day="2022-05-01")
    undated = Said(said(6, "Kyiv", "all is calm", day=""), published=None)
    lines = digest_lines([Said(nobody), undated, Said(EARLIER)])
    assert [line[2] for line in lines] == ["s4", "s6"]


def test_the_canonical_article_digest_names_each_speaker_with_the_right_stance(
    azovstal_db: Path,
) -> None:
    with open_store(azovstal_db, read_only=True) as store:
        article = store.articles()[0]
        script = article_target(store, article.id, digest=True)
    text = script.text
    assert text.startswith("In April 2022, ")  # Putin's April orders come first
    assert "On Thursday, 5 May 2022, " in text
    by_speaker = {u.text.split(",")[0] for u in script.utterances}
    lines = {u.statement_id: u.text for u in script.utterances}
    assert len(lines) == len(script.utterances)
    palamar = [u.text for u in script.utterances if "Sviatoslav Palamar" in u.text]
    assert any(
        "Sviatoslav Palamar, Deputy Commander" in t or "deputy commander" in t.lower()
        for t in palamar
    )
    assert any("broke into the territory of Azovstal" in t and " said" in t for t in palamar)
    # the adviser against the commander, said at whichever of the two comes later
    assert any(
        u.text.startswith("Contradicting Sviatoslav Palamar, Oleksiy Arestovych")
        and " said" in u.text
        and "driven out" in u.text
        or u.text.startswith("Contradicting Oleksiy Arestovych, Palamar said")
        and "are at the plant" in u.text
        for u in script.utterances
    )
    assert any("Russia denied that its forces" in u.text for u in script.utterances)
    assert any(u.text.startswith("Contradicting ") for u in script.utterances)
    assert by_speaker


def test_contents_that_cannot_be_read_as_a_sentence_are_left_out() -> None:
    cut_short = said(7, "Oleksandr Hrytsenko", "what he", day="2026-03-10")
    headless = said(8, "Oleksandr Hrytsenko", "were photographs of the screens", day="2026-03-10")
    quoted = said(9, "Oleksandr Hrytsenko", "Never", day="2026-03-10", kind="direct")
    lines = digest_lines([Said(cut_short), Said(headless), Said(quoted)])
    assert [line[2] for line in lines] == ["s9"]
