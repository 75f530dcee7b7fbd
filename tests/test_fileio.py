from __future__ import annotations

import os
import stat
import sys
import tracemalloc
from pathlib import Path

import pytest

from sphinx_exerkine.fileio import (
    BinaryFile,
    DecodeProblem,
    EncodeProblem,
    FileChanged,
    FileTooLarge,
    ReadProblem,
    read_source,
    write_atomic,
)

BOM = b"\xef\xbb\xbf"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name not in keep)


# -- reading --------------------------------------------------------------------------------------


def test_plain_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "運動とエクソソーム\n".encode())
    source = read_source(path)
    assert source.text == "運動とエクソソーム\n"
    assert source.encoding == "utf-8"
    assert source.bom is False
    assert source.newline == "\n"
    assert source.path == path


def test_bom_is_stripped_from_text_and_offsets(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", BOM + "エキソソーム\n".encode())
    source = read_source(path)
    assert source.bom is True
    assert source.text == "エキソソーム\n"
    assert source.text.index("エ") == 0


@pytest.mark.parametrize("name", ["utf-8", "UTF8", "utf-8-sig"])
def test_explicit_utf8_spellings_also_strip_the_bom(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "a.md", BOM + b"x")
    source = read_source(path, encoding=name)
    assert (source.text, source.bom, source.encoding) == ("x", True, "utf-8")


@pytest.mark.parametrize(
    ("data", "style"),
    [(b"a\nb\n", "\n"), (b"a\r\nb\r\n", "\r\n"), (b"a\rb\r", "\r"), (b"no break", "\n"), (b"", "\n")],
)
def test_newline_style_and_no_translation(tmp_path: Path, data: bytes, style: str) -> None:
    source = read_source(_write(tmp_path / "a.txt", data))
    assert source.newline == style
    assert source.text == data.decode()


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    data = "line one\nline two\nabcd運動\n".encode("shift_jis")
    path = _write(tmp_path / "sjis.md", data)
    with pytest.raises(DecodeProblem) as caught:
        read_source(path)
    problem = caught.value
    assert (problem.line, problem.column) == (3, 5)
    assert problem.byte_offset == len(b"line one\nline two\nabcd")
    message = str(problem)
    assert message.startswith("invalid UTF-8 at line 3, column 5")
    assert "try --encoding shift_jis" in message
    assert "\n" not in message
    assert isinstance(problem, ValueError)


def test_invalid_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "x\nエクソ".encode() + b"\xff")
    with pytest.raises(DecodeProblem, match=r"line 2, column 4"):
        read_source(path)


def test_invalid_utf8_after_bom_counts_from_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", BOM + b"ab\xff")
    with pytest.raises(DecodeProblem) as caught:
        read_source(path)
    assert (caught.value.line, caught.value.column) == (1, 3)
    assert caught.value.byte_offset == 5


def test_euc_jp_file_gets_euc_jp_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "エキソソーム\n".encode("euc_jp"))
    with pytest.raises(DecodeProblem, match="try --encoding euc_jp"):
        read_source(path)


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp"])
def test_explicit_japanese_encodings_round_trip(tmp_path: Path, encoding: str) -> None:
    original = "運動は\r\nエキソソームを増やす。\r\n"
    path = _write(tmp_path / "a.md", original.encode(encoding))
    source = read_source(path, encoding=encoding)
    assert source.text == original
    assert source.newline == "\r\n"
    write_atomic(source, source.text.replace("エキソソーム", "エクソソーム"))
    assert path.read_bytes() == "運動は\r\nエクソソームを増やす。\r\n".encode(encoding)


