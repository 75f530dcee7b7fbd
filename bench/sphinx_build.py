#!/usr/bin/env python3
"""Cost of the Sphinx extension: the same generated Japanese project built with and without it.

    python bench/sphinx_build.py --pages 300 --runs 5

Writes a deterministic project of ``--pages`` reStructuredText pages of Japanese prose (terms of the
built-in glossary in running text, English terms and abbreviations, a few deprecated spellings, inline
literals, code blocks, lists, notes, tables, links) plus a glossary page, then times full HTML builds
(``-E``) in fresh processes, alternating the two configurations:

* ``without``: the project as is (a no-op ``exerkine-glossary`` directive stands in for the real one);
* ``with``: ``extensions = ["sphinx_exerkine"]`` and nothing else (lint, autolink, tooltips on).

Reports the median and minimum CPU time (user + system of the build and its workers) and wall time of
each, and their ratios; CPU time is the figure to trust on a shared machine. ``--profile`` also builds once
in this process and lists where the extension spends its time, and how long garbage collection takes.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sphinx_exerkine.loader import load_glossary  # noqa: E402

SUBJECTS = ["健常な成人", "高齢の参加者", "持久系の競技者", "肥満のあるマウス", "培養した筋管細胞", "二型糖尿病の患者"]
ACTIONS = ["一過性の持久性運動", "八週間の筋力トレーニング", "高強度インターバル運動", "下り坂走", "電気刺激による筋収縮"]
MEASURES = ["血中濃度", "粒子数", "発現量", "分泌量", "含有量"]
RESULTS = ["有意に増加した", "変化しなかった", "一過性に上昇した", "低下する傾向を示した", "群間で差がなかった"]
METHODS = ["超遠心法", "サイズ排除クロマトグラフィー", "ナノ粒子トラッキング解析", "ウエスタンブロット法", "定量PCR"]

TEMPLATES = [
    "{subject}では{action}の後に{term}の{measure}が{result}。",
    "{term}は{method}で回収し、{other}と区別して解析した。",
    "{action}によって{term}と{other}の{measure}がともに{result}という報告がある。",
    "先行研究では{term}（{en}）の{measure}が{result}とされる。",
    "{other}に比べて{term}の役割はまだ十分に分かっていない。",
    "本章では{term}の測定法として{method}を用いた例を紹介する。",
    "{subject}を対象に{en}の{measure}を{method}で定量した。",
]

BASELINE_CONF = '''\
project = "bench"
language = "ja"
exclude_patterns = ["_build"]


def setup(app):
    from docutils.parsers.rst import Directive

    class Nothing(Directive):
        def run(self):
            return []

    app.add_directive("exerkine-glossary", Nothing)
'''

EXTENSION_CONF = '''\
project = "bench"
language = "ja"
exclude_patterns = ["_build"]
extensions = ["sphinx_exerkine"]
'''


def _forms(glossary) -> list[tuple[str, str, list[str]]]:
    """(Japanese term, English term, deprecated spellings) of every concept."""
    return [(c.ja.term, c.en.term, [*c.ja.variants, *c.en.variants]) for c in glossary]


def _sentence(rng: random.Random, forms, variant_rate: float) -> str:
    ja, en, variants = rng.choice(forms)
    other = rng.choice(forms)[0]
    if variants and rng.random() < variant_rate:
        ja = rng.choice(variants)
    return rng.choice(TEMPLATES).format(
        subject=rng.choice(SUBJECTS), action=rng.choice(ACTIONS), measure=rng.choice(MEASURES),
        result=rng.choice(RESULTS), method=rng.choice(METHODS), term=ja, en=en, other=other,
    )


def _paragraph(rng: random.Random, forms, variant_rate: float) -> str:
    return "".join(_sentence(rng, forms, variant_rate) for _ in range(rng.randint(3, 5)))


def _page(rng: random.Random, number: int, forms, variant_rate: float) -> str:
    title = f"第{number}章 {rng.choice(forms)[0]}の研究"
    out = [title, "=" * (len(title) * 2), ""]
    for section in range(1, 4):
        heading = f"{section}. {rng.choice(forms)[0]}と{rng.choice(MEASURES)}"
        out += [heading, "-" * (len(heading) * 2), ""]
        for _ in range(rng.randint(3, 5)):
            out += [_paragraph(rng, forms, variant_rate), ""]
        kind = rng.randrange(4)
        if kind == 0:
            out += ["解析に使った主な方法:", ""]
            out += [f"* {rng.choice(METHODS)}による{rng.choice(forms)[0]}の{rng.choice(MEASURES)}" for _ in range(4)]
            out += [""]
        elif kind == 1:
            ja, en, _ = rng.choice(forms)
            out += [".. code-block:: python", "", f"   concentration = measure({en!r})  # {ja}", "", ""]
        elif kind == 2:
            out += [".. note::", "", "   " + _paragraph(rng, forms, variant_rate), ""]
        else:
            rows = [(rng.choice(forms)[0], rng.choice(RESULTS)) for _ in range(3)]
            width = max(len(r[0]) * 2 for r in rows) + 2
            border = "=" * width + "  " + "=" * 24
            out += [border, "項目".ljust(width - 2) + "    結果", border]
            out += [r[0] + " " * (width - len(r[0]) * 2) + "  " + r[1] for r in rows]
            out += [border, ""]
        ja, en, _ = rng.choice(forms)
        out += [f"詳しくは ``{en}`` の項と `関連資料 <https://example.org/{number}/{section}>`_ を参照。", ""]
    return "\n".join(out) + "\n"


def generate(root: Path, pages: int, seed: int, variant_rate: float) -> Path:
    """Write the project sources under ``root/src``; returns that directory."""
    forms = _forms(load_glossary())
    rng = random.Random(seed)
    src = root / "src"
    if src.exists():
        shutil.rmtree(src)
    (src / "chapters").mkdir(parents=True)
    names = []
    for number in range(1, pages + 1):
        name = f"chapters/ch{number:03d}"
        names.append(name)
        (src / f"{name}.rst").write_text(_page(rng, number, forms, variant_rate), encoding="utf-8")
    (src / "glossary.rst").write_text("用語集\n======\n\n.. exerkine-glossary::\n", encoding="utf-8")
    toctree = "\n".join(f"   {n}" for n in names)
    (src / "index.rst").write_text(f"ベンチマーク\n============\n\n.. toctree::\n   :maxdepth: 1\n\n{toctree}\n"
                                   "   glossary\n", encoding="utf-8")
    for kind, conf in (("without", BASELINE_CONF), ("with", EXTENSION_CONF)):
        (root / f"conf-{kind}").mkdir(exist_ok=True)
        (root / f"conf-{kind}" / "conf.py").write_text(conf, encoding="utf-8")
    return src


def build(root: Path, kind: str, jobs: int) -> tuple[float, float, int]:
    """One full build in a fresh process: (wall seconds, CPU seconds, number of warnings).

    CPU time (user + system of the build process and its workers) is what the comparison relies on: on a
    shared machine wall time mostly measures the neighbours.
    """
    out = root / f"out-{kind}"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "-j", str(jobs),
               "-c", str(root / f"conf-{kind}"), "-d", str(out / ".doctrees"), str(root / "src"), str(out)]
    env = {**os.environ, "EXERKINE_CACHE_DIR": str(root / "cache")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{kind}: sphinx-build failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stderr.count("WARNING")


def profile(root: Path) -> str:
    """Build once with the extension in this process, timing its parts (CPU) and the garbage collector."""
    import gc

    from sphinx.application import Sphinx

    import sphinx_exerkine.lint as lint
    import sphinx_exerkine.matcher as matcher
    from sphinx_exerkine.sphinxext import autolink, glossary_directive, textscan, warnings

    spent: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        setattr(owner, name, wrapper)

    parts = [
        (warnings.LintTransform, "apply", "lint transform (reader, matcher, checks)"),
        (lint.Linter, "lint_text", "  Linter.lint_text"),
        (matcher.Matcher, "scan", "Matcher.scan (lint and autolink)"),
        (autolink.AutoLinkTransform, "run", "autolink post-transform"),
        (textscan, "collect", "  text collection"),
        (glossary_directive.ExerkineGlossary, "run", "glossary directive"),
        (glossary_directive.ExpandGlossary, "run", "glossary rendering"),
    ]
    for owner, name, label in parts:
        timed(owner, name, label)
    collecting = [0.0, 0.0]

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start":
            collecting[1] = time.process_time()
        else:
            collecting[0] += time.process_time() - collecting[1]

    out = root / "out-profile"
    shutil.rmtree(out, ignore_errors=True)
    os.environ["EXERKINE_CACHE_DIR"] = str(root / "cache")
    gc.callbacks.append(on_collection)
    start = time.process_time()
    try:
        app = Sphinx(str(root / "src"), str(root / "conf-with"), str(out), str(out / ".doctrees"), "html",
                     status=None, warning=io.StringIO(), freshenv=True)
        app.build(force_all=True)
    finally:
        gc.callbacks.remove(on_collection)
    total = time.process_time() - start
    rows = [f"  {label:<44} {spent.get(label, 0.0):6.2f} s  {100 * spent.get(label, 0.0) / total:5.1f} %"
            for _, _, label in parts]
    rows.append(f"  {'garbage collection (whole build)':<44} {collecting[0]:6.2f} s  "
                f"{100 * collecting[0] / total:5.1f} %")
    return f"one build with the extension, in process: {total:.2f} s CPU\n" + "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5, help="timed builds per configuration (median reported)")
    parser.add_argument("--jobs", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variant-rate", type=float, default=0.03, help="share of terms written as a variant")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "sphinx")
    parser.add_argument("--profile", action="store_true", help="also profile one build with the extension")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    src = generate(args.out, args.pages, args.seed, args.variant_rate)
    size = sum(p.stat().st_size for p in src.rglob("*.rst"))
    print(f"project: {args.pages} pages + index + glossary, {size / 1e6:.2f} MB of reST in {src}")
    for kind in ("without", "with"):  # warm-up: imports, glossary cache, bytecode
        build(args.out, kind, args.jobs)
    wall: dict[str, list[float]] = {"without": [], "with": []}
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    warnings = 0
    for run in range(args.runs):
        for kind in (("without", "with") if run % 2 == 0 else ("with", "without")):
            elapsed, used, count = build(args.out, kind, args.jobs)
            wall[kind].append(elapsed)
            cpu[kind].append(used)
            if kind == "with":
                warnings = count
    print(f"sphinx-build -E -b html -j {args.jobs}, {args.runs} runs each (median; minimum)")
    for name, table in (("CPU time", cpu), ("wall time", wall)):
        without, with_ = statistics.median(table["without"]), statistics.median(table["with"])
        low_without, low_with = min(table["without"]), min(table["with"])
        print(f"  {name}:")
        print(f"    without the extension: {without:6.2f} s; {low_without:6.2f} s   "
              f"[{' '.join(f'{t:.2f}' for t in table['without'])}]")
        print(f"    with the extension:    {with_:6.2f} s; {low_with:6.2f} s   "
              f"[{' '.join(f'{t:.2f}' for t in table['with'])}]")
        print(f"    ratio: {with_ / without:.3f}; {low_with / low_without:.3f}")
    print(f"  {warnings} linter warnings in the build with the extension")
    if args.profile:
        print(profile(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
