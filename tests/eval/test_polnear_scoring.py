"""PolNeAR scorer on tiny hand-written splits, with hand-computed expected figures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from sayso.errors import EvalDataError
from sayso.eval import evaluate_polnear, format_report, load_split, score, spans_from_statements
from sayso.eval.pairs import pairs_from_statements
from sayso.model import Article, Span, Statement

ALICE = "Alice said that the sky is blue."
#        0    5    10   15   20   25   30


def write_split(folder: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    """A PolNeAR-style split: ``{name: (text, {annotator: ann file content})}``."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for name, (text, ann_files) in articles.items():
        (folder / "text" / f"{name}.txt").write_bytes(text.encode("utf-8"))
        for annotator, content in ann_files.items():
            path = folder / "attributions" / f"{name}_{annotator}.ann"
            path.write_bytes(content.encode("utf-8"))
    return folder


def brat(*spans: tuple[str, str]) -> str:
    """Brat text-bound lines from ``(type, offsets)`` pairs, plus an event line."""
    lines = [f"T{n}\t{kind} {offsets}\tsurface" for n, (kind, offsets) in enumerate(spans, 1)]
    return "\n".join([*lines, "E1\tAttribution:T1 Source:T1", ""])


def one_article(tmp_path: Path, text: str, *spans: tuple[str, str]) -> list:
    return load_split(write_split(tmp_path / "split", {"a": (text, {"ef2d": brat(*spans)})}))


def alice_gold(tmp_path: Path) -> list:
    return one_article(tmp_path, ALICE, ("Source", "0 5"), ("Cue", "6 10"), ("Content", "11 31"))


def figures(report: dict, role: str, rule: str) -> tuple[float, float, float]:
    found = report[role][rule]
    return found["p"], found["r"], found["f1"]


# Loading gold


def test_loads_spans_per_role_and_ignores_other_annotation_types(tmp_path: Path) -> None:
    content = brat(("Source", "0 5"), ("Cue", "6 10"), ("Attribution", "6 10"), ("Discuss", "0 3"))
    [article] = load_split(write_split(tmp_path, {"a": (ALICE, {"ef2d": content})}))
    assert article.name == "a"
    assert article.text == ALICE
    assert dict(article.spans) == {"source": ((0, 5),), "cue": ((6, 10),), "content": ()}


def test_discontinuous_span_counts_one_span_per_fragment(tmp_path: Path) -> None:
    [article] = one_article(tmp_path, ALICE, ("Content", "11 15;20 31"))
    assert article.spans["content"] == ((11, 15), (20, 31))


def test_gold_is_the_alphabetically_first_annotator(tmp_path: Path) -> None:
    annotations = {"b7", "a9", "c1"}
    files = {annotator: brat(("Source", "0 5")) for annotator in annotations}
    files["a9"] = brat(("Cue", "6 10"))
    [article] = load_split(write_split(tmp_path, {"x_y": (ALICE, files)}))
    assert article.annotation is not None and article.annotation.name == "x_y_a9.ann"
    assert article.spans["cue"] == ((6, 10),) and article.spans["source"] == ()


def test_underscored_names_are_not_confused(tmp_path: Path) -> None:
    split = write_split(
        tmp_path,
        {
            "x": (ALICE, {"a1": brat(("Cue", "6 10"))}),
            "x_y": (ALICE, {"a1": brat(("Source", "0 5"))}),
        },
    )
    x, x_y = load_split(split)
    assert (x.name, x.spans["cue"], x.spans["source"]) == ("x", ((6, 10),), ())
    assert (x_y.name, x_y.spans["source"]) == ("x_y", ((0, 5),))


def test_multiline_surface_text_is_skipped(tmp_path: Path) -> None:
    text = "Bob said:\n\nIt rains.\nIt pours.\n"
    content = "T1\tContent 11 30\tIt rains.\nIt pours.\nT2\tSource 0 3\tBob\n"
    [article] = load_split(write_split(tmp_path, {"a": (text, {"x": content})}))
    assert article.spans["content"] == ((11, 30),)
    assert article.spans["source"] == ((0, 3),)


def test_text_is_read_as_on_disk_without_newline_translation(tmp_path: Path) -> None:
    text = "Intro.\r\nBob said it rains."
    [article] = one_article(tmp_path, text, ("Source", "8 11"))
    assert article.text == text
    assert article.text[8:11] == "Bob"


