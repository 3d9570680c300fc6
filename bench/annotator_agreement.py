"""How far two annotations of the same reports agree, scored as the extractor is scored: the second as
proposals against the first as the key (recall and precision on (metric_id, value), then scope level, qualifier
and target flag among the matched). It bounds what an extractor can reach against one annotator when another
annotator reads the same rules.

    .venv/bin/python bench/annotator_agreement.py bench/real/unseen4/figures.csv bench/real/unseen4/figures_second.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

from battlemap.extract.evaluation import ATTRIBUTES, real_keys, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path, help="the key: figures.csv of the first annotator")
    parser.add_argument("second", type=Path, help="figures.csv of the second annotator, same reports")
    args = parser.parse_args()
    first, second = real_keys(args.first), real_keys(args.second)
    matched = proposed = expected = 0
    agreeing = dict.fromkeys(ATTRIBUTES, 0)
    print(f"{'report':24} {'first':>6} {'second':>6} {'both':>6}")
    for report in sorted(set(first) | set(second)):
        scores = score(second.get(report, []), first.get(report, []))
        pair = scores["metric_value"]
        print(f"{report:24} {pair.expected:6} {pair.proposed:6} {pair.matched:6}")
        matched, proposed, expected = matched + pair.matched, proposed + pair.proposed, expected + pair.expected
        for attribute in ATTRIBUTES:
            agreeing[attribute] += scores[attribute].matched
    print(f"{'TOTAL':24} {expected:6} {proposed:6} {matched:6}")
    print(f"second against first on (metric_id, value): recall {matched / expected:.1%}, precision {matched / proposed:.1%}")
    for attribute in ATTRIBUTES:
        print(f"agreement among matched: {attribute} {agreeing[attribute] / matched:.1%}")


if __name__ == "__main__":
    main()
