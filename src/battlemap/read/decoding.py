"""Read an article's bytes as text: UTF-8, or GB18030/GBK (with a note), and refuse what is not an article.

Every refusal is an ArticleError whose message is one line naming the file and the reason.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# Magic numbers of formats that are often mistaken for text (PDF, ZIP/DOCX, OLE .doc, PNG, JPEG, GZIP).
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"\x1f\x8b")
MIN_CJK = 10  # fewer Chinese characters than this is not a Chinese report
MIN_CJK_SHARE = 0.05  # of the characters that are not whitespace


class ArticleError(ValueError):
    """An input that is not a readable Chinese article; str() is one line naming the file."""


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    encoding: str  # utf-8 or gb18030
    note: str  # how the bytes were read, for the reviewer ("" for plain UTF-8)


def decode_article(data: bytes, name: str) -> Article:
    """The text of an article's bytes, or ArticleError naming `name` and the reason."""
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    head = data[:65536]
    if head.startswith(BINARY_MAGIC) or b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{name}: the file is binary, not text (convert it to UTF-8 text first)")
    note = ""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding, note = data.decode("utf-16"), "utf-16", "decoded from UTF-16"
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{name}: unreadable encoding (a UTF-16 mark, then {error.reason} at byte {error.start})"
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise ArticleError(
                    f"{name}: unreadable encoding (not UTF-8: {utf8_error.reason} at byte {utf8_error.start}; "
                    "not GB18030/GBK either)"
                ) from None
            note = "decoded from GB18030/GBK (not UTF-8)"
    sample = text[:200_000]  # enough to tell Chinese from not, without a pass over a huge file
    visible = len(sample) - sum(1 for _ in re.finditer(r"\s", sample))
    chinese = sum(1 for _ in CJK.finditer(sample))
    if chinese < MIN_CJK or chinese < MIN_CJK_SHARE * visible:
        raise ArticleError(f"{name}: no Chinese text ({chinese} Chinese characters of {visible}); expected a Chinese report")
    return Article(name=name, text=text, encoding=encoding, note=note)


MAX_ARTICLE_MB = 64  # the largest article `extract` reads unless told otherwise (--max-size)


def read_article(path: Path, max_bytes: int = MAX_ARTICLE_MB * 2**20) -> Article:
    """Read and decode one article file of at most `max_bytes`; ArticleError (one line, naming the file) when it
    cannot be used. Only regular files are read, and never more than `max_bytes` + 1 bytes of them: a device
    (/dev/zero), a pipe or a file that grows while it is read is refused, not read to the end."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer before it can be refused.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise ArticleError(f"{path}: is not a regular file (a device, pipe or socket); extract reads text files")
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise ArticleError(
            f"{path}: is larger than {max_bytes / 2**20:g} MB, the most extract reads (--max-size MB raises it)"
        )
    return decode_article(data, str(path))
