"""Train the extractor's learned second opinion on metrics (battlemap.extract.learned) from annotated real reports.

Every number with a unit the extractor reads in the reports of the training sets is one example: its features (the
characters around it, battlemap.extract.learned.features) and its label, the metric the annotators gave a figure of
that value in that report (NONE where they gave none; where two metrics share the value, the rules' if it is one of
them, else the example is left out). A multinomial logistic regression (L2, scipy's L-BFGS) is fitted and
written as JSON, only the weights that matter kept.

    .venv/bin/python bench/learn_metric.py --out src/battlemap/extract/words/metric_model.json
    .venv/bin/python bench/learn_metric.py --folds /tmp/folds     # one model per left-out set, to score each set
                                                                   # with BATTLEMAP_METRIC_MODEL=/tmp/folds/<set>.json

The texts are gitignored (bench/real/README.md): a set whose texts are missing is skipped with a message.
Sets never read (the held-out ones) must not be listed in --sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
READ_SETS = ("real", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen11", "unseen12")
MIN_COUNT = 2  # a feature seen fewer times is dropped
KEEP = 0.1  # weights smaller than this are not written: a fifth of the file, half the time, the same answers


def collect(set_name: str, root: Path = ROOT / "bench" / "real") -> list[tuple[tuple, str, str]]:
    """(window, rules' metric, label) of every figure the extractor reads in one set's reports: the window is what
    battlemap.extract.learned.features reads."""
    from battlemap.extract import extract_text, learned, read_article
    from battlemap.extract.evaluation import real_cases, same_value
    from battlemap.extract.place import guess_place

    folder = root if set_name == "real" else root / set_name
    if not (folder / "reports.csv").is_file():
        print(f"{set_name}: skipped (no {folder / 'reports.csv'})", file=sys.stderr)
        return []
    cases, problems = real_cases(folder, folder / "texts")
    if problems and not cases:
        print(f"{set_name}: skipped ({problems[0]})", file=sys.stderr)
        return []
    examples = []
    for name, path, _place, _kind, key, address in cases:
        text = read_article(path).text
        with learned.recording() as recorded:
            extract_text(text, document=name, place=guess_place(text, address or None))
        for window, ruled, value in recorded:
            metrics = Counter(figure.metric_id for figure in key if same_value(figure.value, value))
            if not metrics:
                label = learned.NONE
            elif ruled in metrics or len(metrics) == 1:
                label = ruled if ruled in metrics else next(iter(metrics))
            else:
                continue  # two metrics share the value and the rules took neither: no label to learn from
            examples.append((window, ruled, label))
    return examples


def fit(examples, l2: float = 1.0):
    counts = Counter(name for names, _, _ in examples for name in set(names))
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}
    classes = sorted({label for _, _, label in examples})
    index = {c: i for i, c in enumerate(classes)}
    rows, cols = [], []
    for row, (names, _, _) in enumerate(examples):
        for name in set(names):
            if name in vocabulary:
                rows.append(row)
                cols.append(vocabulary[name])
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary)))
    y = np.array([index[label] for _, _, label in examples])
    n, d, k = x.shape[0], x.shape[1], len(classes)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1

    def loss(flat):
        w = flat[: d * k].reshape(d, k)
        b = flat[d * k :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.log(p[np.arange(n), y] + 1e-12).sum() + 0.5 * l2 * (w * w).sum()
        g = p - onehot
        return value, np.concatenate([(x.T @ g + l2 * w).ravel(), g.sum(axis=0)])

    result = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 400})
    w = result.x[: d * k].reshape(d, k)
    b = result.x[d * k :]
    names = sorted(vocabulary, key=vocabulary.get)
    weights = {}
    for name, row in zip(names, w, strict=True):
        kept = [[int(i), round(float(v), 4)] for i, v in enumerate(row) if abs(v) >= KEEP]
        if kept:
            weights[name] = kept
    return {"classes": classes, "bias": [round(float(v), 4) for v in b], "weights": weights}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(READ_SETS), help="the read sets to learn from (comma-separated)")
    parser.add_argument("--out", type=Path, help="write the model trained on every set here")
    parser.add_argument("--folds", type=Path, help="write one model per left-out set into this folder")
    parser.add_argument("--threshold", type=float, default=0.85, help="the probability above which the model overrides")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--root", type=Path, default=ROOT / "bench" / "real", help="the folder of the sets (real: its own)")
    args = parser.parse_args()
    from battlemap.extract.learned import features

    data = {name: [(features(*w), ruled, label) for w, ruled, label in collect(name, args.root)] for name in args.sets.split(",")}
    data = {name: examples for name, examples in data.items() if examples}
    if not data:
        sys.exit("no examples: no set's texts are here (bench/real/README.md says how to obtain them)")
    for name, examples in data.items():
        print(f"{name}: {len(examples)} examples", file=sys.stderr)
    if args.folds:
        args.folds.mkdir(parents=True, exist_ok=True)
        for left_out in data:
            model = fit([e for name, ex in data.items() if name != left_out for e in ex], args.l2)
            model["threshold"] = args.threshold
            (args.folds / f"{left_out}.json").write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
            _candidate_scores(left_out, model, data[left_out])
    if args.out:
        model = fit([e for ex in data.values() for e in ex], args.l2)
        model["threshold"] = args.threshold
        args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {args.out}: {len(model['weights'])} features, {len(model['classes'])} classes", file=sys.stderr)


def _candidate_scores(left_out, model, examples) -> None:
    """Per-number accuracy on the left-out set: the rules alone, the model alone, and the model wherever it is sure (an
    upper bound: the extractor consults it only where no rule of structure or cue decided; score the left-out set end
    to end with BATTLEMAP_METRIC_MODEL for what it does)."""
    from battlemap.extract.learned import MetricModel

    m = MetricModel(model)
    rules = alone = combined = 0
    for names, ruled, label in examples:
        guess, p = m.predict(names)
        rules += ruled == label
        alone += guess == label
        combined += (guess if p >= m.threshold else ruled) == label
    n = len(examples) or 1
    print(f"{left_out}: {len(examples)} numbers; right: rules {rules / n:.3f}, model {alone / n:.3f}, model where sure {combined / n:.3f}")


if __name__ == "__main__":
    main()
