#!/usr/bin/env python3
"""Time ``exerkine lint`` on generated translation catalogues.

    python bench/po_speed.py --size 5MB --files 10 --repeat 3

Writes ``--files`` PO files of English source strings and Japanese translations (wrapped like sphinx-intl
output, with references, fuzzy and untranslated entries) built deterministically from the shipped glossary,
then runs ``exerkine lint`` on them as a fresh process ``--repeat`` times and prints the median wall time.
About one translation in twelve carries a listed variant and one in twenty drops a term, so the run also
produces findings (the exit code 1 is expected).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphinx_exerkine.loader import load_glossary
from sphinx_exerkine.model import Concept

HEADER = """\
# SOME DESCRIPTIVE TITLE.
# Copyright (C) 2026, Exerkine Lab
# This file is distributed under the same license as the Benchmark package.
# FIRST AUTHOR <EMAIL@ADDRESS>, 2026.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Benchmark 1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2026-04-01 10:00+0900\\n"
"PO-Revision-Date: 2026-04-02 12:00+0900\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language: ja\\n"
"Language-Team: ja <LL@li.org>\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Generated-By: Babel 2.18.0\\n"

"""

#: (English, Japanese) sentence patterns; {a} and {b} are two concepts
PATTERNS = [
    ("{A} and {b} were measured in plasma after a single bout of exercise.",
     "一過性の運動後に血漿中の{a}と{b}を測定した。"),
    ("The concentration of {a} increased significantly, whereas {b} did not change.",
     "{a}の濃度は有意に増加したが、{b}には変化がなかった。"),
    ("We review how {a} relates to {b} in older adults and in \"trained\" athletes.",
     "高齢者と「鍛えられた」競技者における{a}と{b}の関係を概説する。"),
    ("{A} is discussed in the section on {b}.",
     "{a}については{b}の節で述べる。"),
    ("Samples were stored at -80 °C before {a} was quantified by ELISA, as described for {b}.",
     "{b}について述べたとおり、試料は-80 °Cで保存し、{a}をELISA法で定量した。"),
]


def en_form(concept: Concept, rng: random.Random) -> str:
    return concept.en.plural_form if rng.random() < 0.4 else concept.en.term


def ja_form(concept: Concept, rng: random.Random, planted: list[str]) -> str:
    if concept.ja.variants and rng.random() < 0.08:
        planted.append("variant")
        return rng.choice(concept.ja.variants)
    if rng.random() < 0.05:
        planted.append("missing")
        return "この因子"
    return concept.ja.term


def po_string(keyword: str, text: str) -> str:
    """``keyword "text"``, wrapped at spaces to 76 columns the way sphinx-intl (Babel) writes it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if len(escaped) + len(keyword) + 3 <= 76:
        return f'{keyword} "{escaped}"\n'
    lines = [f'{keyword} ""\n']
    line = ""
    for word in re.findall(r"\S+\s*", escaped):
        if line and len(line) + len(word) > 74:
            lines.append(f'"{line}"\n')
            line = ""
        line += word
    lines.append(f'"{line}"\n')
    return "".join(lines)


def entry(number: int, concepts: list[Concept], rng: random.Random, planted: list[str]) -> str:
    en, ja = rng.choice(PATTERNS)
    a, b = rng.sample(concepts, 2)
    first = en_form(a, rng)
    source = en.format(A=first[:1].upper() + first[1:], a=first, b=en_form(b, rng))
    lines = [f"#: ../../chapter{number % 40:02d}.rst:{number % 900 + 1}\n"]
    roll = rng.random()
    if roll < 0.03:
        return "".join(lines) + po_string("msgid", source) + 'msgstr ""\n\n'
    if roll < 0.06:
        lines.append("#, fuzzy\n")
    target = ja.format(a=ja_form(a, rng, planted), b=ja_form(b, rng, planted))
    return "".join(lines) + po_string("msgid", source) + po_string("msgstr", target) + "\n"


def write_catalogues(out: Path, size: int, files: int, seed: int) -> tuple[int, int]:
    """Write the PO files; return (bytes written, planted problems)."""
    concepts = sorted(load_glossary(["builtin"]), key=lambda c: c.id)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = planted_total = 0
    per_file = size // files
    for index in range(files):
        planted: list[str] = []
        parts = [HEADER]
        length = len(HEADER.encode("utf-8"))
        number = 0
        while length < per_file:
            text = entry(number, concepts, rng, planted)
            parts.append(text)
            length += len(text.encode("utf-8"))
            number += 1
        data = "".join(parts).encode("utf-8")
        (out / f"part{index:02d}.po").write_bytes(data)
        total += len(data)
        planted_total += len(planted)
    return total, planted_total


def time_lint(directory: Path, jobs: int) -> tuple[float, float, int]:
    """One run as a fresh process: (wall seconds, CPU seconds, findings)."""
    command = [sys.executable, "-m", "sphinx_exerkine.cli", "lint", "--no-cache", "-q", "-j", str(jobs),
               str(directory)]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"exerkine lint failed ({done.returncode}):\n{done.stderr}")
    return elapsed, _children_cpu() - cpu_before, len(done.stdout.splitlines())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_size(value: str) -> int:
    units = {"KB": 1000, "MB": 1000 ** 2}
    for suffix, factor in units.items():
        if value.upper().endswith(suffix):
            return int(float(value[:-len(suffix)]) * factor)
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("5MB"), help="total size (default 5MB)")
    parser.add_argument("--files", type=int, default=10, help="number of PO files (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported (default 3)")
    parser.add_argument("--jobs", type=int, default=1, help="exerkine lint -j (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="where to write the files (default: a temporary directory)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="po-speed-") as scratch:
        out = args.out or Path(scratch)
        size, planted = write_catalogues(out, args.size, args.files, args.seed)
        times, cpu = [], []
        findings = 0
        for _ in range(args.repeat):
            elapsed, used, findings = time_lint(out, args.jobs)
            times.append(elapsed)
            cpu.append(used)
    median = statistics.median(times)
    print(f"{size / 1e6:.2f} MB in {args.files} PO files, {planted} planted problems, {findings} findings")
    print(f"exerkine lint -j {args.jobs}: median {median:.2f} s wall of {', '.join(f'{t:.2f}' for t in times)} "
          f"({size / 1e6 / median:.2f} MB/s); median CPU {statistics.median(cpu):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
