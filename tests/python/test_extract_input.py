"""Bad input to `battlemap extract`: one line naming the file, exit 2; good files beside it still extracted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from battlemap.extract import ArticleError, decode_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
BATTLEMAP = [str(Path(sys.executable).with_name("battlemap"))]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BATTLEMAP, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 binary", "the file is binary"),
        (b"\x00\x01\x02\x03 text with NULs", "the file is binary"),
        (b"Quarterly report of the city: 103 projects, 32 billion yuan.", "no Chinese text"),
        (b"\x80\x80\x80\xff\xfe\x81", "unreadable encoding"),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(tmp_path, data, reason):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    result = run("extract", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_a_missing_file_and_a_folder(tmp_path):
    for target in (tmp_path / "nowhere.txt", tmp_path):
        result = run("extract", str(target))
        assert result.returncode == 2 and str(target) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_gb18030_is_decoded_with_a_note(tmp_path):
    source = (FIXTURES / "nanyang_baicheng.txt").read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(source.encode("gb18030"))
    result = run("extract", "--format", "json", "--city", "南阳市", str(path))
    assert result.returncode == 0, result.stderr
    assert "decoded from GB18030/GBK" in result.stderr
    rows = json.loads(result.stdout)
    assert {"metric_id": "total_investment", "value": 126_800_000_000} in [
        {k: r[k] for k in ("metric_id", "value")} for r in rows
    ]
    assert decode_article(source.encode("gb18030"), "x").encoding == "gb18030"


def test_one_bad_file_among_good_ones_exits_2_after_extracting_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", "--format", "csv", "--city", "南阳市", str(FIXTURES / "nanyang_baicheng.txt"), str(empty))
    assert result.returncode == 2
    assert result.stdout.startswith("document,scope_level,scope_name,metric_id,value,unit_as_written,value_as_written,")
    assert len(result.stdout.strip().splitlines()) == 1 + 18
    assert f"{empty}: the file is empty" in result.stderr


def test_csv_output_is_only_csv_and_the_place_is_guessed(tmp_path):
    result = run("extract", "--format", "csv", str(FIXTURES / "linqu_hundred_days.txt"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split(",")[-1] == "cue"
    assert "#" not in result.stdout.splitlines()[0]
    assert "place 临朐县 (370724), guessed from the text" in result.stderr


def test_an_unknown_place_or_format_is_refused():
    result = run("extract", "--city", "不存在市", str(FIXTURES / "linqu_hundred_days.txt"))
    assert result.returncode == 2 and "not a place in the national gazetteer" in result.stderr
    result = run("extract", "--format", "xml", str(FIXTURES / "linqu_hundred_days.txt"))
    assert result.returncode == 2 and "--format 'xml'" in result.stderr


def test_decode_article_names_the_file():
    with pytest.raises(ArticleError, match=r"^upload\.txt: the file is empty$"):
        decode_article(b"", "upload.txt")


# --- issue 20, case 7: a stated size limit, never an unbounded read ------------------------------------------


def test_a_device_is_refused_without_being_read():
    result = subprocess.run([*BATTLEMAP, "extract", "/dev/zero"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr.strip() == "battlemap extract: /dev/zero: is not a regular file (a device, pipe or socket); extract reads text files"


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    import os

    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    result = run("extract", str(pipe))
    assert result.returncode == 2 and f"{pipe}: is not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_refused_and_the_option_raises_it(tmp_path):
    path = tmp_path / "big.txt"
    report = (FIXTURES / "nanyang_baicheng.txt").read_bytes()
    path.write_bytes(report * (2**20 // len(report) + 1))  # just over 1 MB
    result = run("extract", "--max-size", "1", "--city", "南阳市", str(path))
    assert result.returncode == 2
    assert f"{path}: is larger than 1 MB, the most extract reads (--max-size MB raises it)" in result.stderr
    assert run("extract", "--max-size", "2", "--city", "南阳市", str(path)).returncode == 0


def test_a_dangling_symlink_is_one_line(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    result = run("extract", str(link))
    assert result.returncode == 2 and f"{link}: cannot be read (No such file or directory)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_default_limit_is_stated_in_the_help():
    assert "Largest article read, in MB (default 64)" in " ".join(run("extract", "--help").stdout.split())
