"""The article's highlight stretches and the speaker time line."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sayso.model import Span, Statement
from sayso.web.highlight import stretches
from sayso.web.timeline import statement_day, timeline

TEXT = 'Palamar said "they are inside," and Russia denied it.'


def statement(
    number: int, source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]
) -> Statement:
    def span(pair: tuple[int, int]) -> Span:
        return Span(pair[0], pair[1], TEXT[pair[0] : pair[1]])

    return Statement(
        id=f"s{number}",
        article_id="a",
        speaker="x",
        speaker_kind="person",
        role=None,
        source=(span(source),),
        cue=span(cue),
        content=(span(content),),
        kind="direct",
        polarity="asserts",
    )


def test_stretches_give_the_text_back_and_name_the_statement_of_each_part() -> None:
    first = statement(0, (0, 7), (8, 12), (14, 29))
    second = statement(1, (36, 42), (43, 49), (50, 52))
    found = stretches(TEXT, [first, second])
    assert "".join(part.text for part in found) == TEXT
    shown = [(part.text, part.statement_id, part.role) for part in found if part.statement_id]
    assert shown == [
        ("Palamar", "s0", "source"),
        ("said", "s0", "cue"),
        ("they are inside", "s0", "content"),
        ("Russia", "s1", "source"),
        ("denied", "s1", "cue"),
        ("it", "s1", "content"),
    ]


def test_the_narrowest_span_shows_where_statements_nest() -> None:
    outer = statement(0, (0, 7), (8, 12), (13, 52))
    inner = statement(1, (36, 42), (43, 49), (50, 52))
    found = {part.text: part for part in stretches(TEXT, [outer, inner])}
    assert found["denied"].statement_id == "s1" and found["denied"].also == ("s0",)


@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=8))
def test_any_spans_cut_the_text_without_losing_a_character(pairs: list[tuple[int, int]]) -> None:
    statements = [
        statement(n, (min(p), max(p)), (min(p), max(p)), (min(p), max(p)))
        for n, p in enumerate(pairs)
    ]
    assert "".join(part.text for part in stretches(TEXT, statements)) == TEXT


def test_the_timeline_places_days_in_order_and_denials_on_their_row() -> None:
    chart = timeline(
        [
            (date(2022, 5, 5), "b", "a1", "denies", "no ground fighting"),
            (date(2022, 5, 3), "a", "a1", "asserts", "they broke in"),
            (None, "c", "a2", "asserts", "undated"),
        ]
    )
    assert [dot.statement_id for dot in chart.dots] == ["a", "b"]
    assert chart.dots[0].x < chart.dots[1].x
    assert chart.dots[1].y > chart.dots[0].y  # denials sit below
    assert chart.undated == 1
    assert [tick.label for tick in chart.ticks][0] == "2022-05-03"


def test_a_statement_is_drawn_at_its_own_date_else_its_articles() -> None:
    assert statement_day("2022-05-04", date(2022, 5, 5)) == date(2022, 5, 4)
    assert statement_day("2022-04", date(2022, 5, 5)) == date(2022, 4, 15)
    assert statement_day(None, date(2022, 5, 5)) == date(2022, 5, 5)