def test_article_without_annotation_counts_with_no_gold(tmp_path: Path) -> None:
    split = write_split(tmp_path, {"a": (ALICE, {"x": brat(("Source", "0 5"))}), "b": (ALICE, {})})
    gold = load_split(split)
    assert [article.name for article in gold] == ["a", "b"]
    assert all(not spans for spans in gold[1].spans.values())
    report = score(gold, [{"source": [(0, 5)]}, {"source": [(0, 5)]}])
    assert report["articles"] == 2
    assert figures(report, "source", "exact") == (0.5, 1.0, 0.6667)


def test_limit_takes_the_first_articles_by_name(tmp_path: Path) -> None:
    split = write_split(tmp_path, {name: (ALICE, {}) for name in ("c", "a", "b")})
    assert [article.name for article in load_split(split, limit=2)] == ["a", "b"]


@pytest.mark.parametrize("missing", ["text", "attributions"])
def test_missing_folder_is_an_eval_data_error(tmp_path: Path, missing: str) -> None:
    split = write_split(tmp_path / "split", {"a": (ALICE, {})})
    (split / missing).rename(tmp_path / "elsewhere")
    with pytest.raises(EvalDataError, match=f"no {missing}/ folder"):
        load_split(split)


def test_empty_text_folder_is_an_eval_data_error(tmp_path: Path) -> None:
    split = write_split(tmp_path, {})
    with pytest.raises(EvalDataError, match="no .txt files"):
        load_split(split)


def test_span_outside_the_text_is_an_eval_data_error(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match=r"a_ef2d\.ann:1: span 0-99"):
        one_article(tmp_path, ALICE, ("Source", "0 99"))


def test_text_that_is_not_utf8_is_an_eval_data_error(tmp_path: Path) -> None:
    split = write_split(tmp_path, {"a": (ALICE, {})})
    (split / "text" / "a.txt").write_bytes(b"caf\xe9")
    with pytest.raises(EvalDataError, match="not valid UTF-8"):
        load_split(split)


# Scoring


def test_exact_and_overlap_per_role_and_micro_all(tmp_path: Path) -> None:
    gold = alice_gold(tmp_path)
    # Source and cue exact; content "the sky is blue" overlaps gold "that the sky is blue".
    report = score(gold, [{"source": [(0, 5)], "cue": [(6, 10)], "content": [(16, 31)]}])
    assert figures(report, "source", "exact") == (1.0, 1.0, 1.0)
    assert figures(report, "content", "exact") == (0.0, 0.0, 0.0)
    assert figures(report, "content", "overlap") == (1.0, 1.0, 1.0)
    assert figures(report, "all", "exact") == (0.6667, 0.6667, 0.6667)
    assert figures(report, "all", "overlap") == (1.0, 1.0, 1.0)


def test_precision_and_recall_differ(tmp_path: Path) -> None:
    gold = alice_gold(tmp_path)
    # Two source guesses, one right: p 1/2, r 1/1, f1 2/3. No cue: r 0. Content absent too.
    report = score(gold, [{"source": [(0, 5), (11, 15)]}])
    assert figures(report, "source", "exact") == (0.5, 1.0, 0.6667)
    assert figures(report, "cue", "exact") == (0.0, 0.0, 0.0)
    # all: 1 match of 2 predicted, 3 gold -> p 0.5, r 1/3, f1 0.4
    assert figures(report, "all", "exact") == (0.5, 0.3333, 0.4)


def test_roles_never_match_across(tmp_path: Path) -> None:
    gold = alice_gold(tmp_path)
    report = score(gold, [{"cue": [(0, 5)], "source": [(6, 10)]}])
    assert figures(report, "all", "overlap") == (0.0, 0.0, 0.0)


def test_strip_rule_removes_quotes_stops_and_whitespace(tmp_path: Path) -> None:
    text = 'Bob said: "It rains, a lot."  '
    #       0    5    10   15   20   25
    gold = one_article(tmp_path, text, ("Content", "10 28"), ("Cue", "4 9"))
    # Gold content '"It rains, a lot."' strips to 'It rains, a lot' (11, 26); gold cue
    # 'said:' strips to 'said' (4, 8). Predictions with other punctuation agree after stripping.
    report = score(gold, [{"content": [(11, 30)], "cue": [(3, 8)]}])
    assert figures(report, "all", "exact") == (1.0, 1.0, 1.0)


