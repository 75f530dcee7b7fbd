"""Where caches live, what invalidates them, and writing them safely.

Every cache (validated glossaries, compiled matchers, lint results) sits in one directory:
``$EXERKINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/exerkine``, else ``~/.cache/exerkine``. A cache that
cannot be read or written only costs time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("EXERKINE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "exerkine" if xdg else Path.home() / ".cache" / "exerkine"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Sizes and times of the package's own files, so an edited or upgraded install never reuses a cache."""
    package = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for directory, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        relative = os.path.relpath(directory, package).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in sorted(filenames):
            if name.endswith((".py", ".txt")):
                st = os.stat(os.path.join(directory, name))
                parts.append(f"{prefix}{name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load(name: str):
    """The object pickled under ``name``, or None.

    The garbage collector is paused while a cache is unpickled: the objects it creates are all alive,
    and collections triggered by their sheer number cost a third of the time of a large matcher's load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(cache_dir() / name, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError, ValueError, ImportError):
        return None
    finally:
        if enabled:
            gc.enable()


def _new_file(directory: Path) -> tuple[int, str]:
    """A new file of a random name in ``directory``, open for writing (``tempfile.mkstemp`` without
    importing it: with ``shutil`` and the compression modules it brings, a noticeable part of a short run)."""
    while True:
        path = os.path.join(directory, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), path
        except FileExistsError:
            continue


def store(name: str, obj) -> None:
    """Pickle ``obj`` under ``name`` atomically (a temporary file renamed into place)."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = _new_file(directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / name)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, pickle.PickleError, TypeError, AttributeError):
        pass
