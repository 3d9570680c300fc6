"""Score `battlemap extract` and measure its speed.

1. The five curated documents: their 72 observations (sources/curation/observations.csv) are the answer key.
2. The development set: tests/fixtures/articles/*.txt with *.key.csv answer keys.
3. With --held-out: tests/fixtures/articles/held_out/ (score it only at the end of a round of changes).
4. With --real DIR: the real-report development set (bench/real/reports.csv, figures.csv) whose texts
   were obtained into DIR (gitignored; see bench/real/README.md). The place is guessed from the text, as
   `battlemap extract FILE` does without --city (--given-place uses the annotated one). --verify checks
   each text's sha256 against reports.csv. --real-set bench/real/unseen --real bench/real/unseen/texts scores
   the real held-out set instead: reports annotated after the development round, never used to tune.
Recall and precision on (metric_id, value), and on (metric_id, value, X) for X in scope_level,
qualifier, is_target; per document and overall. Then throughput (MB/s on one core) and peak memory
for growing inputs, each in a fresh child process.

    .venv/bin/python bench/extract_eval.py [--held-out] [--real bench/real/texts] [--sizes 2,8,32]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

from battlemap.extract import extract_text, read_article
from battlemap.extract.evaluation import (
    ATTRIBUTES,
    Figure,
    Score,
    figure_from_row,
    read_key,
    real_cases,
    same_value,
    score,
)
from battlemap.extract.place import guess_place
from battlemap.extract.vocabulary import load_vocabulary
from battlemap.shared.paths import corpus_file
from battlemap.shared.places import place_by_code, resolve_place

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
REAL = ROOT / "bench" / "real"
GOALS = {"recall": 0.95, "precision": 0.95}
AGREEMENT_GOALS = {"scope_level": 0.90, "is_target": 0.95, "qualifier": 0.98}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def city_place(row: dict[str, str]):
    """The place of a cities.csv row: by admin_code (places seed) or by name (older schema)."""
    if row.get("admin_code"):
        return place_by_code(row["admin_code"])
    return resolve_place(row["name_zh_hans"])


def curated_cases() -> list[tuple[str, Path, object, str, list[Figure]]]:
    seeds = ROOT / "seeds"
    vocabulary = load_vocabulary(seeds)
    cities = {r["city_id"]: r for r in _csv(seeds / "cities.csv")}
    campaigns = {r["campaign_id"]: r for r in _csv(seeds / "campaigns.csv")}
    observations = _csv(corpus_file("observations", ROOT))
    cases = []
    for document in _csv(corpus_file("documents", ROOT)):
        key = [figure_from_row(r, vocabulary) for r in observations if r["document_id"] == document["document_id"]]
        if not key:
            continue
        place = city_place(cities[document["city_id"]])
        figures_are = campaigns[document["campaign_id"]]["figures_are"]
        cases.append((document["document_id"], ROOT / "sources" / "articles" / document["file_name"], place, figures_are, key))
    return cases


def fixture_cases(folder: Path) -> list[tuple[str, Path, object, str | None, list[Figure]]]:
    """Fixture articles with a KEY.key.csv beside them; the key's first line may name the place: # place: 乐陵市."""
    vocabulary = load_vocabulary(ROOT / "seeds")
    cases = []
    for article in sorted(folder.glob("*.txt")):
        key_path = article.with_suffix(".key.csv")
        if not key_path.exists():
            continue
        meta = json.loads((article.with_suffix(".meta.json")).read_text(encoding="utf-8"))
        place = resolve_place(meta["place"]) if meta.get("place") else None
        cases.append((article.stem, article, place, meta.get("figures_are"), read_key(key_path, vocabulary)))
    return cases


