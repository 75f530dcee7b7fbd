"""Time loading and validating glossaries: the built-in one and a synthetic 10,000-concept one.

    python bench/glossary_load.py [--repeat 7]

Cold: parsed and validated from YAML (no cache). Warm: the validated glossary read back from the cache,
which is keyed by the files' content. Medians of --repeat runs, in one process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run  # noqa: E402  (the synthetic glossary writer)

from sphinx_exerkine.loader import glossary_files, load_glossary  # noqa: E402


def median_seconds(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    os.environ["EXERKINE_CACHE_DIR"] = tempfile.mkdtemp(prefix="exerkine-load-")
    big = Path(tempfile.mkdtemp(prefix="exerkine-10k-"))
    count = run.synthetic_glossary(big, glossary_files(["builtin"]), seed=1)
    print("| glossary | cold: parse + validate | warm: from the cache |")
    print("|---|---:|---:|")
    for label, paths, repeat in (("built-in", ["builtin"], args.repeat), (f"synthetic, {count:,} concepts", [str(big)], 3)):
        cold = median_seconds(lambda: load_glossary(paths, use_cache=False), repeat)
        load_glossary(paths)
        warm = median_seconds(lambda: load_glossary(paths), args.repeat)
        print(f"| {label} | {cold * 1000:.1f} ms | {warm * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
