"""Adding a document without redoing every document: what `battlemap build` reuses from the warehouse it replaces.

Two paths (build_path decides, and says why):
  - "append": the code is the one that built the served warehouse, the documents and observations tables only grew by
    appended rows, and the seeds the per-document models read (FIXED_SEEDS) are byte for byte as they were. The build
    copies the warehouse and writes the new documents into its marker table (APPEND_TABLE); dbt's incremental models
    (macros/append_only.sql) then compute and add the new documents' rows only (stg_articles__files,
    int_documents_normalised, int_document_garbled_spans, dim_document, fct_garbled_span) and the figures whose input
    row is new or changed (int_observations_parsed, int_observations_located, fct_observation); every other model is
    rebuilt and every test runs on whole tables. The input pass checks the new rows' own values only (the old ones passed with the same
    code) and every check across rows. Why it equals a full build: an old document's row and article (held to its
    checksum) are the ones its rows were computed from, by the same code; an old figure's located row is kept only
    when its whole input row is the same (tests/python/test_build_append.py compares every table with a full build).
  - "reuse" (below): only the corpus changed (a document removed or edited, a qualifier seed changed): a new file.

The expensive per-document work of a build is in two Python models: `int_documents_normalised` (pinyin stripped,
simplified script, offset map: ~5 s at 5,000 documents) and `int_document_garbled_spans` (~3 s). Each document's
result there depends only on the document's article bytes, its documents row (id, file name, checksum) and the code.

When `battlemap build` finds that nothing but the corpus changed since it built the current warehouse (same
project code, macros, tests, seed columns, battlemap package and installed packages: battlemap.build's
`code_fingerprint`, and the file is the one it swapped in), it tells dbt the current warehouse's path in REUSE_ENV.
The build still writes a new file from nothing, and every seed, model and test still runs; the two Python models
only attach the current warehouse read-only and take each unchanged document's result from it instead of
computing it again:
  - a normalised text is reused when the document's id, file name, expected and actual checksums are all the
    same as in the previous build (the actual checksum is of the article's bytes, the only input of the text);
  - a document's garbled spans are reused when its normalised text is exactly the one the previous build's
    `dim_document` holds (the spans are found in that text alone).
Anything else (a changed article, a new document) is computed as in a full build, so the result is the full
build's (tests/python/test_build_incremental.py and bench/add_one.py compare every table). Without REUSE_ENV (a
plain `dbt build`, `battlemap build --full`) the models compute everything.

Why attach rather than build into a copy of the warehouse: replacing a table in an existing file makes DuckDB free
the old one's blocks, seconds for the large text tables at 1000x the corpus (stg_articles__files, dim_document), so
a build into a copy was no faster than a build from nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from battlemap.shared.paths import BUILD_INPUTS, articles_dir, curation_dir, dbt_vars, seeds_dir

REUSE_ENV = "BATTLEMAP_REUSE_WAREHOUSE"
# The append path's marker, written into the copied warehouse before dbt runs and dropped before the swap: the new
# documents' ids and file names (macros/append_only.sql).
APPEND_TABLE = "battlemap_append"
PREVIOUS = "battlemap_previous"  # the catalog name the current warehouse is attached under while a model reads it


def quoted(database: str, schema: str, name: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in (database, schema, name))


def has_table(session, database: str, schema: str, name: str) -> bool:
    """Whether a table of that name is in the attached database `database`."""
    found = session.sql(
        "select count(*) from information_schema.tables where table_catalog = ? and table_schema = ? and table_name = ?",
        params=[database, schema, name],
    ).fetchall()
    return bool(found and found[0][0])


@contextmanager
def previous_warehouse(session) -> Iterator[str | None]:
    """The warehouse this build replaces, attached read-only to the model's connection as PREVIOUS for the duration;
    None when reuse is off (no REUSE_ENV: a plain dbt build, a full battlemap build) or the file is not there."""
    path = os.environ.get(REUSE_ENV, "")
    if not path or not Path(path).is_file():
        yield None
        return
    literal = path.replace("'", "''")
    session.execute(f"ATTACH '{literal}' AS {PREVIOUS} (READ_ONLY)").fetchall()
    try:
        yield PREVIOUS
    finally:
        session.execute(f"DETACH {PREVIOUS}").fetchall()


# What a build records about its own run (when, how long, each node's time): differs between any two builds.
RUN_RECORDS = ("build_info", "build_results")


def table_differences(first, second) -> list[str]:
    """Tables whose rows differ between two warehouse files (as multisets: EXCEPT ALL both ways), or that only one
    has; [] when every table is the same. The run records (RUN_RECORDS) are left aside. For the benchmark and tests
    that hold a build reusing documents to the full build's result."""
    import duckdb

    connection = duckdb.connect()
    try:
        for alias, path in (("a", first), ("b", second)):
            quoted_path = str(path).replace("'", "''")
            connection.execute(f"ATTACH '{quoted_path}' AS {alias} (READ_ONLY)")
        listed = {
            alias: set(
                connection.sql(
                    "select table_schema, table_name from information_schema.tables where table_catalog = ?", params=[alias]
                ).fetchall()
            )
            for alias in ("a", "b")
        }
        found = [f"{schema}.{name}: only in {first}" for schema, name in sorted(listed["a"] - listed["b"])]
        found += [f"{schema}.{name}: only in {second}" for schema, name in sorted(listed["b"] - listed["a"])]
        for schema, name in sorted(listed["a"] & listed["b"]):
            if name in RUN_RECORDS:
                continue
            table = quoted("{}", schema, name)
            only = [
                connection.sql(f"select count(*) from (from {table.format(x)} except all from {table.format(y)})").fetchall()[0][0]
                for x, y in (("a", "b"), ("b", "a"))
            ]
            if any(only):
                found.append(f"{schema}.{name}: {only[0]} row(s) only in {first}, {only[1]} only in {second}")
        return found
    finally:
        connection.close()