def run(cases, verbose: bool = False, guess: bool = False) -> dict[str, dict[str, Score]]:
    """Scores per document; with guess=True the place is guessed from the text (and scored as `place`)."""
    results = {}
    for name, path, place, figures_are, key, *address in cases:
        text = read_article(path).text
        # A real report's address is what a curator gives add-document (--url): a government site names its place.
        guessed = guess_place(text, address[0] if address else None) if guess else place
        proposals = extract_text(text, document=name, place=guessed, figures_are=figures_are)
        found = [Figure(p.metric_id, p.value, p.scope_level, p.qualifier, p.is_target) for p in proposals]
        results[name] = score(found, key)
        if guess:
            right = guessed is not None and place is not None and guessed.admin_code == place.admin_code
            results[name]["place"] = Score(int(right), 1, 1)
            if verbose and not right:
                print(f"  {name} place: {guessed.name_zh_hans if guessed else None} (key {place.name_zh_hans if place else None})")
        if verbose:
            show_differences(name, proposals, found, key)
    return results


def show_differences(name, proposals, found, key) -> None:
    """Proposals not in the key (+) and key figures not proposed (-), on (metric_id, value)."""
    remaining = list(key)
    for proposal, figure in zip(proposals, found, strict=True):
        twin = next((k for k in remaining if k.metric_id == figure.metric_id and same_value(k.value, figure.value)), None)
        if twin is None:
            print(f"  {name} + {proposal.metric_id} {proposal.value_as_written}{proposal.unit_as_written} {proposal.quote}")
            continue
        remaining.remove(twin)
        for attribute in ATTRIBUTES:
            if getattr(twin, attribute) != getattr(figure, attribute):
                print(
                    f"  {name} ~ {proposal.metric_id} {proposal.value_as_written}{proposal.unit_as_written} {attribute}: "
                    f"{getattr(figure, attribute)} (key {getattr(twin, attribute)}) {proposal.quote}"
                )
    for figure in remaining:
        print(f"  {name} - {figure.metric_id} {figure.value}")