def test_explicit_encoding_error_names_the_codec(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", b"ab\n\x82")  # a lone Shift_JIS lead byte
    with pytest.raises(DecodeProblem, match=r"cannot decode as shift_jis at line 2, column 1"):
        read_source(path, encoding="shift_jis")


def test_unknown_encoding(tmp_path: Path) -> None:
    with pytest.raises(LookupError):
        read_source(_write(tmp_path / "a.md", b"x"), encoding="no-such-codec")


def test_binary_file_detected(tmp_path: Path) -> None:
    path = _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(BinaryFile, match="^binary file, skipped$"):
        read_source(path)


def test_nul_beyond_the_probe_is_not_binary(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", b"a" * 9000 + b"\0")
    assert read_source(path).text.endswith("\0")


def test_utf16_with_explicit_encoding_is_not_binary(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "運動\n".encode("utf-16"))
    assert read_source(path, encoding="utf-16").text == "運動\n"


def test_too_large_file_refused_with_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.md", b"x" * 2048)
    with pytest.raises(FileTooLarge) as caught:
        read_source(path, max_bytes=1024)
    message = str(caught.value)
    assert "\n" not in message and "too large" in message
    assert isinstance(caught.value, ReadProblem)
    assert read_source(path, max_bytes=2048).text == "x" * 2048


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_source(tmp_path / "nope.md")


def test_large_single_line_file_without_extra_copies(tmp_path: Path) -> None:
    size = 50 * 1000 * 1000
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"a" * size)
    tracemalloc.start()
    try:
        source = read_source(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(source.text) == size
    # the bytes read plus the decoded str, and nothing much more
    assert peak < 2.3 * size


# -- writing --------------------------------------------------------------------------------------


def test_bom_is_written_back(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", BOM + "エキソソーム\n".encode())
    source = read_source(path)
    write_atomic(source, "エクソソーム\n")
    assert path.read_bytes() == BOM + "エクソソーム\n".encode()


def test_crlf_is_written_back(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", b"one\r\ntwo\r\n")
    source = read_source(path)
    write_atomic(source, source.text.replace("two", "2"))
    assert path.read_bytes() == b"one\r\n2\r\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o644, 0o600, 0o755, 0o640])
def test_permissions_are_kept(tmp_path: Path, mode: int) -> None:
    path = _write(tmp_path / "a.md", b"old\n")
    os.chmod(path, mode)
    write_atomic(read_source(path), "new\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert path.read_bytes() == b"new\n"


def test_unchanged_text_is_not_written(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "運動\n".encode())
    old = 1_000_000_000_000_000_000
    os.utime(path, ns=(old, old))
    before = os.stat(path)
    source = read_source(path)
    write_atomic(source, "運動\n")
    after = os.stat(path)
    assert after.st_mtime_ns == old
    assert after.st_ino == before.st_ino
    assert _leftovers(tmp_path, {"a.md"}) == []


def test_write_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", b"old\n")
    (tmp_path / "other.md").write_bytes(b"keep")
    write_atomic(read_source(path), "new\n")
    assert path.read_bytes() == b"new\n"
    assert _leftovers(tmp_path, {"a.md", "other.md"}) == []


def test_failed_replace_leaves_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "a.md", b"old\n")
    source = read_source(path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        write_atomic(source, "new\n")
    assert path.read_bytes() == b"old\n"
    assert _leftovers(tmp_path, {"a.md"}) == []


def test_unencodable_text_leaves_file_untouched(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "運動\n".encode("shift_jis"))
    source = read_source(path, encoding="shift_jis")
    with pytest.raises(EncodeProblem, match="shift_jis"):
        write_atomic(source, "運動😀\n")
    assert path.read_bytes() == "運動\n".encode("shift_jis")
    assert _leftovers(tmp_path, {"a.md"}) == []


def test_file_changed_since_read_is_not_overwritten(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", b"old\n")
    source = read_source(path)
    path.write_bytes(b"edited elsewhere, longer\n")
    with pytest.raises(FileChanged):
        write_atomic(source, "new\n")
    assert path.read_bytes() == b"edited elsewhere, longer\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")
def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    target = _write(tmp_path / "real.md", b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    write_atomic(read_source(link), "new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"
