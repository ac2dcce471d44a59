"""Run the learned tagger: text in, character spans per role out."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sayso.errors import ModelNotInstalled
from sayso.extract.learned.windows import (
    ROLES,
    Interval,
    Window,
    best_labels,
    best_window_of,
    decode,
    encode,
    windows,
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution-minilm"
# Windows per onnxruntime call: enough to keep both cores busy, small enough for little memory.
BATCH = 16
# onnxruntime threads: the machines sayso targets have two cores. SAYSO_THREADS overrides it
# when the session is created (batch ingest workers share the cores out: sayso.batch.work).
THREADS = 2
THREADS_ENVVAR = "SAYSO_THREADS"

Logits = Callable[[np.ndarray, np.ndarray], np.ndarray]


def session_threads() -> int:
    """The intra-op threads of an onnxruntime session: ``SAYSO_THREADS`` or ``THREADS``."""
    value = os.environ.get(THREADS_ENVVAR, "")
    return max(1, int(value)) if value.isdigit() else THREADS


class SpanTagger:
    """Marks source, cue and content spans in a text with a token classifier."""

    def __init__(self, tokenizer: object, logits: Logits) -> None:
        self.tokenizer = tokenizer
        self.logits = logits
        self.cls_id = tokenizer.token_to_id("[CLS]")  # type: ignore[attr-defined]
        self.sep_id = tokenizer.token_to_id("[SEP]")  # type: ignore[attr-defined]

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> SpanTagger:
        """The shipped int8 model (or another exported by ``make train``)."""
        model, vocab = folder / "model.onnx", folder / "tokenizer.json"
        if not model.exists() or not vocab.exists():
            raise ModelNotInstalled(
                f"no learned attribution model in {folder}; run `make train`, or use --model fast"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(vocab))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = session_threads()
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )

        def logits(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            found: np.ndarray = session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[
                0
            ]
            return found

        return cls(tokenizer, logits)

    def tag(self, text: str) -> dict[str, list[Interval]]:
        """Character spans per role ("source", "cue", "content") found in ``text``."""
        encoded = encode(self.tokenizer, text)
        if not encoded.ids:
            return {role: [] for role in ROLES}
        spans = windows(len(encoded.ids))
        scores = self._window_scores(encoded.ids, spans)
        chosen = np.stack([scores[w][p] for w, p in best_window_of(len(encoded.ids), spans)])
        return decode(encoded, best_labels(encoded, chosen))

    def _window_scores(self, ids: list[int], spans: list[Window]) -> list[np.ndarray]:
        scores: list[np.ndarray] = []
        for first in range(0, len(spans), BATCH):
            group = spans[first : first + BATCH]
            width = max(w.end - w.start for w in group) + 2
            batch_ids = np.zeros((len(group), width), dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.int64)
            for row, window in enumerate(group):
                piece = [self.cls_id] + ids[window.start : window.end] + [self.sep_id]
                batch_ids[row, : len(piece)] = piece
                mask[row, : len(piece)] = 1
            logits = self.logits(batch_ids, mask)
            for row, window in enumerate(group):
                scores.append(logits[row, 1 : 1 + window.end - window.start])
        return scores
