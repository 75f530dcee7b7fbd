"""What the extension keeps in the build environment, and incremental rebuilds after a glossary edit.

The environment records the digest of the glossary the documents were read with, and which documents
depend on the glossary (rendered it, were linked or were linted with it). When the digest differs on the
next build, ``env-get-outdated`` returns those documents so that they are read again. The per-document
part is purged and merged like any other environment data, which keeps parallel reads exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx.transforms import SphinxTransform

from .runtime import get_runtime

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ENV_ATTRIBUTE = "exerkine_state"


@dataclass
class EnvState:
    #: digest of the glossary the documents were last read with
    digest: str = ""
    #: documents whose doctree depends on the glossary
    dependents: set[str] = field(default_factory=set)
    #: documents that render the glossary (``exerkine-glossary`` directive)
    glossary_pages: set[str] = field(default_factory=set)


def env_state(env: BuildEnvironment) -> EnvState:
    state = getattr(env, ENV_ATTRIBUTE, None)
    if not isinstance(state, EnvState):
        state = EnvState()
        setattr(env, ENV_ATTRIBUTE, state)
    return state


def note_dependent(env: BuildEnvironment, docname: str) -> None:
    env_state(env).dependents.add(docname)


def note_glossary_page(env: BuildEnvironment, docname: str) -> None:
    state = env_state(env)
    state.dependents.add(docname)
    state.glossary_pages.add(docname)


class NoteGlossaryDependency(SphinxTransform):
    """Record that the document being read depends on the glossary: it is linted, or its terms are
    linked (when it is written, from the glossary of that build)."""

    default_priority = 880

    def apply(self, **kwargs: object) -> None:
        runtime = get_runtime(self.env)
        if runtime.lint or runtime.autolink != "none":
            note_dependent(self.env, self.env.docname)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``."""
    state = env_state(env)
    state.dependents.discard(docname)
    state.glossary_pages.discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    """``env-merge-info``: take over what a worker of a parallel read recorded for its documents."""
    state, theirs = env_state(env), env_state(other)
    state.dependents |= theirs.dependents & set(docnames)
    state.glossary_pages |= theirs.glossary_pages & set(docnames)


def outdated_by_glossary(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                         removed: Set[str]) -> list[str]:
    """``env-get-outdated``: the documents to read again because the glossary changed."""
    state = env_state(env)
    digest = get_runtime(env).digest
    previous, state.digest = state.digest, digest
    if not previous or previous == digest:
        return []
    return sorted(state.dependents - set(added) - set(removed))
