#!/usr/bin/env python3
"""Measure ``exerkine lint``, textlint + prh and a MeCab tokenize-only floor side by side, on one corpus.

    python bench/run.py --corpus bench/corpus --repeat 5

Every case runs as a fresh process, ``--repeat`` times, round-robin (one pass over all cases, then the next
pass), so a noisy moment of the machine hits every tool alike; medians are reported. Accuracy is computed
against the corpus's ``truth.json`` from each tool's own machine-readable output. A Markdown summary goes to
stdout and everything (every sample, every count) to ``bench/out/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
import mutate  # noqa: E402

TIME = "/usr/bin/time"
STARTUP_BYTES = 2048
SYNTHETIC_CONCEPTS = 10_000

# The floor: what MeCab alone costs on the same files (one Tagger, every line of every file).
FLOOR_SCRIPT = r"""
import os, sys
import fugashi
mode, root = sys.argv[1], sys.argv[2]
tagger = fugashi.Tagger()
tokens = 0
for directory, dirs, files in os.walk(root):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith((".md", ".rst")):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            for line in fh:
                if mode == "parse":
                    tagger.parse(line)
                else:
                    tokens += len(tagger(line))
print(tokens)
"""

# A second reference point: one compiled alternation of every listed variant, no tokenizer at all.
REGEX_SCRIPT = r"""
import os, re, sys
variants = sys.argv[2:]
pattern = re.compile("|".join(map(re.escape, sorted(variants, key=len, reverse=True))))
hits = 0
for directory, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith((".md", ".rst")):
            with open(os.path.join(directory, name), encoding="utf-8") as fh:
                hits += sum(1 for _ in pattern.finditer(fh.read()))
