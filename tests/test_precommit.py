"""The pre-commit hook, run for real by `pre-commit try-repo` in a temporary git repository.

pre-commit builds this project into a hook environment of its own (a wheel with the built-in glossary),
so this also proves that an installed package, without a checkout, carries its glossary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("writer-repo")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("EXERKINE_CACHE_DIR", None)
    _run(["git", "init", "-q"], repo, env)
    (repo / "docs").mkdir()
    (repo / "docs" / "bad.md").write_text("# 概要\n\nミオカインは骨格筋から分泌される。\n", encoding="utf-8")
    (repo / "docs" / "good.rst").write_text("概要\n====\n\nマイオカインは骨格筋から分泌される。\n", encoding="utf-8")
    (repo / "script.py").write_text("print('ミオカイン')\n", encoding="utf-8")
    _run(["git", "add", "."], repo, env)
    return repo, env


def _try_repo(repo, env, *files):
    return _run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "exerkine", "--files", *files],
                repo, env)


def test_hook_fails_on_a_variant_and_names_file_line_column(hook_repo):
    repo, env = hook_repo
    result = _try_repo(repo, env, "docs/bad.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/bad.md:3:1: term-variant" in result.stdout


def test_hook_passes_clean_files_and_ignores_code(hook_repo):
    repo, env = hook_repo
    result = _try_repo(repo, env, "docs/good.rst", "script.py")
    assert result.returncode == 0, result.stdout + result.stderr