def test_spans_that_strip_to_nothing_are_dropped(tmp_path: Path) -> None:
    text = 'Bob said: "" ...'
    gold = one_article(tmp_path, text, ("Source", "0 3"), ("Content", "10 12"))
    report = score(gold, [{"source": [(0, 3)], "content": [(9, 16)], "cue": [(12, 13)]}])
    # Gold content '""' and both punctuation-only predictions vanish: only the source is left.
    assert figures(report, "all", "exact") == (1.0, 1.0, 1.0)
    assert figures(report, "content", "exact") == (0.0, 0.0, 0.0)


def test_overlap_is_one_to_one_and_greedy_by_largest_overlap(tmp_path: Path) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    gold = one_article(tmp_path, text, ("Content", "0 10"), ("Content", "12 20"))
    # P1 (5, 15) shares 5 with G1 and 3 with G2; P2 (0, 4) shares 4 with G1 only.
    # Greedy: P1-G1 (5) first, so P2 finds G1 taken and G2 out of reach -> 1 match.
    report = score(gold, [{"content": [(5, 15), (0, 4)]}])
    assert figures(report, "content", "overlap") == (0.5, 0.5, 0.5)


def test_one_prediction_covering_two_gold_spans_matches_one(tmp_path: Path) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    gold = one_article(tmp_path, text, ("Content", "0 5;10 20"))
    report = score(gold, [{"content": [(0, 26)]}])
    assert figures(report, "content", "overlap") == (1.0, 0.5, 0.6667)


def test_overlap_size_counts_non_space_characters(tmp_path: Path) -> None:
    text = "a b c d efghi"
    #       0 2 4 6 8   12
    gold = one_article(tmp_path, text, ("Content", "0 7"), ("Content", "8 13"))
    # P1 covers all: 7 characters but 4 non-space of G1, 5 of G2 -> pairs with G2 first;
    # then P2 'e' finds G2 taken. Counting raw characters would have paired P1-G1, P2-G2.
    report = score(gold, [{"content": [(0, 13), (8, 9)]}])
    assert figures(report, "content", "overlap") == (0.5, 0.5, 0.5)


def test_repeated_predictions_count_once(tmp_path: Path) -> None:
    gold = alice_gold(tmp_path)
    # PolNeAR annotates a source shared by two attributions once; so does the scorer.
    report = score(gold, [{"source": [(0, 5), (0, 5), (0, 6)]}])
    assert figures(report, "source", "exact") == (1.0, 1.0, 1.0)


def test_nothing_predicted_and_nothing_gold_scores_zero(tmp_path: Path) -> None:
    gold = load_split(write_split(tmp_path, {"a": (ALICE, {})}))
    report = score(gold, [{}])
    for role in ("source", "cue", "content", "all"):
        for rule in ("exact", "overlap"):
            assert figures(report, role, rule) == (0.0, 0.0, 0.0)


def test_score_needs_one_prediction_per_article(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="1 gold articles but 0 predictions"):
        score(alice_gold(tmp_path), [])


# From statements to spans, and the whole evaluation


def statement(source: tuple[Span, ...], cue: Span | None, content: tuple[Span, ...]) -> Statement:
    return Statement(
        id="s", article_id="a", speaker="Alice", speaker_kind="person", role=None,
        source=source, cue=cue, content=content, kind="indirect", polarity="asserts",
    )  # fmt: skip


def test_spans_from_statements_collects_every_span() -> None:
    article = Article(id="a", text=ALICE)
    said = statement((article.span(0, 5),), article.span(6, 10), (article.span(11, 31),))
    uncued = statement((article.span(0, 5),), None, (article.span(16, 19), article.span(27, 31)))
    assert spans_from_statements([said, uncued]) == {
        "source": [(0, 5), (0, 5)],
        "cue": [(6, 10)],
        "content": [(11, 31), (16, 19), (27, 31)],
    }


class AliceExtractor:
    """Finds Alice's statement wherever the text starts with it; records what it was given."""

    def __init__(self) -> None:
        self.seen: list[Article] = []

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Statement]]]:
        for article in articles:
            self.seen.append(article)
            found = article.text.startswith("Alice said")
            spans = (article.span(0, 5),), article.span(6, 10), (article.span(11, 31),)
            yield article, [statement(*spans)] if found else []