print(hits)
"""


# ------------------------------------------------------------------------------------------ measuring


@dataclass
class Sample:
    #: wall-clock seconds, measured around the process
    wall: float
    #: exit status
    rc: int
    #: peak resident set of the largest process (KiB), from /usr/bin/time -v or wait4
    max_rss_kib: int | None = None
    #: peak of the summed proportional set size of the process tree (KiB), sampled; multi-process cases
    tree_pss_kib: int | None = None
    #: peak of the summed anonymous (private, not file-backed) resident memory of the process tree (KiB),
    #: sampled: the resident set less mapped files such as the MeCab dictionary, whose pages the kernel
    #: maps in amounts that depend on the page cache rather than on the process
    private_kib: int | None = None
    #: killed after --timeout seconds
    timed_out: bool = False


@dataclass
class Case:
    #: row label
    name: str
    #: exerkine, textlint or floor
    tool: str
    #: what the row measures, for the README table and results.json
    what: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    #: bytes and files of input
    bytes: int
    files: int
    #: exit codes that are not failures
    ok: frozenset[int] = frozenset({0})
    #: called before each timed run (e.g. empty the cache)
    before: Callable[[], None] | None = None
    #: parser for accuracy: "exerkine" or "textlint"
    output: str | None = None
    #: truth scope for accuracy: "all", "md", or a label for ``scope_files``
    scope: str = "all"
    #: the files (relative paths) scored, when not the whole corpus or its Markdown half
    scope_files: frozenset[str] | None = None
    #: the directory the tool's paths are made relative to (default: the staged corpus)
    root: Path | None = None
    #: sample the whole process tree's memory (worker processes)
    tree: bool = False
    #: the row that speed is compared with
    baseline: str | None = None
    samples: list[Sample] = field(default_factory=list)
    last_stdout: Path | None = None
    error: str | None = None


def _proc_kib(pid: int, name: str, key: str) -> int | None:
    """The ``key:`` line (in KiB) of ``/proc/<pid>/<name>``, or None."""
    try:
        with open(f"/proc/{pid}/{name}") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _pss_kib(pid: int) -> int:
    pss = _proc_kib(pid, "smaps_rollup", "Pss")
    return pss if pss is not None else _proc_kib(pid, "status", "VmRSS") or 0


def _anon_kib(pid: int) -> int:
    return _proc_kib(pid, "status", "RssAnon") or 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


class TreeSampler(threading.Thread):
    """Samples the summed anonymous memory (and, with ``pss``, the summed PSS) of a process and its
    descendants every ``interval`` seconds."""

    def __init__(self, pid: int, pss: bool, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.pss, self.interval = pid, pss, interval
        self.peak = self.peak_anon = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            pids = _descendants(self.pid)  # (the tool runs under /usr/bin/time)
            self.peak_anon = max(self.peak_anon, sum(_anon_kib(p) for p in pids))
            if self.pss:
                self.peak = max(self.peak, sum(_pss_kib(p) for p in pids))
            self._done.wait(self.interval)

    def stop(self) -> tuple[int, int]:
        self._done.set()
        self.join()
        return self.peak, self.peak_anon


def measure(case: Case, stdout_path: Path, stderr_path: Path, timeout: float | None = None) -> Sample:
    if case.before:
        case.before()
    use_time = os.access(TIME, os.X_OK)
    time_file = stdout_path.with_suffix(".time")
    argv = ([TIME, "-v", "-o", str(time_file)] if use_time else []) + case.argv
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=case.cwd, env=case.env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        sampler = TreeSampler(proc.pid, pss=case.tree)
        sampler.start()
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL)) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    sample = Sample(wall=wall, rc=proc.returncode, max_rss_kib=usage.ru_maxrss)
    if timeout and wall >= timeout:
        sample.timed_out = True
    tree_pss, sample.private_kib = sampler.stop()
    if case.tree:
        sample.tree_pss_kib = tree_pss
    if use_time and time_file.exists():
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_file.read_text())
        if match:
            sample.max_rss_kib = int(match.group(1))
    return sample


# ------------------------------------------------------------------------------------------ the tools


def find_exerkine(given: str | None) -> list[str]:
    if given:
        return given.split()
    beside = Path(sys.executable).with_name("exerkine")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("exerkine")
    if found:
        return [found]
    raise SystemExit("exerkine not found: install the project (pip install -e .) or pass --exerkine")


def python_for(exerkine: list[str]) -> str:
    """The interpreter of the exerkine install (it has fugashi), else this one."""
    candidate = Path(exerkine[0]).with_name("python")
    return str(candidate) if candidate.exists() else sys.executable


def compile_bytecode(exerkine: list[str], env: dict, staged: Path, scratch: Path) -> None:
    """Write the bytecode of the modules a lint run imports, as ``pip install`` does for an installed
    package: one untimed run over a Markdown and a reStructuredText file, with a cache of its own.
    (A module that only some later row imports is compiled by that row's first run; medians ignore it.)"""
    sample = scratch / "bytecode"
    sample.mkdir()
    for sub in ("md", "rst"):
        first = next(iter(sorted((staged / sub).glob("*"))), None)
        if first is not None:
            shutil.copyfile(first, sample / first.name)
    subprocess.run(exerkine + ["lint", "--format", "json", str(sample)], cwd=scratch,
                   env=dict(env, EXERKINE_CACHE_DIR=str(scratch / "bytecode-cache")),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def setup_textlint(peers: Path, work: Path, log: Path) -> Path:
    """Copy the peer setup into ``work`` and install it once; return the textlint executable."""
    work.mkdir(parents=True, exist_ok=True)
    changed = False
    for name in ("package.json", "textlintrc.json", "install.sh"):
        source = peers / name
        if not source.exists():
            raise RuntimeError(f"{source} is missing")
        target = work / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
            changed = True
    textlint = work / "node_modules" / ".bin" / "textlint"
    if changed or not textlint.exists():
        with open(log, "wb") as fh:
            result = subprocess.run(["bash", str(work / "install.sh")], stdout=fh, stderr=subprocess.STDOUT)
        if result.returncode != 0 or not textlint.exists():
            raise RuntimeError(f"textlint install failed; see {log}")
    return textlint


def write_textlintrc(peers_rc: Path, prh: Path, target: Path) -> Path:
    config = json.loads(peers_rc.read_text(encoding="utf-8"))
    config.setdefault("rules", {}).setdefault("prh", {})
    if not isinstance(config["rules"]["prh"], dict):
        config["rules"]["prh"] = {}
    config["rules"]["prh"]["rulePaths"] = [str(prh.resolve())]
    target.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return target


def tool_version(argv: list[str]) -> str:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else ""
    except (OSError, subprocess.SubprocessError):
        return ""


# ----------------------------------------------------------------------------------- synthetic glossary

SYLLABLES = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke",
    "コ": "ko", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi",
    "テ": "te", "ト": "to", "ナ": "na", "ニ": "ni", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu",
    "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ラ": "ra",
    "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゴ": "go",
    "ダ": "da", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ジ": "ji", "ズ": "zu", "ゾ": "zo",
}
SUFFIXES = {"カイン": "kine", "ソーム": "some", "チン": "tin", "ニン": "nin", "リン": "rin", "ゲン": "gen",
            "トーム": "tome", "ジン": "zin", "": ""}


def synthetic_glossary(target: Path, real_files: list[Path], seed: int, total: int = SYNTHETIC_CONCEPTS) -> int:
    """Write ``total`` concepts into ``target``: the real glossary files plus made-up concepts."""
    target.mkdir(parents=True, exist_ok=True)
    real = generate.load_concepts(real_files)
    for i, path in enumerate(real_files):
        shutil.copyfile(path, target / f"real-{i:03d}{path.suffix}")
    generate.build_unlisted(real, generate.RealWordCheck(generate.load_known_words()))
    taken = {f.casefold() for c in real for f in c.forms()}
    taken |= {w.casefold() for pair in generate.LOOKALIKES for w in pair}
    taken |= {m.casefold() for c in real for pool in c.unlisted.values() for m in pool}
    rng = random.Random(f"synthetic:{seed}")
    kana = sorted(SYLLABLES)
    concepts = []
    coined: list[str] = []
    index = 0
    while len(concepts) < total - len(real):
        parts = [rng.choice(kana) for _ in range(rng.randint(2, 4))]
        suffix = rng.choice(sorted(SUFFIXES))
        stretch = rng.randrange(len(parts)) if rng.random() < 0.3 else -1
        ja = "".join(p + ("ー" if i == stretch else "") for i, p in enumerate(parts)) + suffix
        en = "".join(SYLLABLES[p] for p in parts) + SUFFIXES[suffix]
        ja_variant = next((m for m in mutate.m_voicing(ja) + mutate.m_long_vowel_double(ja)
                           if m.casefold() not in taken), None)
        en_variant = next((m for m in mutate.m_en_hyphen(en) if m.casefold() not in taken), None)
        if len(en) < 5 or ja.casefold() in taken or en.casefold() in taken or not ja_variant or not en_variant:
            continue
        for form in (ja, en, en + "s", ja_variant, en_variant):
            taken.add(form.casefold())
        index += 1
        cid = f"synth-{index:05d}"
        if not coined or rng.random() < 0.3:
            facts = {"coined": {"year": rng.randint(1950, 2024), "by": "Synthetic Author",
                                "source": "Benchmark generator"}}
            coined.append(cid)
        else:
            facts = {"is_a": [rng.choice(coined)]}
        concepts.append({
            "id": cid,
            "ja": {"term": ja, "reading": mutate.to_hiragana(ja), "variants": [ja_variant]},
            "en": {"term": en, "variants": [en_variant]},
            "definition": {"ja": f"負荷試験のために合成した概念（{index}番）。",
                           "en": f"A made-up concept for load tests (number {index})."},
            "facts": facts,
            "sources": ["Benchmark generator, synthetic entry."],
        })
    (target / "synthetic.yaml").write_text(
        yaml.safe_dump(concepts, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return len(real) + len(concepts)


# ------------------------------------------------------------------------------------------- accuracy


def exerkine_findings(stdout: Path, cwd: Path, corpus: Path, rules: set[str]) -> tuple[list[tuple], dict]:
    data = json.loads(stdout.read_text(encoding="utf-8"))
    out, other = [], {}
    for f in data.get("findings", []):
        if rules and f.get("rule") not in rules:
            other[f.get("rule")] = other.get(f.get("rule"), 0) + 1
            continue
        rel = os.path.relpath(os.path.join(cwd, f["path"]), corpus).replace(os.sep, "/")
        out.append((rel, f["line"], f["column"], f.get("found") or "", f.get("term")))
    return out, other


def textlint_findings(stdout: Path, corpus: Path) -> tuple[list[tuple], dict]:
    data = json.loads(stdout.read_text(encoding="utf-8"))
    out, other = [], {}
    texts: dict[str, list[str]] = {}
    for result in data:
        rel = os.path.relpath(result["filePath"], corpus).replace(os.sep, "/")
        for m in result.get("messages", []):
            if m.get("ruleId") != "prh":
                other[m.get("ruleId")] = other.get(m.get("ruleId"), 0) + 1
                continue
            found = m.get("message", "").split(" => ")[0]
            fix = m.get("fix") or {}
            if fix.get("range"):
                if rel not in texts:
                    texts[rel] = (corpus / rel).read_text(encoding="utf-8").split("\n")
                line = texts[rel][m["line"] - 1]
                found = line[m["column"] - 1: m["column"] - 1 + fix["range"][1] - fix["range"][0]] or found
            out.append((rel, m["line"], m["column"], found, None))
    return out, other


def score(findings: list[tuple], truth: dict, scope: str, only: frozenset[str] | None = None) -> dict:
    """Match findings to expected findings (same file and line, overlapping spans) and count."""
    files = {rel: e for rel, e in truth["files"].items()
             if (rel in only if only is not None else scope == "all" or rel.startswith(scope + "/"))}
    by_line: dict[tuple[str, int], list[dict]] = {}
    for rel, e in files.items():
        for rec in e["findings"]:
            by_line.setdefault((rel, rec["line"]), []).append({**rec, "_hit": False, "_file": rel})
    decoys: dict[tuple[str, int], list[dict]] = {}
    for rel, e in files.items():
        for rec in e["decoys"]:
            decoys.setdefault((rel, rec["line"]), []).append(rec)

    def overlap(col: int, text: str, rec_col: int, rec_text: str) -> bool:
        return col < rec_col + max(len(rec_text), 1) and rec_col < col + max(len(text), 1)

    tp = fp = wrong_term = 0
    fp_kinds: dict[str, int] = {}
    fp_examples: list[dict] = []
    for rel, line, col, found, term in sorted(f for f in findings if f[0] in files):
        candidates = [r for r in by_line.get((rel, line), []) if not r["_hit"] and overlap(col, found, r["column"], r["found"])]
        if candidates:
            best = min(candidates, key=lambda r: (r["column"] != col, r["found"] != found))
            best["_hit"] = True
            tp += 1
            if term is not None and term != best["term_id"]:
                wrong_term += 1
            continue
        fp += 1
        hit = [d for d in decoys.get((rel, line), []) if overlap(col, found, d["column"], d["text"])]
        kind = hit[0]["kind"] if hit else "elsewhere"
        fp_kinds[kind] = fp_kinds.get(kind, 0) + 1
        if len(fp_examples) < 40:
            fp_examples.append({"path": rel, "line": line, "column": col, "found": found, "on": kind})
    expected = [r for recs in by_line.values() for r in recs]
    fn = sum(1 for r in expected if not r["_hit"])

    def recall_by(key: Callable[[dict], str | None]) -> dict:
        table: dict[str, list[int]] = {}
        for r in expected:
            k = key(r)
            if k is None:
                continue
            hit_total = table.setdefault(k, [0, 0])
            hit_total[0] += r["_hit"]
            hit_total[1] += 1
        return {k: {"found": v[0], "expected": v[1], "recall": round(v[0] / v[1], 4)} for k, v in sorted(table.items())}

    missed = [{k: r[k] for k in ("line", "column", "found", "term_id", "kind")} | {"mutation": r.get("mutation")}
              for r in expected if not r["_hit"]][:40]
    return {
        "scope": scope,
        "expected": len(expected),
        "reported": tp + fp,
        "tp": tp, "fp": fp, "fn": fn,
        # found at the right place but attributed to another concept (tools that name the concept)
        "tp_with_other_term": wrong_term,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / len(expected), 4) if expected else None,
        "recall_by_kind": recall_by(lambda r: r["kind"]),
        "recall_by_mutation": recall_by(lambda r: r.get("mutation") or ("listed" if r["kind"] == "listed" else None)),
        "recall_by_language": recall_by(lambda r: r["lang"]),
        "recall_by_context": recall_by(lambda r: r["context"]),
        "recall_by_format": recall_by(lambda r: r["_file"].split("/")[0]),
        "false_positives_on": dict(sorted(fp_kinds.items())),
        "decoys_in_scope": sum(e["decoy_count"] for e in files.values()),
        "false_positive_examples": fp_examples,
        "missed_examples": missed,
    }


# ------------------------------------------------------------------------------------------- the plan


def stage_corpus(corpus: Path, scratch: Path) -> tuple[Path, Path]:
    staged = scratch / "corpus"
    shutil.copytree(corpus, staged, ignore=shutil.ignore_patterns("truth.json"))
    first_md = sorted((staged / "md").glob("*.md"))[0]
    head, size = [], 0
    for line in first_md.read_text(encoding="utf-8").splitlines(keepends=True):
        if size + len(line.encode("utf-8")) > STARTUP_BYTES:
            break
        head.append(line)
        size += len(line.encode("utf-8"))
    startup = scratch / "startup" / "start.md"
    startup.parent.mkdir()
    startup.write_text("".join(head), encoding="utf-8")
    return staged, startup


def stage_subset(staged: Path, target: Path, size: int) -> frozenset[str]:
    """Copy the first files of the corpus (Markdown and reStructuredText alternate) up to ``size`` bytes."""
    chosen, total = [], 0
    for path in sorted((p for p in staged.rglob("*") if p.suffix in (".md", ".rst")), key=lambda p: p.stem):
        if total >= size:
            break
        rel = path.relative_to(staged).as_posix()
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / rel)
        chosen.append(rel)
        total += path.stat().st_size
    return frozenset(chosen)


def tree_size(path: Path, suffixes=(".md", ".rst")) -> tuple[int, int]:
    files = [p for p in (path.rglob("*") if path.is_dir() else [path]) if p.suffix in suffixes]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--peers", type=Path, default=REPO.parent / "shared" / "peers",
                        help="directory with package.json, textlintrc.json and install.sh for textlint + prh")
    parser.add_argument("--exerkine", help="command that runs exerkine (default: the one beside this Python)")
    parser.add_argument("--glossary", action="append", default=[],
                        help="glossary path given to both exerkine and the prh export (default: the built-in one)")
    parser.add_argument("--prh", type=Path, help="use this prh.yml instead of exporting one")
    parser.add_argument("--rules", default="term-variant",
                        help="exerkine rules scored against the truth (comma-separated; empty for all)")
    parser.add_argument("--only", default="", help="run only cases whose name contains one of these words")
    parser.add_argument("--skip", default="", help="skip cases whose name contains one of these words")
    parser.add_argument("--big-glossary-size", type=generate.parse_size, default=generate.parse_size("1MB"),
                        help="how much of the corpus the 10,000-concept glossary rows read (default 1MB)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="kill a run after this many seconds and mark its case failed (default 600)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args(argv)

    truth_path = args.corpus / "truth.json"
    if not truth_path.exists():
        raise SystemExit(f"{truth_path} not found: run bench/generate.py first")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    args.out = args.out.resolve()  # the tools run in a scratch directory: a relative path would point there
    args.out.mkdir(parents=True, exist_ok=True)
    exerkine = find_exerkine(args.exerkine)
    python = python_for(exerkine)
    scratch = Path(tempfile.mkdtemp(prefix="exerkine-bench-"))
    notes: list[str] = []
    try:
        return run(args, truth, exerkine, python, scratch, notes)
    finally:
        if args.keep:
            print(f"\nscratch directory kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def run(args, truth: dict, exerkine: list[str], python: str, scratch: Path, notes: list[str]) -> int:
    staged, startup = stage_corpus(args.corpus, scratch)
    all_bytes, all_files = tree_size(staged)
    md_bytes, md_files = tree_size(staged / "md")
    start_bytes, _ = tree_size(startup)
    cache = scratch / "cache"
    env = dict(os.environ, EXERKINE_CACHE_DIR=str(cache), PYTHONHASHSEED="0")
    env.pop("PYTHONPATH", None)
    # Measured as installed: pip compiles an installed package's bytecode, so no row should pay for
    # compiling the sources (an editable install under PYTHONDONTWRITEBYTECODE=1 would, on every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    glossary_args = [a for g in args.glossary for a in ("--glossary", g)]
    compile_bytecode(exerkine, env, staged, scratch)

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def run_once(argv: list[str]) -> Callable[[], None]:
        """A warm row runs its own command once, untimed, right before the timed run."""
        def before() -> None:
            try:
                subprocess.run(argv, cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               check=False, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                pass

        return before

    glossary_paths = [Path(g) for g in args.glossary] or [REPO / "glossary"]
    fingerprint = generate.glossary_fingerprint(generate.load_concepts(glossary_paths))
    if fingerprint != truth["generator"].get("glossary_fingerprint"):
        notes.append("the corpus was generated from a different glossary than the one linted with: "
                     "regenerate it (bench/generate.py) for a meaningful accuracy")

    lint = exerkine + ["lint", "--format", "json"]
    cases: list[Case] = []

    def add(**kw) -> None:
        cases.append(Case(cwd=scratch, env=env, **kw))

    add(name="exerkine", tool="exerkine", what="default invocation, all files, empty cache",
        argv=lint + glossary_args + ["corpus"], bytes=all_bytes, files=all_files, ok=frozenset({0, 1}),
        before=clear_cache, output="exerkine", baseline="textlint+prh")
    add(name="exerkine term-variant", tool="exerkine",
        what="variants only (`--select term-variant`, what prh does), all files, empty cache",
        argv=lint + glossary_args + ["--select", "term-variant", "corpus"], bytes=all_bytes, files=all_files,
        ok=frozenset({0, 1}), before=clear_cache, output="exerkine", baseline="textlint+prh")
    add(name="exerkine warm", tool="exerkine", what="second invocation on unchanged files (result cache)",
        argv=lint + glossary_args + ["corpus"], bytes=all_bytes, files=all_files, ok=frozenset({0, 1}),
        before=run_once(lint + glossary_args + ["corpus"]), output="exerkine", baseline="textlint+prh")
    add(name="exerkine -j 2", tool="exerkine", what="two worker processes, all files, empty cache",
        argv=lint + glossary_args + ["-j", "2", "corpus"], bytes=all_bytes, files=all_files, ok=frozenset({0, 1}),
        before=clear_cache, output="exerkine", tree=True, baseline="textlint+prh")
    add(name="exerkine md", tool="exerkine", what="Markdown half only (what textlint reads), empty cache",
        argv=lint + glossary_args + ["corpus/md"], bytes=md_bytes, files=md_files, ok=frozenset({0, 1}),
        before=clear_cache, output="exerkine", scope="md", baseline="textlint+prh")
    add(name="exerkine start-up", tool="exerkine", what="one 2 KB Markdown file, empty cache",
        argv=lint + glossary_args + ["startup/start.md"], bytes=start_bytes, files=1, ok=frozenset({0, 1}),
        before=clear_cache, baseline="textlint+prh start-up")
    add(name="exerkine start-up warm", tool="exerkine", what="one 2 KB Markdown file, second invocation",
        argv=lint + glossary_args + ["startup/start.md"], bytes=start_bytes, files=1, ok=frozenset({0, 1}),
        before=run_once(lint + glossary_args + ["startup/start.md"]), baseline="textlint+prh start-up")

    big = scratch / "glossary10k"
    try:
        count = synthetic_glossary(big, generate.glossary_files(glossary_paths), truth["generator"]["seed"])
        check = subprocess.run(exerkine + ["glossary", "check", str(big)], capture_output=True, text=True,
                               env=env, cwd=scratch, timeout=args.timeout)
        if check.returncode != 0:
            raise RuntimeError("the synthetic glossary does not validate:\n" + (check.stdout + check.stderr)[-2000:])
        big_args = ["--glossary", str(big)]
        subset = stage_subset(staged, scratch / "subset", args.big_glossary_size)
        sub_bytes, sub_files = tree_size(scratch / "subset")
        add(name="exerkine 10k glossary", tool="exerkine",
            what=f"{sub_files} of the files with a {count:,}-concept glossary, empty cache",
            argv=lint + big_args + ["subset"], bytes=sub_bytes, files=sub_files, ok=frozenset({0, 1}),
            before=clear_cache, output="exerkine", baseline="textlint+prh", root=scratch / "subset",
            scope=f"{sub_files} files", scope_files=subset)
        # the glossary's own cost: the same files, results not cached, the validated glossary and the
        # compiled matcher cached (keyed by the glossary's content) for both glossaries
        for label, gargs in (("10k glossary, glossary cached", big_args), ("default glossary, same files", glossary_args)):
            argv = lint + gargs + ["--no-cache", "subset"]
            add(name=f"exerkine {label}", tool="exerkine",
                what=f"{sub_files} files, lint results not cached, glossary and matcher cached",
                argv=argv, bytes=sub_bytes, files=sub_files, ok=frozenset({0, 1}),
                before=run_once(argv), output="exerkine", baseline="exerkine default glossary, same files",
                root=scratch / "subset", scope=f"{sub_files} files", scope_files=subset)
        add(name="exerkine 10k start-up warm", tool="exerkine",
            what=f"one 2 KB file with the {count:,}-concept glossary, second invocation",
            argv=lint + big_args + ["startup/start.md"], bytes=start_bytes, files=1, ok=frozenset({0, 1}),
            before=run_once(lint + big_args + ["startup/start.md"]), baseline="textlint+prh start-up")
    except Exception as exc:  # noqa: BLE001 - reported in the results, the other rows still run
        notes.append(f"10k-glossary rows skipped: {exc}")

    try:
        textlint = setup_textlint(args.peers, BENCH / "peers", args.out / "npm-install.log")
        prh = args.prh
        if prh is not None:
            notes.append(f"textlint used the prh.yml given with --prh ({prh}), not an export of the glossary")
        else:
            prh = args.out / "prh.yml"
            export = subprocess.run(exerkine + ["glossary", "export", "--format", "prh", "-o", str(prh)] + glossary_args,
                                    capture_output=True, text=True, env=env)
            if export.returncode != 0:
                raise RuntimeError("exerkine glossary export --format prh failed:\n" + export.stderr[-2000:])
        rc = write_textlintrc(args.peers / "textlintrc.json", prh, args.out / "textlintrc.json")
        tl = [str(textlint), "-c", str(rc), "-f", "json"]
        add(name="textlint+prh", tool="textlint", what="Markdown half (textlint has no reStructuredText reader)",
            argv=tl + ["corpus/md"], bytes=md_bytes, files=md_files, ok=frozenset({0, 1}),
            output="textlint", scope="md")
        add(name="textlint+prh start-up", tool="textlint", what="one 2 KB Markdown file",
            argv=tl + ["startup/start.md"], bytes=start_bytes, files=1, ok=frozenset({0, 1}))
    except Exception as exc:  # noqa: BLE001
        notes.append(f"textlint rows skipped: {exc}")

    add(name="floor: tagger.parse", tool="floor", what="fugashi Tagger().parse(line) on every line, all files",
        argv=[python, "-c", FLOOR_SCRIPT, "parse", "corpus"], bytes=all_bytes, files=all_files,
        baseline="textlint+prh")
    add(name="floor: tagger(line)", tool="floor", what="fugashi node objects for every line, all files",
        argv=[python, "-c", FLOOR_SCRIPT, "nodes", "corpus"], bytes=all_bytes, files=all_files,
        baseline="textlint+prh")
    variants = sorted({v for c in generate.load_concepts(glossary_paths) for v in (*c.ja_variants, *c.en_variants)})
    if variants:
        add(name="floor: one regex", tool="floor", what="one compiled alternation of all listed variants, all files",
            argv=[python, "-c", REGEX_SCRIPT, "corpus", *variants], bytes=all_bytes, files=all_files,
            baseline="textlint+prh")

    only = [w for w in args.only.split(",") if w]
    skip = [w for w in args.skip.split(",") if w]
    cases = [c for c in cases if (not only or any(w in c.name for w in only)) and not any(w in c.name for w in skip)]

    logs = args.out / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    for round_no in range(1, args.repeat + 1):
        for case in cases:
            if case.error:
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")
            stdout, stderr = logs / f"{slug}.out", logs / f"{slug}.err"
            sample = measure(case, stdout, stderr, args.timeout)
            if sample.timed_out:
                case.error = f"timed out: killed after {args.timeout:g} s"
                print(f"[{case.name}] {case.error}", file=sys.stderr)
                continue
            if sample.rc in case.ok and case.output and not _is_json(stdout):
                sample.rc = -1          # e.g. textlint prints its error and exits 1, like a lint failure
            if sample.rc not in case.ok:
                case.error = f"exit status {sample.rc}: {stderr.read_text(errors='replace')[-1500:].strip()}"
                print(f"[{case.name}] failed: {case.error}", file=sys.stderr)
                continue
            case.samples.append(sample)
            case.last_stdout = stdout
            print(f"round {round_no}/{args.repeat}  {case.name:<28} {sample.wall:8.3f} s", file=sys.stderr)

    rules = {r for r in args.rules.split(",") if r}
    results = summarize(cases, truth, staged, scratch, rules, notes)
    results["environment"] = environment(exerkine, cases)
    results["corpus"] = {"path": str(args.corpus), "generator": truth["generator"], "summary": truth["summary"]}
    results["repeat"] = args.repeat
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(results))
    print(f"\nfull results: {args.out / 'results.json'}")
    return 0


# -------------------------------------------------------------------------------------------- results


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
        return True
    except (ValueError, OSError):
        return False


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarize(cases: list[Case], truth: dict, staged: Path, scratch: Path, rules: set[str], notes: list[str]) -> dict:
    rows = []
    by_name = {c.name: c for c in cases}
    for case in cases:
        walls = [s.wall for s in case.samples]
        rss = [s.max_rss_kib for s in case.samples if s.max_rss_kib]
        tree = [s.tree_pss_kib for s in case.samples if s.tree_pss_kib]
        private = [s.private_kib for s in case.samples if s.private_kib]
        row = {
            "name": case.name, "tool": case.tool, "what": case.what, "argv": case.argv,
            "bytes": case.bytes, "files": case.files, "error": case.error,
            "wall_s": [round(w, 4) for w in walls],
            "median_s": round(median(walls), 4) if walls else None,
            "min_s": round(min(walls), 4) if walls else None,
            "mb_per_s": round(case.bytes / 1e6 / median(walls), 3) if walls else None,
            "peak_rss_mib": round(max(rss) / 1024, 1) if rss else None,
            "tree_pss_mib": round(max(tree) / 1024, 1) if tree else None,
            "private_mib": round(max(private) / 1024, 1) if private else None,
            "exit_status": sorted({s.rc for s in case.samples}),
        }
        base = by_name.get(case.baseline or "")
        if walls and base and base.samples:
            base_rate = base.bytes / median([s.wall for s in base.samples])
            rate = case.bytes / median(walls)
            # start-up rows compare times; throughput rows compare bytes per second
            row["speed_vs_baseline"] = round(rate / base_rate, 2) if case.files > 1 else round(
                median([s.wall for s in base.samples]) / median(walls), 2)
            row["baseline"] = case.baseline
        if case.output and case.last_stdout and not case.error:
            try:
                root = case.root or staged
                if case.output == "exerkine":
                    found, other = exerkine_findings(case.last_stdout, scratch, root, rules)
                else:
                    found, other = textlint_findings(case.last_stdout, root)
                row["accuracy"] = score(found, truth, case.scope, case.scope_files)
                row["accuracy"]["other_findings"] = other
            except (ValueError, KeyError, OSError) as exc:
                row["accuracy_error"] = f"could not read the output: {exc}"
        rows.append(row)
    reference = next((r for r in rows if r["name"] == "exerkine" and r.get("accuracy")), None)
    for r in rows:
        if reference and r is not reference and r.get("accuracy") and r["accuracy"]["scope"] == "all":
            keys = ("tp", "fp", "fn")
            if any(r["accuracy"][k] != reference["accuracy"][k] for k in keys) and "10k" not in r["name"]:
                notes.append(f"{r['name']} reported other findings than the cold default run")
    return {"rows": rows, "notes": notes, "scored_rules": sorted(rules)}


def environment(exerkine: list[str], cases: list[Case]) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    textlint = next((c.argv[0] for c in cases if c.tool == "textlint"), None)
    return {
        "platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "exerkine": tool_version(exerkine + ["--version"]),
        "node": tool_version(["node", "--version"]),
        "textlint": tool_version([textlint, "--version"]) if textlint else None,
        "time_source": "/usr/bin/time -v" if os.access(TIME, os.X_OK) else "wait4 rusage",
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def _fmt(value, spec: str = "", none: str = "–") -> str:
    return none if value is None else format(value, spec)


def markdown(results: dict) -> str:
    env = results["environment"]
    corpus = results["corpus"]["summary"]
    out = [
        f"## exerkine benchmark — {corpus['files']} files, {corpus['bytes'] / 1e6:.2f} MB, "
        f"median of {results['repeat']} runs",
        "",
        f"{env['cpu']} ({env['cpus']} CPUs), Python {env['python']}, {env['exerkine']}, node {env['node']}, "
        f"textlint {env['textlint']}. MB = 10^6 bytes.",
        "",
        "| case | input | median s | MB/s | vs textlint+prh | peak RSS MiB | private MiB | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results["rows"]:
        size = f"{r['files']} files, {r['bytes'] / 1e6:.2f} MB" if r["files"] > 1 else f"1 file, {r['bytes'] / 1e3:.1f} KB"
        rss = _fmt(r["peak_rss_mib"])
        if r.get("tree_pss_mib"):
            rss += f" (tree {r['tree_pss_mib']})"
        ratio = f"{r['speed_vs_baseline']}×" if r.get("speed_vs_baseline") else "–"
        rate = _fmt(r["mb_per_s"], ".2f") if r["files"] > 1 else "–"
        note = "FAILED: " + r["error"].splitlines()[0][:80] if r["error"] else r["what"]
        private = _fmt(r.get("private_mib"))
        out.append(f"| {r['name']} | {size} | {_fmt(r['median_s'], '.3f')} | {rate} | {ratio} | {rss} | {private} | {note} |")

    scored = [r for r in results["rows"] if r.get("accuracy")]
    if scored:
        out += ["", "### Accuracy against truth.json", "",
                "| case | scope | expected | reported | TP | FP | FN | precision | recall | listed | unlisted |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in scored:
            a = r["accuracy"]
            kinds = a["recall_by_kind"]
            out.append(f"| {r['name']} | {a['scope']} | {a['expected']} | {a['reported']} | {a['tp']} | {a['fp']} | "
                       f"{a['fn']} | {_fmt(a['precision'], '.3f')} | {_fmt(a['recall'], '.3f')} | "
                       f"{_fmt(kinds.get('listed', {}).get('recall'), '.3f')} | "
                       f"{_fmt(kinds.get('unlisted', {}).get('recall'), '.3f')} |")
        main_rows = [r for r in scored if r["name"] in ("exerkine", "exerkine md", "textlint+prh")]
        mutations = sorted({m for r in main_rows for m in r["accuracy"]["recall_by_mutation"]})
        if mutations:
            out += ["", "Recall by kind of variant:", "",
                    "| variant | " + " | ".join(r["name"] + f" ({r['accuracy']['scope']})" for r in main_rows) + " |",
                    "|---|" + "---:|" * len(main_rows)]
            for m in mutations:
                cells = []
                for r in main_rows:
                    v = r["accuracy"]["recall_by_mutation"].get(m)
                    cells.append(f"{v['found']}/{v['expected']}" if v else "–")
                out.append(f"| {m} | " + " | ".join(cells) + " |")
        fp_kinds = sorted({k for r in main_rows for k in r["accuracy"]["false_positives_on"]})
        if fp_kinds:
            out += ["", "False positives, by what they hit:", "",
                    "| hit | " + " | ".join(r["name"] for r in main_rows) + " |",
                    "|---|" + "---:|" * len(main_rows)]
            for k in fp_kinds:
                out.append(f"| {k} | " + " | ".join(str(r["accuracy"]["false_positives_on"].get(k, 0))
                                                    for r in main_rows) + " |")
        others = {r["name"]: r["accuracy"]["other_findings"] for r in scored if r["accuracy"]["other_findings"]}
        if others:
            out += ["", "Findings of rules not scored: " + "; ".join(f"{k}: {v}" for k, v in others.items())]
    if results["notes"]:
        out += ["", "Notes:", ""] + [f"- {n}" for n in results["notes"]]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
