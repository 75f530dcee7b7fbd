"""Reading source files into text and writing fixed text back, without losing what made them.

A file is read as bytes and decoded without newline translation, so ``"\\r\\n"`` stays in the
text and is written back as it was. A UTF-8 byte order mark is stripped from the text (offsets of
findings never count it) and restored on write. Writes go through a temporary file in the same
directory followed by :func:`os.replace`, so a reader never sees a half-written file.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "BINARY_PROBE_BYTES",
    "DEFAULT_MAX_BYTES",
    "BinaryFile",
    "DecodeProblem",
    "EncodeProblem",
    "FileChanged",
    "FileTooLarge",
    "ReadProblem",
    "SourceFile",
    "read_source",
    "write_atomic",
]

#: files larger than this are refused unless the caller passes another limit
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: a NUL byte within this many leading bytes marks a file as binary
BINARY_PROBE_BYTES = 8 * 1024

_UTF8 = "utf-8"
#: tried in this order to suggest an ``--encoding`` when a file is not UTF-8
_SUGGESTIONS = ("euc_jp", "shift_jis", "cp932")


class ReadProblem(ValueError):
    """A file that exists but cannot be checked. The message is one line, without the path."""


class DecodeProblem(ReadProblem):
    """The bytes are not valid in the encoding used."""

    def __init__(self, message: str, *, byte_offset: int, line: int, column: int) -> None:
        super().__init__(message)
        #: offset of the first bad byte, counted from the start of the file
        self.byte_offset = byte_offset
        #: 1-based line and column (in characters) of the first bad byte
        self.line = line
        self.column = column


class BinaryFile(ReadProblem):
    """The file looks binary (it has NUL bytes near its start)."""


class FileTooLarge(ReadProblem):
    """The file is larger than the configured limit."""


class EncodeProblem(ValueError):
    """The new text cannot be represented in the file's encoding; nothing was written."""


class FileChanged(OSError):
    """The file was modified on disk after it was read; nothing was written."""


class SourceFile(NamedTuple):
    """A decoded file and everything needed to write it back the same way."""

    path: Path
    #: the decoded text, without the byte order mark
    text: str
    #: the codec name used to decode (normalised, e.g. ``utf-8``, ``shift_jis``, ``cp932``)
    encoding: str
    #: whether the file started with a UTF-8 byte order mark
    bom: bool
    #: the style of the first line break: ``"\\n"``, ``"\\r\\n"`` or ``"\\r"`` (``"\\n"`` if none)
    newline: str
    #: modification time when read, to refuse writing over a file changed meanwhile
    mtime_ns: int = 0
    #: size in bytes when read
    size: int = 0


def read_source(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceFile:
    """Read and decode ``path``.

    Without ``encoding`` the file must be UTF-8 (a BOM is allowed); with it, that codec is used.
    Raises :class:`FileTooLarge`, :class:`BinaryFile` or :class:`DecodeProblem` (all
    :class:`ReadProblem`, a :class:`ValueError`) for files that cannot be checked, and
    :class:`OSError` when the file cannot be opened. :class:`LookupError` for an unknown codec.
    """
    path = Path(path)
    codec = _codec_name(encoding) if encoding is not None else _UTF8
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > max_bytes:
            raise FileTooLarge(
                f"file too large ({_mib(info.st_size)} > limit {_mib(max_bytes)}), skipped"
            )
        data = handle.read()
    if len(data) > max_bytes:  # grew while we looked
        raise FileTooLarge(f"file too large (more than {_mib(max_bytes)}), skipped")
    if not _is_wide_unicode(codec) and data.find(b"\0", 0, BINARY_PROBE_BYTES) != -1:
        raise BinaryFile("binary file, skipped")

    bom = codec == _UTF8 and data.startswith(codecs.BOM_UTF8)
    skip = len(codecs.BOM_UTF8) if bom else 0
    # decode straight from a view: no copy of the bytes besides the resulting str
    view = memoryview(data)[skip:]
    try:
        text = str(view, codec)
    except UnicodeDecodeError as exc:
        raise _decode_problem(data, skip, exc, explicit=encoding is not None, codec=codec) from None
    finally:
        view.release()
    return SourceFile(
        path=path,
        text=text,
        encoding=codec,
        bom=bom,
        newline=_newline_style(text),
        mtime_ns=info.st_mtime_ns,
        size=info.st_size,
    )


def write_atomic(source: SourceFile, new_text: str) -> None:
    """Write ``new_text`` to ``source.path`` in the file's encoding, BOM and permissions.

    Does nothing when ``new_text`` equals the text that was read. The bytes go to a temporary file
    in the same directory, which is flushed, fsynced, given the original permission bits and then
    moved over the original with :func:`os.replace`. A symbolic link is followed: the file it
    points to is replaced, the link stays. Raises :class:`EncodeProblem` when the text cannot be
    encoded and :class:`FileChanged` when the file changed on disk since it was read; in both
    cases the file is left untouched.
    """
    if new_text == source.text:
        return
    try:
        payload = new_text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise EncodeProblem(
            f"cannot encode {bad!r} as {source.encoding}; file left unchanged"
        ) from None
    if source.bom:
        payload = codecs.BOM_UTF8 + payload

    target = Path(os.path.realpath(source.path))
    info = os.stat(target)
    if source.mtime_ns and (info.st_mtime_ns != source.mtime_ns or info.st_size != source.size):
        raise FileChanged("changed on disk since it was read; file left unchanged")
    _replace_file(target, payload, stat.S_IMODE(info.st_mode))


def write_text_atomic(path: Path, text: str) -> None:
    """Create or replace ``path`` with UTF-8 ``text`` atomically (for generated output files)."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _replace_file(target, text.encode("utf-8"), mode)


def _replace_file(target: Path, payload: bytes, mode: int) -> None:
    import tempfile  # only when writing: it imports shutil and the compression modules

    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".exerkine-tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(target.parent)


def _decode_problem(
    data: bytes, skip: int, exc: UnicodeDecodeError, *, explicit: bool, codec: str
) -> DecodeProblem:
    offset = skip + exc.start
    line_start = data.rfind(b"\n", skip, offset) + 1 or skip
    line = data.count(b"\n", skip, offset) + 1
    # the bytes before the bad one decoded fine, so their length in characters is the column
    column = len(data[line_start:offset].decode(codec, errors="replace")) + 1
    where = f"line {line}, column {column} (byte offset {offset})"
    if explicit:
        message = f"cannot decode as {codec} at {where}"
    else:
        message = f"invalid UTF-8 at {where}; {_suggest_encoding(data)}"
    return DecodeProblem(message, byte_offset=offset, line=line, column=column)


def _suggest_encoding(data: bytes) -> str:
    for candidate in _SUGGESTIONS:
        try:
            codecs.decode(data, candidate)
        except UnicodeDecodeError:
            continue
        return f"try --encoding {candidate}"
    return "pass the file's encoding with --encoding"


def _codec_name(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    # the BOM is handled here, so utf-8-sig reads the same as utf-8
    return _UTF8 if name in ("utf-8", "utf-8-sig") else name


def _is_wide_unicode(codec: str) -> bool:
    return codec.startswith(("utf-16", "utf-32"))


def _newline_style(text: str) -> str:
    pos = text.find("\n")
    if pos > 0 and text[pos - 1] == "\r":
        return "\r\n"
    if pos == -1 and "\r" in text:
        return "\r"
    return "\n"


def _mib(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable where the platform allows opening a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