def test_evaluate_polnear_reports_the_documented_shape(tmp_path: Path) -> None:
    raw = " date 2016-09-12\r\n" + ALICE
    split = write_split(
        tmp_path,
        {
            "a": (ALICE, {"x": brat(("Source", "0 5"), ("Cue", "6 10"), ("Content", "11 31"))}),
            "b": (raw, {"x": brat(("Source", "18 23"))}),
        },
    )
    extractor = AliceExtractor()
    report = evaluate_polnear(split, extractor)
    assert list(report) == ["articles", "seconds", "source", "cue", "content", "all", "pairs"]
    assert report["articles"] == 2 and report["seconds"] >= 0
    assert [article.text for article in extractor.seen] == [ALICE, raw]  # no cleaning
    assert extractor.seen[1].path == str(split / "text" / "b.txt")
    assert figures(report, "source", "exact") == (1.0, 0.5, 0.6667)
    assert figures(report, "all", "exact") == (1.0, 0.75, 0.8571)
    assert "source" in format_report(report) and "2 articles" in format_report(report)


def test_evaluate_polnear_limit(tmp_path: Path) -> None:
    split = write_split(tmp_path, {name: (ALICE, {}) for name in ("a", "b", "c")})
    assert evaluate_polnear(split, AliceExtractor(), limit=1)["articles"] == 1


# The real dev split


@pytest.fixture(scope="module")
def polnear_dev(polnear_dev_dir: Path) -> list:
    return load_split(polnear_dev_dir)


def test_real_dev_split_loads_and_gold_scores_perfectly(polnear_dev: list) -> None:
    assert len(polnear_dev) == 84
    assert all(article.spans["content"] for article in polnear_dev)
    report = score(polnear_dev, [dict(article.spans) for article in polnear_dev])
    for role in ("source", "cue", "content", "all"):
        for rule in ("exact", "overlap"):
            assert figures(report, role, rule) == (1.0, 1.0, 1.0)


def test_real_dev_gold_offsets_match_their_surface_text(polnear_dev: list) -> None:
    article = polnear_dev[0]
    start, end = article.spans["source"][0]
    assert article.text[start:end].strip()


TWO_SAID = "Alice said the sky is blue. Bob said the sea is green."
#           0    5    10   15   20   25   30   35   40   45   50


def test_pairs_tell_a_content_given_to_the_wrong_cue(tmp_path: Path) -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 5\tAlice", "T2\tCue 6 10\tsaid", "T3\tContent 11 26\tthe sky is blue",
            "T4\tAttribution 6 10\tsaid", "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tSource 28 31\tBob", "T6\tCue 32 36\tsaid", "T7\tContent 37 53\tthe sea is green",
            "T8\tAttribution 32 36\tsaid", "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5", "",
        ]
    )  # fmt: skip
    [gold] = load_split(write_split(tmp_path / "split", {"a": (TWO_SAID, {"x": ann})}))
    assert gold.pairs == {
        "source-cue": [((0, 5), (6, 10)), ((28, 31), (32, 36))],
        "cue-content": [((6, 10), (11, 26)), ((32, 36), (37, 53))],
    }
    article = Article(id="a", text=TWO_SAID)
    right = [
        statement((article.span(0, 5),), article.span(6, 10), (article.span(11, 26),)),
        statement((article.span(28, 31),), article.span(32, 36), (article.span(37, 53),)),
    ]
    swapped = [
        statement((article.span(0, 5),), article.span(6, 10), (article.span(37, 53),)),
        statement((article.span(28, 31),), article.span(32, 36), (article.span(11, 26),)),
    ]
    spans = spans_from_statements(right)  # the same spans either way
    swapped_spans = spans_from_statements(swapped)
    assert {role: sorted(found) for role, found in spans.items()} == {
        role: sorted(found) for role, found in swapped_spans.items()
    }
    good = score([gold], [spans], [pairs_from_statements(TWO_SAID, right)])
    bad = score([gold], [spans], [pairs_from_statements(TWO_SAID, swapped)])
    assert good["content"] == bad["content"]  # the span scores cannot tell them apart
    assert good["pairs"]["cue-content"]["overlap"]["f1"] == 1.0
    assert bad["pairs"]["cue-content"]["overlap"]["f1"] == 0.0
    assert bad["pairs"]["source-cue"]["overlap"]["f1"] == 1.0
