"""Make GX's Data Docs work offline: serve the CDN assets they link from copies next to the pages.

GX 1.24.1 writes pages that load jQuery, Bootstrap, bootstrap-table, Font Awesome, Vega, … from public
CDNs and the GX logo from S3. Without internet the index's tables (filled in by bootstrap-table) stay
empty and every page is unstyled. The same files, at the same versions, are vendored from the npm
registry at set-up time (`expectations/vendor/package.json` + `package-lock.json`, installed by
`make setup` with `npm ci --prefix expectations/vendor`). After GX has built the site,
`localise_data_docs` copies the files the pages need into `<site>/static/vendor/` and rewrites every
`<script src>`, `<link href>` and `<img src>` pointing at a known CDN URL (plus the logo in the inline
CSS) to a path relative to the page, so index.html, expectations/*.html and the deeper validations/…
pages all resolve. `integrity`/`crossorigin` are dropped from rewritten tags: a `crossorigin` script
loaded from file:// is blocked by the browser (a null origin), and the copies are pinned by the lock file.

All or nothing: when a vendored file is missing (the npm step did not run) nothing is rewritten and the
caller gets a one-line note; the pages keep their CDN links, as GX wrote them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from battlemap.check.project import gx_project_root

VENDOR_SUBDIR = Path("static") / "vendor"

# Files copied from node_modules (package-relative path) into static/vendor/<destination>.
# The destination keeps each package's own layout so relative references inside the CSS keep working
# (Font Awesome's all.min.css loads ../webfonts/*).
_FILES: dict[str, str] = {
    "jquery/dist/jquery.min.js": "jquery/jquery.min.js",
    "popper.js/dist/umd/popper.min.js": "popper.js/popper.min.js",
    "bootstrap/dist/css/bootstrap.min.css": "bootstrap/css/bootstrap.min.css",
    "bootstrap/dist/js/bootstrap.min.js": "bootstrap/js/bootstrap.min.js",
    "bootstrap-table/dist/bootstrap-table.min.css": "bootstrap-table/bootstrap-table.min.css",
    "bootstrap-table/dist/bootstrap-table.min.js": "bootstrap-table/bootstrap-table.min.js",
    "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css": "bootstrap-datepicker/css/bootstrap-datepicker.min.css",
    "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js": "bootstrap-datepicker/js/bootstrap-datepicker.min.js",
    "@fortawesome/fontawesome-free/css/all.min.css": "fontawesome-free/css/all.min.css",
    "@forevolve/bootstrap-dark/dist/css/bootstrap-prefers-dark.css": "bootstrap-dark/css/bootstrap-prefers-dark.css",
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega-lite/build/vega-lite.min.js": "vega-lite/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js": "vega-embed/vega-embed.min.js",
}
# Folders copied whole (Font Awesome's CSS references its webfonts relative to itself).
_FOLDERS: dict[str, str] = {"@fortawesome/fontawesome-free/webfonts": "fontawesome-free/webfonts"}
_LOGO = "great_expectations/logo-long.png"  # copied from the installed great_expectations package

# CDN URL (query string ignored) -> file under static/vendor/. GX links the filter-control CSS from
# bootstrap-table 1.19.0 and the rest from 1.19.1; the vendored 1.19.1 serves both.
_UNPKG_TABLE = "https://unpkg.com/bootstrap-table@1.19.1/dist"
_UNPKG_FILTER_CONTROL = "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control"
_GX_S3 = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com"
URL_MAP: dict[str, str] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/popper.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/js/bootstrap.min.js",
    f"{_UNPKG_TABLE}/bootstrap-table.min.css": "bootstrap-table/bootstrap-table.min.css",
    f"{_UNPKG_TABLE}/bootstrap-table.min.js": "bootstrap-table/bootstrap-table.min.js",
    f"{_UNPKG_TABLE}/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    f"{_UNPKG_FILTER_CONTROL}/bootstrap-table-filter-control.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    f"{_UNPKG_FILTER_CONTROL}/bootstrap-table-filter-control.min.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker/css/bootstrap-datepicker.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker/js/bootstrap-datepicker.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome-free/css/all.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "bootstrap-dark/css/bootstrap-prefers-dark.css"
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/vega-embed.min.js",
    f"{_GX_S3}/logo-long.png": _LOGO,
    f"{_GX_S3}/full_logo_dark.png": _LOGO,  # the dark-mode logo (not packaged): the packaged one stands in
}

_TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\s(?:src|href)\s*=\s*)(["'])(https?://[^"']+)\2""", re.IGNORECASE)
_SRI = re.compile(r"""\s(?:integrity|crossorigin)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\((["']?)(https?://[^"')]+)\1\)""", re.IGNORECASE)


