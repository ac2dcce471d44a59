"""The learned tagger's plumbing: windows, labels, grouping of spans into statements."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sayso.errors import ModelNotInstalled
from sayso.extract import Extractor
from sayso.extract.learned.tagger import MODEL_DIR, SpanTagger
from sayso.extract.learned.windows import (
    LABEL_IDS,
    LABELS,
    Encoded,
    best_labels,
    best_window_of,
    decode,
    token_labels,
    windows,
)
from sayso.model import Article


def test_windows_cover_every_token_with_overlap() -> None:
    spans = windows(1000, stride=127, size=254)
    assert spans[0].start == 0 and spans[-1].end == 1000
    covered = {i for w in spans for i in range(w.start, w.end)}
    assert covered == set(range(1000))
    assert all(b.start < a.end for a, b in zip(spans, spans[1:], strict=False))


def test_a_short_text_is_one_window() -> None:
    assert [(w.start, w.end) for w in windows(10)] == [(0, 10)]


def test_each_token_is_read_where_it_has_most_context() -> None:
    spans = windows(600, stride=127, size=254)
    best = best_window_of(600, spans)
    for i, (w, position) in enumerate(best):
        window = spans[w]
        assert window.start + position == i
        room = min(i - window.start, window.end - 1 - i)
        assert all(
            room >= min(i - other.start, other.end - 1 - i)
            for other in spans
            if other.start <= i < other.end
        )


def scores_of(*rows: dict[str, float]) -> np.ndarray:
    table = np.full((len(rows), len(LABELS)), -9.0)
    for i, row in enumerate(rows):
        for label, value in row.items():
            table[i, LABEL_IDS[label]] = value
    return table


def test_the_best_valid_bio_sequence_is_chosen_not_each_label_alone() -> None:
    encoded = Encoded([0, 1, 2, 3], [(0, 3), (4, 7), (8, 11), (12, 15)], [0, 1, 2, 3])
    # Alone, token 2 would be O and split the content in two; an I-content there keeps the
    # content whole, and an I-content right after O (token 0) is not allowed.
    scores = scores_of(
        {"I-content": -0.1, "B-content": -0.5, "O": -3},
        {"I-content": -0.1, "O": -3},
        {"O": -0.6, "I-content": -0.8},
        {"I-content": -0.1, "O": -3},
    )
    labels = [LABELS[i] for i in best_labels(encoded, scores)]
    assert labels == ["B-content", "I-content", "I-content", "I-content"]


def test_labels_round_trip_through_decode() -> None:
    text = "The mayor said the bridge was safe."
    offsets = [(0, 3), (4, 9), (10, 14), (15, 18), (19, 25), (26, 29), (30, 34), (34, 35)]
    encoded = Encoded(list(range(len(offsets))), offsets)
    gold = {"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 34)]}
    labels = token_labels(encoded, gold)
    assert [LABELS[i] for i in labels[:3]] == ["B-source", "I-source", "B-cue"]
    assert decode(encoded, labels) == gold
    assert text[15:34] == "the bridge was safe"


def test_two_adjacent_spans_of_one_role_stay_apart() -> None:
    encoded = Encoded([1, 2, 3], [(0, 1), (2, 3), (4, 5)])
    b, i = LABELS.index("B-content"), LABELS.index("I-content")
    assert decode(encoded, [b, i, b]) == {"source": [], "cue": [], "content": [(0, 3), (4, 5)]}


def test_a_missing_model_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="make train"):
        SpanTagger.load(tmp_path)


def test_an_unknown_model_name_is_refused() -> None:
    with pytest.raises(ValueError, match="fast, accurate"):
        Extractor(model="huge")


class FixedTagger:
    """Stands in for the learned model: the spans it 'finds' are given."""

    def __init__(self, spans: dict[str, list[tuple[int, int]]]) -> None:
        self.spans = spans

    def tag(self, text: str) -> dict[str, list[tuple[int, int]]]:
        return self.spans


def test_tagged_spans_become_statements_with_resolved_speakers(extractor: Extractor) -> None:
    text = (
        "Deputy Commander Sviatoslav Palamar said the plant was surrounded.\n\n"
        '"We will not leave," he added.'
    )
    spans = {
        "source": [(0, 35), (89, 91)],
        "cue": [(36, 40), (92, 97)],
        "content": [(41, 65), (69, 86)],
    }
    accurate = Extractor(nlp=extractor.nlp, model="fast")
    accurate.tagger = FixedTagger(spans)  # type: ignore[assignment]
    found = accurate.extract(Article(id="a", text=text))
    assert [(s.speaker, s.cue.text if s.cue else None, s.kind) for s in found] == [
        ("Sviatoslav Palamar", "said", "indirect"),
        ("Sviatoslav Palamar", "added", "direct"),
    ]
    assert found[0].content[0].text == "the plant was surrounded"
    assert found[1].content[0].text == "We will not leave,"


@pytest.mark.skipif(not (MODEL_DIR / "model.onnx").exists(), reason="no shipped model")
def test_the_shipped_model_finds_a_plain_attribution() -> None:
    tagger = SpanTagger.load()
    text = "The mayor said on Monday that the bridge would reopen next week."
    spans = tagger.tag(text)
    assert any(text[s:e] == "said" for s, e in spans["cue"])
    assert any("bridge would reopen" in text[s:e] for s, e in spans["content"])


def test_a_clause_goes_to_the_cue_that_governs_it_and_a_source_loses_its_dateline(
    extractor: Extractor,
) -> None:
    text = (
        "VARDENMOOR – The head of the union said that the sensors recorded a leak during the "
        "fire, contradicting the company's insistence that nothing escaped."
    )

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    spans = {
        "source": [at("VARDENMOOR – The head of the union")],
        "cue": [at("said"), at("contradicting")],
        "content": [
            at("that the sensors recorded a leak during the fire"),
            at("the company's insistence that nothing escaped"),
        ],
    }
    accurate = Extractor(nlp=extractor.nlp, model="fast")
    accurate.tagger = FixedTagger(spans)  # type: ignore[assignment]
    found = {s.cue.text: s for s in accurate.extract(Article(id="a", text=text)) if s.cue}
    assert [c.text for c in found["said"].content] == [
        "that the sensors recorded a leak during the fire"
    ]
    assert found["said"].source[0].text == "The head of the union"
    assert [c.text for c in found["contradicting"].content] == [
        "the company's insistence that nothing escaped"
    ]


def test_a_quotation_continuing_an_according_to_source_keeps_its_speaker(
    extractor: Extractor,
) -> None:
    accurate = Extractor(nlp=extractor.nlp)  # the shipped tagger, which reads the name into
    text = (  # the content, so the frame is rebuilt with the name in its source
        "According to the harbour master, Jonas Brandt, the ship left at dawn.\n\n"
        "“The water was flat as a table. Nobody could have expected it.”"
    )
    statements = accurate.extract(Article(id="t", text=text))
    assert [s.speaker for s in statements] == ["Jonas Brandt", "Jonas Brandt"]
    assert [s.text for s in statements[0].source] == ["the harbour master, Jonas Brandt"]