LAST_BUILD_FILE = "last_build.json"


def code_fingerprint(project: Path) -> str:
    """A digest of everything a build depends on except the corpus: the project's build inputs (models, macros, tests,
    dbt_project.yml, profiles.yml, the seeds' yml and their CSV headers), the battlemap package's source, Python's
    version and every installed distribution's version. Left out: the rows of the curated tables (seeds' data lines,
    sources/curation/*.csv) and the articles, which a build may add to while reusing per-document results
    (battlemap.build.incremental)."""
    digest = hashlib.sha256()

    def add(label: str, content: bytes) -> None:
        digest.update(f"{label}\0{len(content)}\0".encode())
        digest.update(content)

    corpus_folders = {articles_dir(project).resolve(), curation_dir(project).resolve()}
    seeds = seeds_dir(project).resolve()
    files: list[Path] = []
    for part in BUILD_INPUTS:
        path = project / part
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
    for path in files:
        resolved = path.resolve()
        if any(folder in resolved.parents for folder in corpus_folders):
            continue
        content = path.read_bytes()
        if resolved.parent == seeds and path.suffix == ".csv":
            content = content.split(b"\n", 1)[0]  # a seed's columns, not its rows
        add(path.relative_to(project).as_posix(), content)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        add(f"battlemap/{path.relative_to(package).as_posix()}", path.read_bytes())
    add("python", sys.version.encode())
    add("distributions", "\n".join(installed_distributions()).encode())
    add("dbt_vars", json.dumps(dbt_vars(project), sort_keys=True).encode())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """Every installed distribution, as its metadata folder's name in each folder of sys.path (`<name>-<version>.dist-info`,
    `.egg-info`): names and versions, as importlib.metadata would give them, from one listing of each folder instead of
    reading every distribution's METADATA file (~0.3 s a build for ~190 distributions)."""
    found: list[str] = []
    for entry in dict.fromkeys(sys.path):
        try:
            with os.scandir(entry or ".") as listing:
                found += [f"{entry}/{item.name}" for item in listing if item.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(found)


def known_texts(warehouse: Path) -> dict[tuple[str, str], str]:
    """(file name, sha256 of the article's bytes) -> normalised text, of every document of a warehouse that
    `battlemap build` built with the current code (reusable_warehouse): for the input pass, which then normalises
    only new or changed articles. The text is the one dbt's tests checked the quotes against (dim_document), of the
    same bytes (the build that wrote it refused any article whose bytes did not match its sha256). {} when the file
    cannot be read (a writer holds it, an older layout)."""
    import duckdb

    connection = duckdb.connect()
    try:
        literal = str(warehouse).replace("'", "''")
        connection.execute(f"ATTACH '{literal}' AS previous (READ_ONLY)")
        rows = connection.execute("select file_name, sha256, normalised_text from previous.main.dim_document").fetchall()
    except duckdb.Error:
        return {}
    finally:
        connection.close()
    return {(name, sha256): text for name, sha256, text in rows if name and sha256 and text is not None}


def _identity(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns]


def record_build(work_dir: Path, target: Path, fingerprint: str, corpus: dict[str, list] | None = None) -> None:
    """After a swap: which code built the file now at `target` and, when the corpus did not change while it built, the
    state of the corpus files it read (corpus_state; best effort: without a record the next build is a full one)."""
    record = {"fingerprint": fingerprint, "warehouse": _identity(target), "corpus": corpus}
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        partial = work_dir / f".{LAST_BUILD_FILE}.{os.getpid()}"
        partial.write_text(json.dumps(record), encoding="utf-8")
        os.replace(partial, work_dir / LAST_BUILD_FILE)
    except OSError:
        pass


def _last_build(work_dir: Path) -> dict:
    try:
        record = json.loads((work_dir / LAST_BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def reusable_warehouse(work_dir: Path, target: Path, fingerprint: str) -> bool:
    """Whether the file at `target` is the one the last `battlemap build` swapped in (same device, inode, size and
    modification time), built by the same code as now: only then may a build reuse documents' results from it."""
    record = _last_build(work_dir)
    identity = _identity(target)
    return identity is not None and record.get("warehouse") == identity and record.get("fingerprint") == fingerprint


# The seeds the append path's incremental models read besides the corpus (macros/append_only.sql): the qualifier words
# and marks int_observations_located reads each figure's qualifier by, the labels dim_document gives each document.
# They must be byte for byte as they were; any other seed may change (every model that reads one is rebuilt whole,
# and int_observations_located locates again every figure whose row of int_observations_converted changed).
FIXED_SEEDS = ("qualifier_terms", "qualifiers", "qualifier_phrase_marks", "vocabulary_labels")
# The corpus tables that may only grow by appended rows: an old document's row, and so its article (the input pass
# holds each article to its row's sha256), and an old figure's row are then what the warehouse was built from.
APPENDED_TABLES = ("documents", "observations")


def corpus_state(project: Path) -> dict[str, list]:
    """Size and sha256 of the files the append path's proof rests on (APPENDED_TABLES, FIXED_SEEDS), by name."""
    from battlemap.shared.paths import corpus_file

    state: dict[str, list] = {}
    for name in (*APPENDED_TABLES, *FIXED_SEEDS):
        path = corpus_file(name, project)
        try:
            data = path.read_bytes()
        except OSError:
            continue
        state[name] = [len(data), hashlib.sha256(data).hexdigest()]
    return state


@dataclass(frozen=True)
class BuildPath:
    """How `battlemap build` builds: "append" (a copy of the warehouse, the new documents' rows added by the
    incremental models), "reuse" (a new file, unchanged documents' texts taken from the warehouse) or "full"; why; and
    the new documents (document_id, file_name) on the append path."""

    kind: str
    why: str
    new_documents: tuple[tuple[str, str], ...] = ()
    # On the append path: how many leading rows of each of APPENDED_TABLES the last build read and checked.
    checked_rows: dict[str, int] = field(default_factory=dict)


def _grew_by_appending(path: Path, size: int, sha256: str) -> tuple[bytes, int] | None:
    """The bytes appended to `path` since it was `size` bytes with that sha256, and the number of rows (after the
    header) those first bytes held; None when the first `size` bytes are not those (a row edited or removed), they did
    not end a line, or their lines do not all end in \\n (the rows are counted by line ends: a passed file holds no
    line break inside a field)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    before = data[:size]
    if len(data) < size or hashlib.sha256(before).hexdigest() != sha256:
        return None
    if size and not before.endswith(b"\n") and data[size : size + 1] not in (b"\n", b""):
        return None  # the old last line, without its line end, would go on in the appended bytes
    if before.count(b"\r") != before.count(b"\r\n"):
        return None
    lines = before.count(b"\n") + (1 if before and not before.endswith(b"\n") else 0)
    return data[size:], max(lines - 1, 0)


def build_path(project: Path, work_dir: Path, target: Path, fingerprint: str, full: bool = False) -> BuildPath:
    """Which path a build of `target` can take, and why: "append" only when it is proved that the code is the one that
    built the warehouse now at `target` (the file the last battlemap build swapped in), the documents and observations
    tables only grew by appended rows and FIXED_SEEDS are unchanged; "reuse" when only the first holds; else "full"."""
    import csv
    import io

    from battlemap.shared.paths import corpus_file

    if full:
        return BuildPath("full", "--full was given")
    if not target.is_file():
        return BuildPath("full", f"there is no warehouse at {target} yet")
    if not reusable_warehouse(work_dir, target, fingerprint):
        record = _last_build(work_dir)
        if not record:
            return BuildPath("full", "no record of a battlemap build of this warehouse")
        if record.get("fingerprint") != fingerprint:
            return BuildPath("full", "the code (models, macros, tests, seed columns, battlemap, packages) changed since the last build")
        return BuildPath("full", f"{target} is not the file the last battlemap build put there")
    corpus = _last_build(work_dir).get("corpus")
    if not isinstance(corpus, dict) or set(corpus) != {*APPENDED_TABLES, *FIXED_SEEDS}:
        return BuildPath("reuse", "no record of the corpus the last build read")
    now = corpus_state(project)  # read and hashed once, not once per seed
    for name in FIXED_SEEDS:
        if now.get(name) != corpus[name]:
            return BuildPath("reuse", f"{project_file(corpus_file(name, project), project)} changed")
    appended: dict[str, bytes] = {}
    checked: dict[str, int] = {}
    for name in APPENDED_TABLES:
        size, sha256 = corpus[name]
        grown = _grew_by_appending(corpus_file(name, project), size, sha256)
        if grown is None:
            return BuildPath(
                "reuse", f"{project_file(corpus_file(name, project), project)} changed other than by rows appended (a row edited or removed)"
            )
        appended[name], checked[name] = grown
    header = corpus_file("documents", project).read_bytes().split(b"\n", 1)[0].decode("utf-8-sig").strip("\r")
    rows = csv.DictReader(io.StringIO(appended["documents"].decode("utf-8")), fieldnames=next(csv.reader([header])))
    new = tuple((row["document_id"], row["file_name"]) for row in rows if row.get("document_id"))
    if not new and not appended["observations"].strip():
        return BuildPath(
            "append", "no document or figure was added since the last build (any other seed that changed is rebuilt)", (), checked
        )
    listed = ", ".join(document_id for document_id, _ in new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5 else "")
    return BuildPath(
        "append", f"only rows were appended since the last build ({len(new)} new document(s){': ' + listed if new else ''})", new, checked
    )


def project_file(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)