def total(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    keys = next(iter(results.values())).keys()
    return {
        k: Score(
            sum(r[k].matched for r in results.values()),
            sum(r[k].proposed for r in results.values()),
            sum(r[k].expected for r in results.values()),
        )
        for k in keys
    }


def agreement(scores: dict[str, Score], attribute: str) -> float:
    """Among the figures matched on (metric_id, value), the share whose attribute agrees too."""
    matched = scores["metric_value"].matched
    return scores[attribute].matched / matched if matched else 1.0


def report(title: str, results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    print(f"\n## {title}")
    with_place = all("place" in r for r in results.values())
    header = f"{'document':<28} {'key':>4} {'prop':>5} {'recall':>7} {'precis.':>7}" + "".join(
        f" {a[:10]:>10}" for a in ATTRIBUTES
    )
    print(header + ("  place" if with_place else ""))
    rows = dict(results)
    overall = total(results)
    rows["OVERALL"] = overall
    for name, scores in rows.items():
        mv = scores["metric_value"]
        attributes = "".join(f" {agreement(scores, a):>10.1%}" for a in ATTRIBUTES)
        place = f"  {scores['place'].matched}/{scores['place'].expected}" if with_place else ""
        print(f"{name:<28} {mv.expected:>4} {mv.proposed:>5} {mv.recall:>7.1%} {mv.precision:>7.1%}{attributes}{place}")
    print("(attribute columns: agreement among the figures matched on (metric_id, value))")
    mv = overall["metric_value"]
    verdict = "meets" if mv.recall >= GOALS["recall"] and mv.precision >= GOALS["precision"] else "misses"
    print(f"goal recall >= {GOALS['recall']:.0%}, precision >= {GOALS['precision']:.0%} on (metric_id, value): {verdict}")
    met = [f"{a} {agreement(overall, a):.1%} (goal {g:.0%})" for a, g in AGREEMENT_GOALS.items()]
    print("agreement among matched: " + ", ".join(met))
    return overall


THROUGHPUT_CHILD = """
import resource, sys, time
from battlemap.extract import extract_text
from battlemap.shared.places import resolve_place
base = open({sample!r}, encoding='utf-8').read()
size_mb = float(sys.argv[1])
copies = max(1, int(size_mb * 1e6 / len(base.encode())))
text = (base + '\\n') * copies
place = resolve_place('乐陵市')
extract_text('测试八个项目', place=place)  # warm up the vocabulary, gazetteer and cn2an
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
proposals = extract_text(text, place=place)
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
mb = len(text.encode()) / 1e6
print(f"{{mb:.1f}} {{seconds:.3f}} {{before / 1024:.0f}} {{peak / 1024:.0f}} {{len(proposals)}}")
"""


def throughput(sizes: list[float]) -> None:
    print("\n## Throughput (one core, CPU time; fresh process per size)")
    sample = sorted((ROOT / "sources" / "articles").glob("*.txt"))
    joined = ROOT / "warehouse" / ".extract_bench_sample.txt"
    joined.parent.mkdir(exist_ok=True)
    joined.write_text("\n".join(p.read_text(encoding="utf-8") for p in sample), encoding="utf-8")
    print(f"{'MB':>7} {'seconds':>8} {'MB/s':>7} {'RSS before':>11} {'RSS peak':>9} {'proposals':>10}")
    for size in sizes:
        child = THROUGHPUT_CHILD.format(src=str(ROOT / "src"), sample=str(joined))
        out = (
            subprocess.run(
                ["taskset", "-c", "0", sys.executable, "-c", child, str(size)],
                capture_output=True,
                text=True,
                check=True,
                timeout=1800,
            )
            .stdout.strip()
            .splitlines()[-1]
            .split()
        )
        mb, seconds, before, peak, count = float(out[0]), float(out[1]), out[2], out[3], out[4]
        print(f"{mb:>7.1f} {seconds:>8.2f} {mb / seconds:>7.2f} {before + ' MB':>11} {peak + ' MB':>9} {count:>10}")
    joined.unlink()
    print("goal: >= 4 MB/s per core (issue 16); memory linear in the text")


def startup(repeat: int = 5) -> None:
    """CPU seconds of `battlemap extract` on a one-line file, warm (the gazetteer cache filled), best of `repeat`."""
    import resource
    import tempfile

    print("\n## Start-up (battlemap extract on a one-line file; CPU seconds, best of runs)")
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "one.txt"
        article.write_text("全市重点项目50个,总投资30亿元。\n", encoding="utf-8")
        command = [sys.executable, "-m", "battlemap.cli", "extract", str(article), "--city", "乐陵市"]
        subprocess.run(command, capture_output=True, check=True)  # fills the gazetteer cache
        best = float("inf")
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, capture_output=True, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    print(f"{best:.2f} s CPU (goal <= 0.5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", action="store_true", help="also score the held-out articles (only at the end)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every difference from the answer keys")
    parser.add_argument("--real", type=Path, metavar="DIR", help="score the real-report development set whose texts are in DIR")
    parser.add_argument(
        "--real-set", type=Path, default=REAL, metavar="DIR",
        help="the folder of reports.csv and figures.csv (default bench/real; bench/real/unseen: the real held-out set)",
    )
    parser.add_argument("--verify", action="store_true", help="with --real: only check the texts' sha256 against reports.csv")
    parser.add_argument("--given-place", action="store_true", help="with --real: give the extractor the annotated place")
    parser.add_argument("--only-real", action="store_true", help="with --real: skip the curated and development sets")
    parser.add_argument("--sizes", default="2,8,32", help="input sizes in MB for the throughput runs (empty: skip)")
    args = parser.parse_args()
    if args.real:
        cases, problems = real_cases(args.real_set, args.real)
        for problem in problems:
            print(f"not scored: {problem}")
        if args.verify:
            print(f"{len(cases)} of {len(cases) + len(problems)} texts match reports.csv")
            sys.exit(1 if problems else 0)
        report(f"Real reports ({args.real_set}, texts in {args.real})", run(cases, args.verbose, guess=not args.given_place))
        if args.only_real:
            return
    report("Curated documents (answer key: sources/curation/observations.csv)", run(curated_cases(), args.verbose))
    development = fixture_cases(FIXTURES)
    if development:
        report("Development articles (tests/fixtures/articles)", run(development, args.verbose))
    if args.held_out:
        held_out = fixture_cases(FIXTURES / "held_out")
        if held_out:
            report("Held-out articles (tests/fixtures/articles/held_out)", run(held_out, args.verbose))
    if args.sizes:
        startup()
        throughput([float(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main()
