"""Write a release: every mart as Parquet and CSV, the data package, codebook, citation, sources and changes.

The release is written into a hidden folder beside its destination, validated with Frictionless, and only
then renamed into place and zipped, so a failed or refused release leaves nothing behind. A version is
released once: a folder or zip of that version already there stops the command.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import yaml

from battlemap.serve.release import codebook, datapackage
from battlemap.serve.release.diff import changes_markdown, figure_changes, summarise
from battlemap.serve.release.marts import MartDoc, mart_docs
from battlemap.shared.paths import project_dir, releases_dir, warehouse_path
from battlemap.shared.safe_csv import to_csv_bytes
from battlemap.shared.warehouse import WarehouseMissingError, reading

VERSION = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d+)$")
PREFIX = "battlemap-"
DATA = "data"
# dim_document's columns left out of sources.csv: the texts themselves are in dim_document.
NOT_SOURCE_COLUMNS = ("raw_text", "normalised_text", "raw_offsets")
AUTHOR = "The battlemap contributors"


class ReleaseError(RuntimeError):
    """The release cannot be made (the message says why); nothing was written."""

    exit_code = 1


class BadVersionError(ReleaseError):
    exit_code = 2


@dataclass(frozen=True)
class Release:
    version: str
    folder: Path
    zip_path: Path
    previous: str | None
    added: int
    changed: int
    removed: int


def parse_version(text: str) -> tuple[int, int, int]:
    """YEAR.MONTH.N (2026.12.0) as numbers; BadVersionError otherwise."""
    found = VERSION.match(text or "")
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise BadVersionError(f"bad version {text!r}: a release version is YEAR.MONTH.N, e.g. 2026.12.0 (the month 1–12, N from 0)")
    year, month, number = (int(part) for part in found.groups())
    return year, month, number


def released_versions(folder: Path) -> dict[tuple[int, int, int], Path]:
    """The releases in `folder` (battlemap-VERSION/ or battlemap-VERSION.zip), by version."""
    found: dict[tuple[int, int, int], Path] = {}
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        name = path.name[: -len(".zip")] if path.suffix == ".zip" else path.name
        if not name.startswith(PREFIX) or not (path.is_dir() or path.suffix == ".zip"):
            continue
        try:
            version = parse_version(name[len(PREFIX):])
        except BadVersionError:
            continue
        if version not in found or path.is_dir():
            found[version] = path
    return found


def latest_release(folder: Path | None = None) -> tuple[str, Path] | None:
    """(version, path) of the newest release in `folder` (default: releases_dir()), or None."""
    versions = released_versions(folder or releases_dir())
    if not versions:
        return None
    newest = max(versions)
    return ".".join(str(part) for part in newest), versions[newest]


def read_release_table(release: Path, table: str) -> pl.DataFrame:
    """A table of a release (folder or zip) from its Parquet file."""
    if release.suffix == ".zip":
        with zipfile.ZipFile(release) as archive:
            (member,) = [name for name in archive.namelist() if name.endswith(f"/{DATA}/{table}.parquet")]
            return pl.read_parquet(io.BytesIO(archive.read(member)))
    return pl.read_parquet(release / DATA / f"{table}.parquet")


def _read_marts(warehouse: Path, marts: list[MartDoc]) -> dict[str, pl.DataFrame]:
    frames = {}
    with reading(warehouse) as connection:
        present = {row[0] for row in connection.sql(
            "select table_name from information_schema.tables where table_catalog = 'wh' and table_schema = 'main'").fetchall()}
        missing = [mart.name for mart in marts if mart.name not in present]
        if missing:
            raise ReleaseError(f"the warehouse {warehouse} has no {', '.join(missing)}: it was built from another version; "
                               "rebuild it with: battlemap build")
        if "build_info" not in present:
            raise ReleaseError(f"the warehouse {warehouse} records no build (main.build_info): release only what "
                               "`battlemap build` built")
        passed = connection.sql("select all_passed from main.build_info").fetchall()
        if not passed or passed[0][0] is not True:
            raise ReleaseError(f"the warehouse {warehouse} was built with failing tests (main.build_info.all_passed is not "
                               "true): fix them and run battlemap build first")
        for mart in marts:
            columns = ", ".join(f'"{column.name}"' for column in mart.columns)
            order = ", ".join(f'"{name}"' for name in (mart.primary_key or [mart.columns[0].name]))
            frames[mart.name] = connection.sql(f"select {columns} from main.{mart.name} order by {order}").pl()
    return frames


def citation(version: str, created: str) -> dict:
    return {
        "cff-version": "1.2.0",
        "message": "If you use these data, please cite them as below.",
        "type": "dataset",
        "title": f"battlemap: figures of Chinese construction campaigns (挂图作战), release {version}",
        "version": version,
        "date-released": created,
        "authors": [{"name": AUTHOR}],
        "abstract": (
            "Figures of local construction and key-project campaigns reported by Chinese press and government notices "
            "(projects, investment planned and completed, start rates, land, floor area), each with the exact quote it "
            "comes from, in base units, with targets marked apart from achievements. Tables of a tested DuckDB warehouse."
        ),
        "keywords": ["China", "construction campaigns", "挂图作战", "local government", "investment", "data provenance"],
    }


def citation_text(version: str, created: str) -> str:
    return (
        f"{AUTHOR} ({created[:4]}). battlemap: figures of Chinese construction campaigns (挂图作战), release {version} "
        f"[data set]. Released {created}."
    )


def _write_table(folder: Path, name: str, frame: pl.DataFrame) -> None:
    frame.write_parquet(folder / DATA / f"{name}.parquet")
    (folder / DATA / f"{name}.csv").write_bytes(to_csv_bytes(frame))


def _readme(version: str, created: str, marts: list[MartDoc], previous: str | None, added: int, changed: int, removed: int) -> str:
    return "\n".join([
        f"# battlemap {version}",
        "",
        f"Released {created}. Figures of Chinese construction campaigns (挂图作战), each traced to the sentence it comes from.",
        "",
        f"- `data/`: {len(marts)} tables, each as Parquet and as CSV (UTF-8 with BOM, formula-safe): "
        + ", ".join(f"`{m.name}`" for m in marts) + ".",
        "- `datapackage.json`: a Frictionless Data Package describing every CSV file (`frictionless validate datapackage.json`).",
        "- `codebook.en.md`, `codebook.zh.md`: metrics, units, scopes, qualifiers and every column, in English and 简体中文.",
        "- `sources.csv`: the source documents (file, SHA-256, outlet, dates, address, retrieval date and terms where known).",
        f"- `changes.csv`, `changes.md`: figures added ({added}), changed ({changed}) and removed ({removed}) "
        + (f"since release {previous}." if previous else "(a first release: every figure is added)."),
        "- `CITATION.cff`: how to cite.",
        "",
        "Cite as: " + citation_text(version, created),
        "",
    ])


def _zip(folder: Path, target: Path, created: str) -> None:
    """The folder as a zip with fixed timestamps (the release date), files in name order."""
    stamp = tuple(int(part) for part in created.split("-")) + (0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def make_release(
    version: str,
    warehouse: Path | None = None,
    project: Path | None = None,
    output_dir: Path | None = None,
    previous: Path | None = None,
    created: str | None = None,
    validate: bool = True,
) -> Release:
    """Write releases/battlemap-VERSION/ and its zip from the warehouse; the changes are against `previous` (a release
    folder or zip) or else the newest release already in the output folder."""
    wanted = parse_version(version)
    project = project or project_dir()
    out = Path(output_dir) if output_dir else releases_dir(project)
    warehouse = Path(warehouse) if warehouse else warehouse_path()
    name = f"{PREFIX}{version}"
    folder, zip_path = out / name, out / f"{name}.zip"
    existing = released_versions(out)
    if wanted in existing or folder.exists() or zip_path.exists():
        newest = max([*existing, wanted])
        raise ReleaseError(f"version {version} is already released ({existing.get(wanted, folder)}); a release is never "
                           "rewritten: give a new version, e.g. " + ".".join(map(str, (*newest[:2], newest[2] + 1))))
    newer = [v for v in existing if v > wanted]
    if newer:
        raise ReleaseError(f"version {version} is older than release {'.'.join(map(str, max(newer)))} in {out}")
    if not warehouse.is_file():
        raise WarehouseMissingError(f"No warehouse at {warehouse}. Build one with: battlemap build")
    if previous is not None and not Path(previous).exists():
        raise ReleaseError(f"no previous release at {previous}")
    created = created or datetime.now(UTC).date().isoformat()

    marts = mart_docs(project)
    frames = _read_marts(warehouse, marts)
    if previous is None and existing:
        newest = max(existing)
        previous_version, previous_path = ".".join(map(str, newest)), existing[newest]
    elif previous is not None:
        previous_path = Path(previous)
        previous_version = previous_path.name.removesuffix(".zip").removeprefix(PREFIX)
    else:
        previous_version, previous_path = None, None
    old_figures = read_release_table(previous_path, "fct_figure") if previous_path is not None else None
    changes = figure_changes(old_figures, frames["fct_figure"], frames["dim_city"])
    summary = summarise(changes)
    documents = next(m for m in marts if m.name == "dim_document")
    sources = frames["dim_document"].drop([c for c in NOT_SOURCE_COLUMNS if c in frames["dim_document"].columns])

    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".{name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / DATA).mkdir(parents=True)
        for mart in marts:
            _write_table(staging, mart.name, frames[mart.name])
        (staging / "sources.csv").write_bytes(to_csv_bytes(sources))
        (staging / "changes.csv").write_bytes(to_csv_bytes(changes))
        (staging / "changes.md").write_text(changes_markdown(changes, version, previous_version), encoding="utf-8")
        cite = citation(version, created)
        (staging / "CITATION.cff").write_text(yaml.safe_dump(cite, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        counts = {mart.name: frames[mart.name].height for mart in marts}
        for lang in codebook.LANGUAGES:
            text = codebook.codebook(project, lang, version, created, marts, counts, citation_text(version, created))
            (staging / f"codebook.{lang}.md").write_text(text, encoding="utf-8")
        (staging / "README.md").write_text(
            _readme(version, created, marts, previous_version, summary.added, summary.changed, summary.removed), encoding="utf-8"
        )
        descriptor = datapackage.descriptor(
            staging, project, version, created, marts, documents, [c for c in sources.columns], sources, cite
        )
        (staging / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if validate:
            problems = datapackage.validate(staging / "datapackage.json")
            if problems:
                raise ReleaseError("the data package does not validate:\n  " + "\n  ".join(problems[:20]))
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    partial_zip = out / f".{name}.zip.partial-{os.getpid()}"
    try:
        _zip(folder, partial_zip, created)
        partial_zip.rename(zip_path)
    except BaseException:
        partial_zip.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)  # no release without its zip
        raise
    return Release(version, folder, zip_path, previous_version, summary.added, summary.changed, summary.removed)


@dataclass(frozen=True)
class ReleaseInfo:
    """What the explorer says about a release, read from its own files (folder or zip)."""

    version: str
    path: Path
    created: str
    title: str
    tables: int
    changes: dict[str, int]  # added / changed / removed
    citation: str

    def zip_bytes(self) -> bytes:
        """The release as a zip: its zip file, or the folder zipped when the zip is not beside it."""
        beside = self.path.with_name(self.path.name + ".zip") if self.path.is_dir() else self.path
        if beside.is_file():
            return beside.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in self.path.rglob("*") if p.is_file()):
                archive.write(path, f"{self.path.name}/{path.relative_to(self.path).as_posix()}")
        return buffer.getvalue()


def _release_file(release: Path, relative: str) -> bytes:
    if release.suffix == ".zip":
        with zipfile.ZipFile(release) as archive:
            return archive.read(f"{release.name.removesuffix('.zip')}/{relative}")
    return (release / relative).read_bytes()


def describe(version: str, release: Path) -> ReleaseInfo:
    """The release's date, title, tables, changes and citation, from its datapackage.json, changes.csv and CITATION.cff."""
    package = json.loads(_release_file(release, "datapackage.json"))
    cite = yaml.safe_load(_release_file(release, "CITATION.cff"))
    changes = pl.read_csv(io.BytesIO(_release_file(release, "changes.csv")), infer_schema=False)
    counts = {kind: changes.filter(pl.col("change") == kind).height for kind in ("added", "changed", "removed")}
    created = str(cite.get("date-released") or package.get("created", ""))[:10]
    return ReleaseInfo(
        version=version,
        path=release,
        created=created,
        title=package.get("title", ""),
        tables=sum(1 for resource in package.get("resources", []) if "parquet" in resource),
        changes=counts,
        citation=citation_text(version, created),
    )


def releases(folder: Path | None = None) -> list[tuple[str, Path]]:
    """(version, path) of every release in `folder` (default: releases_dir()), newest first."""
    found = released_versions(folder or releases_dir())
    return [(".".join(map(str, version)), found[version]) for version in sorted(found, reverse=True)]