def vendor_modules_dir() -> Path:
    """Where `npm ci --prefix expectations/vendor` installs the packages."""
    return gx_project_root() / "vendor" / "node_modules"


def _gx_logo() -> Path:
    import great_expectations

    return Path(great_expectations.__file__).parent / "render" / "view" / "static" / "images" / "logo-long.png"


def _missing(modules: Path) -> list[str]:
    wanted = [modules / name for name in (*_FILES, *_FOLDERS)] + [_gx_logo()]
    return [str(path) for path in wanted if not path.exists()]


def _copy_assets(modules: Path, vendor: Path) -> None:
    for source, destination in _FILES.items():
        target = vendor / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / source, target)
    for source, destination in _FOLDERS.items():
        shutil.copytree(modules / source, vendor / destination, dirs_exist_ok=True)
    (vendor / _LOGO).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_gx_logo(), vendor / _LOGO)


def _local(url: str, prefix: str) -> str | None:
    local = URL_MAP.get(url.split("?", 1)[0].split("#", 1)[0])
    return f"{prefix}/{local}" if local else None


def rewrite_html(text: str, prefix: str) -> str:
    """`text` with every known CDN URL in a script/link/img tag or a CSS url() replaced by `prefix/<file>`.

    `prefix` is the page's relative path to static/vendor (e.g. `static/vendor`, `../../../static/vendor`).
    Unknown URLs, including links in `<a href>`, stay as they are.
    """

    def tag(match: re.Match[str]) -> str:
        original = match.group(0)

        def attribute(found: re.Match[str]) -> str:
            local = _local(found.group(3), prefix)
            return f"{found.group(1)}{found.group(2)}{local}{found.group(2)}" if local else found.group(0)

        rewritten = _ATTRIBUTE.sub(attribute, original)
        return _SRI.sub("", rewritten) if rewritten != original else original

    def css_url(match: re.Match[str]) -> str:
        local = _local(match.group(2), prefix)
        return f"url({match.group(1)}{local}{match.group(1)})" if local else match.group(0)

    return _CSS_URL.sub(css_url, _TAG.sub(tag, text))


def localise_data_docs(site: Path, modules: Path | None = None) -> str | None:
    """Copy the vendored assets into `site`/static/vendor and point every page at them.

    Returns None when done, or a one-line note when the pages keep their CDN links (assets not installed,
    or they could not be copied). Never raises for missing assets: the Data Docs are a convenience.
    """
    modules = Path(modules) if modules else vendor_modules_dir()
    missing = _missing(modules)
    if missing:
        return (
            f"note: Data Docs keep their CDN links (need internet to display): vendored assets not installed "
            f"({len(missing)} missing, e.g. {missing[0]}); run: npm ci --prefix expectations/vendor"
        )
    vendor = site / VENDOR_SUBDIR
    try:
        _copy_assets(modules, vendor)
    except OSError as error:
        return f"note: Data Docs keep their CDN links: cannot copy the vendored assets into {vendor}: {error}"
    for page in sorted(site.rglob("*.html")):
        if vendor in page.parents:
            continue  # the vendored packages' own files, if any
        prefix = Path(os.path.relpath(vendor, page.parent)).as_posix()
        text = page.read_text(encoding="utf-8")
        rewritten = rewrite_html(text, prefix)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    return None
