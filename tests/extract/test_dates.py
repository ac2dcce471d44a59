"""Statement dates: a time expression in a cue's frame, resolved against publication."""

from datetime import date

import pytest

from sayso.extract.dates import find_time_expression, statement_date

AZOVSTAL = date(2022, 5, 5)  # a Thursday
NEW_YEAR = date(2023, 1, 2)  # a Monday
LEAP = date(2024, 3, 1)  # a Friday, the day after Feb. 29
SAYSO_EXAMPLES = date(2026, 3, 11)  # a Wednesday

CASES = [
    # the azovstal golden article (shared/examples/azovstal/expected.json)
    (
        "Deputy Commander of Azov regiment Sviatoslav Palamar said Thursday in a Telegram post "
        "translated by a Ukrainian news outlet",
        AZOVSTAL,
        "2022-05-05",
    ),
    ("Defense Minister Sergey Shoigu on Wednesday reportedly claimed", AZOVSTAL, "2022-05-04"),
    ("Last month Russian President Vladimir Putin declared", AZOVSTAL, "2022-04"),
    ("Ukrainian presidential advisor Oleksiy Arestovych said Thursday.", AZOVSTAL, "2022-05-05"),
    ("Russia on Thursday denied that", AZOVSTAL, "2022-05-05"),
    ("Kremlin spokesman Dmitry Peskov told Russian reporters", AZOVSTAL, None),
    ("he said according to Interfax", AZOVSTAL, None),
    # weekdays: the most recent one on or before publication
    ("said Friday", AZOVSTAL, "2022-04-29"),
    ("said thursday", AZOVSTAL, "2022-05-05"),
    ("on Sunday morning", AZOVSTAL, "2022-05-01"),
    ("Tuesday night", AZOVSTAL, "2022-05-03"),
    ("last Tuesday", AZOVSTAL, "2022-05-03"),
    ("last Thursday", AZOVSTAL, "2022-04-28"),
    ("said Sunday", NEW_YEAR, "2023-01-01"),
    ("said Friday", NEW_YEAR, "2022-12-30"),
    ("said Thursday", LEAP, "2024-02-29"),
    ("said Tuesday", SAYSO_EXAMPLES, "2026-03-10"),
    ("the Sunday Times reported", AZOVSTAL, None),
    ("she will speak next Tuesday", AZOVSTAL, None),
    # days around publication
    ("today", AZOVSTAL, "2022-05-05"),
    ("said earlier today", AZOVSTAL, "2022-05-05"),
    ("told a rally tonight", AZOVSTAL, "2022-05-05"),
    ("This morning the ministry said", AZOVSTAL, "2022-05-05"),
    ("yesterday", AZOVSTAL, "2022-05-04"),
    ("said yesterday", NEW_YEAR, "2023-01-01"),
    ("Yesterday afternoon", date(2023, 1, 1), "2022-12-31"),
    ("the day before yesterday", AZOVSTAL, "2022-05-03"),
    ("said yesterday", LEAP, "2024-02-29"),
    ("said last night", AZOVSTAL, "2022-05-04"),
    ("two days ago", AZOVSTAL, "2022-05-03"),
    ("said 3 days ago", date(2023, 1, 1), "2022-12-29"),
    # weeks: a month only when the whole span lies in one month
    ("last week", AZOVSTAL, None),
    ("last week", date(2022, 5, 18), "2022-05"),
    ("earlier this week", AZOVSTAL, "2022-05"),
    ("earlier this week", date(2022, 6, 1), None),
    ("said this week", NEW_YEAR, "2023-01-02"),
    ("over the weekend", date(2022, 5, 9), "2022-05"),
    ("three weeks ago", AZOVSTAL, "2022-04"),
    ("a week ago", AZOVSTAL, None),
    # months and years
    ("last month", AZOVSTAL, "2022-04"),
    ("Last month", date(2023, 1, 15), "2022-12"),
    ("earlier this month", AZOVSTAL, "2022-05"),
    ("this month", NEW_YEAR, "2023-01"),
    ("two months ago", date(2023, 1, 15), "2022-11"),
    ("last year", AZOVSTAL, "2021"),
    ("last year", NEW_YEAR, "2022"),
    ("earlier this year", AZOVSTAL, "2022"),
    ("in 2019", AZOVSTAL, "2019"),
    # explicit dates
    ("May 3", AZOVSTAL, "2022-05-03"),
    ("on May 3, 2022", AZOVSTAL, "2022-05-03"),
    ("3 May 2022", AZOVSTAL, "2022-05-03"),
    ("on the 3rd of May", AZOVSTAL, "2022-05-03"),
    ("said on Sept. 11", AZOVSTAL, "2021-09-11"),
    ("said on Dec. 30", NEW_YEAR, "2022-12-30"),
    ("2022-05-03", AZOVSTAL, "2022-05-03"),
    ("said Tuesday, May 3", AZOVSTAL, "2022-05-03"),
    ("on Feb. 29", LEAP, "2024-02-29"),
    ("on Feb. 29", date(2023, 3, 1), "2020-02-29"),
    ("on February 29, 2023", AZOVSTAL, None),
    ("on April 31", AZOVSTAL, None),
    ("on the 3rd", AZOVSTAL, None),
    # month only: the most recent such month on or before the publication month
    ("in April", AZOVSTAL, "2022-04"),
    ("in May", AZOVSTAL, "2022-05"),
    ("in June", AZOVSTAL, "2021-06"),
    ("last May", AZOVSTAL, "2021-05"),
    ("in December", NEW_YEAR, "2022-12"),
    ("said in May 2021", AZOVSTAL, "2021-05"),
    ("in early March 2020", AZOVSTAL, "2020-03"),
    # words that look like dates but are not
    ("they may leave, the mayor said", AZOVSTAL, None),
    ("Mayor Ana Petrov said", AZOVSTAL, None),
    ("protesters marching on the ministry said", AZOVSTAL, None),
    ("April Jones, a resident, said", AZOVSTAL, None),
    ("the may 3 estimate", AZOVSTAL, None),
    # nothing to resolve against
    ("said Thursday", None, None),
    ("last month", None, None),
    ("May 3", None, None),
    ("on May 3, 2022", None, "2022-05-03"),
    ("in 2019", None, "2019"),
]


@pytest.mark.parametrize(("frame", "published", "expected"), CASES)
def test_statement_date(frame: str, published: date | None, expected: str | None) -> None:
    assert statement_date(frame, published) == expected


@pytest.mark.parametrize(
    ("frame", "expression"),
    [
        ("Palamar said Thursday in a Telegram post", "Thursday"),
        ("Last month Russian President Vladimir Putin declared", "Last month"),
        ("Shoigu on Sunday morning reportedly claimed", "Sunday morning"),
        ("said Tuesday, May 3, 2022, in a statement", "Tuesday, May 3, 2022"),
        ("the day before yesterday she said", "the day before yesterday"),
        ("said earlier this week", "earlier this week"),
    ],
)
def test_find_time_expression_gives_offsets(frame: str, expression: str) -> None:
    found = find_time_expression(frame)
    assert found is not None
    start_char, end_char = found
    assert frame[start_char:end_char] == expression


def test_find_time_expression_without_one() -> None:
    assert find_time_expression("Kremlin spokesman Dmitry Peskov told Russian reporters") is None


def test_earliest_expression_wins() -> None:
    assert statement_date("said Monday that last month", AZOVSTAL) == "2022-05-02"
