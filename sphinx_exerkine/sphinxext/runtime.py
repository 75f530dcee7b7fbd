"""The glossary and the linter of one build, compiled once per process.

They are loaded on ``builder-inited`` (in the main process, so that the worker processes of a parallel
build inherit them) and looked up by the build environment. Nothing here is pickled into the
environment: only the glossary's digest is (see :mod:`.incremental`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.errors import ExtensionError

from ..config import Config
from ..lint import Linter
from ..loader import BUILTIN, GlossaryError, load_glossary
from ..model import Glossary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..matcher import Matcher


@dataclass(frozen=True)
class Runtime:
    """What the transforms, directives and handlers of one build share."""

    glossary: Glossary
    linter: Linter
    #: validated ``exerkine_*`` values
    language: str
    autolink: str
    lint: bool
    tooltips: bool
    #: name of the builder (``html``, ``gettext``, ...)
    builder: str
    #: the builder itself (to make reference URIs)
    builder_object: Any = None

    @property
    def matcher(self) -> Matcher:
        return self.linter.matcher

    @property
    def digest(self) -> str:
        return self.glossary.digest


_RUNTIMES: WeakKeyDictionary[BuildEnvironment, Runtime] = WeakKeyDictionary()
#: compiled linters by glossary digest: several builds in one process (tests) share them
_LINTERS: dict[str, Linter] = {}


def glossary_paths(values: list[str] | tuple[str, ...], confdir: str | Path) -> list[str]:
    """``exerkine_glossary`` entries as paths the loader accepts (``builtin`` or absolute)."""
    return [v if v == BUILTIN else str((Path(confdir) / v).resolve()) for v in values]


def _linter_for(glossary: Glossary, paths: list[str]) -> Linter:
    linter = _LINTERS.get(glossary.digest)
    if linter is None:
        if len(_LINTERS) >= 4:
            _LINTERS.pop(next(iter(_LINTERS)))
        linter = Linter(glossary, Config(glossary=paths))
        _LINTERS[glossary.digest] = linter
    return linter


def init_runtime(app: Sphinx) -> None:
    """``builder-inited``: load the glossary named by ``exerkine_glossary`` and compile the linter."""
    config = app.config
    paths = glossary_paths(config.exerkine_glossary, app.confdir)
    try:
        glossary = load_glossary(paths)
    except GlossaryError as exc:
        raise ExtensionError("the exerkine glossary cannot be used:\n" + str(exc), modname="sphinx_exerkine") from None
    _RUNTIMES[app.env] = Runtime(
        glossary=glossary,
        linter=_linter_for(glossary, paths),
        language=config.exerkine_language,
        autolink=config.exerkine_autolink,
        lint=config.exerkine_lint,
        tooltips=config.exerkine_tooltips,
        builder=app.builder.name,
        builder_object=app.builder,
    )


def get_runtime(env: BuildEnvironment) -> Runtime:
    """The runtime of the build that ``env`` belongs to."""
    try:
        return _RUNTIMES[env]
    except KeyError:
        raise ExtensionError("sphinx_exerkine was not initialised for this build", modname="sphinx_exerkine") from None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around the extension's work on one document.

    Linting and linking allocate many short-lived objects (matches, findings, nodes) that reference
    counting frees; collections they would trigger mostly traverse the doctrees Sphinx keeps in memory,
    so pausing saves a noticeable share of the extension's cost on large projects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
