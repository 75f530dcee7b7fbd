#!/usr/bin/env python3
"""Write a deterministic Japanese/English technical corpus with planted terminology problems.

    python bench/generate.py --size 10MB --out bench/corpus --seed 1

The corpus is half Markdown (``md/``), half reStructuredText (``rst/``), about 50 KB per file, built from
the word lists and sentence patterns below and from the concepts of the glossary (``glossary/*.yaml``).
About once every 400 characters of prose it plants one of:

* a listed variant of a glossary term (``ja.variants`` / ``en.variants``) -> an expected finding;
* an unlisted variant: a realistic mutation of a term that is not a glossary form and not a real word
  -> an expected finding;
* a decoy that must not be reported: a correct term inside a compound, a real look-alike word, an admitted
  form or abbreviation, an English plural.

Variants are also put where they are not prose (fenced and literal code blocks, inline code, URLs,
comments): decoys too. ``truth.json`` lists every planted item with its 1-based line and column (counted in
characters); positions are recorded while the text is built and checked again before the files are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mutate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------------------------------ word lists

SUBJECTS = ["健常な若年男性", "中高齢の女性", "持久系の競技者", "二型糖尿病の患者", "肥満傾向の成人",
            "野生型マウス", "高脂肪食で飼育したマウス", "培養した筋管細胞", "運動習慣のない大学生"]
SAMPLES = ["血漿", "血清", "筋生検試料", "培養上清", "尿", "唾液", "皮下脂肪", "脳脊髄液", "静脈血"]
EXERCISES = ["一過性の持久性運動", "八週間の筋力トレーニング", "高強度インターバル運動",
             "自転車エルゴメーターによる漸増負荷運動", "下り坂走", "電気刺激による筋収縮",
             "三十分間の中強度歩行", "片脚での膝伸展運動", "低酸素環境での走行"]
METHODS = ["超遠心法", "サイズ排除クロマトグラフィー", "密度勾配遠心", "ナノ粒子トラッキング解析",
           "ウエスタンブロット法", "透過型電子顕微鏡", "液体クロマトグラフィー質量分析", "定量PCR",
           "ELISA法", "フローサイトメトリー", "免疫沈降法"]
QUANTITIES = ["濃度", "粒子数", "発現量", "分泌量", "血中レベル", "含有量", "放出量"]
TIMES = ["運動直後", "運動終了の三十分後", "安静時", "翌朝", "介入の前後", "二十四時間後", "回復期"]
VERBS = ["測定した", "定量した", "比較した", "評価した", "解析した", "検討した", "記録した"]
RESULTS = ["有意に増加した", "有意な変化を示さなかった", "一過性に上昇した", "低下する傾向を示した",
           "群間で差がなかった", "およそ二倍になった", "緩やかに減少した"]
ASPECTS = ["分泌機構", "生理的な役割", "測定法", "組織特異性", "時間経過", "個人差", "標準化の課題",
           "保存条件の影響", "命名の経緯"]
CAVEATS = ["溶血の影響", "採血時刻の違い", "抗凝固剤の種類", "凍結と融解の回数", "直前の食事",
           "測定キットによる差", "試料の希釈率"]
CONNECTIVES = ["一方で", "さらに", "また", "しかし", "これに対して", "なお", "以上より", "同様に"]
STORAGE = ["マイナス八十度", "四度", "室温", "液体窒素中"]
SOFTWARE = ["R", "Python", "SPSS", "JASP", "Stata"]
NOTES = ["二重測定", "n = {n}", "空腹時", "午前中に採取", "再測定あり", "なし", "参考値"]
NUMBERS_JA = ["二", "三", "四", "五", "六", "八", "十", "十二"]

EX_EN = ["a single bout of cycling", "eight weeks of resistance training", "high-intensity interval exercise",
         "downhill running", "a graded treadmill test", "electrical pulse stimulation"]
SAMPLE_EN = ["plasma", "serum", "conditioned medium", "urine", "muscle biopsies", "saliva"]
METHOD_EN = ["ultracentrifugation", "size-exclusion chromatography", "density gradient centrifugation",
             "immunoaffinity capture", "nanoparticle tracking analysis"]
CONTEXT_EN = ["muscle adaptation", "glucose uptake", "bone remodelling", "cognitive function",
              "inter-organ communication", "insulin sensitivity"]

# Japanese sentence patterns. {T}: the sentence's concept in Japanese (may be planted), {E}: the same
# concept in English (may be planted), {U}: another concept, always correct.
JA_SENTENCES = [
    "{time}に採取した{sample}中の{T}の{qty}を{method}で{verb}。",
    "{exercise}の後、{T}の{qty}は{result}。",
    "近年、{T}（{E}）に関する報告が増えている。",
    "{conn}、{T}の{aspect}については未解明の点が多い。",
    "本節では{T}の{aspect}を概説する。",
    "{sample}から{T}を回収する手順は、{method}の標準的なプロトコルに準じた。",
    "{T}と{U}の関係を{method}で調べた研究はまだ少ない。",
    "図{n}に{T}の{qty}の推移を示す。",
    "{num}名の{subject}を対象に、{exercise}が{T}に与える影響を調べた。",
    "{T}の{qty}は個人差が大きく、{subject}では特にばらつきが目立った。",
    "{T}を指標とする場合には、{caveat}に注意する必要がある。",
    "これらの結果は、{T}が{exercise}に応答して変化する可能性を示している。",
    "分野によって用語の使い方に揺れがあるため、本稿では{T}を用語集の定義どおりに用いる。",
    "表{n}に{T}の測定条件をまとめる。",
    "{T}（{E}）という語が指す範囲は、論文によって少しずつ異なる。",
    "{conn}、{method}では{T}以外の粒子も回収されるため、純度の評価が欠かせない。",
    "{subject}では、{time}の{T}の{qty}が対照群より高かった。",
    "{T}の{qty}と最大酸素摂取量との相関は弱かった。",
    "ここでいう{T}は、{method}で分離した画分を指す。",
    "{exercise}を{numja}週間続けても、{T}の{qty}はほとんど変わらなかった。",
    "{T}の研究では、{caveat}が結果を左右することがある。",
    "{conn}、{U}と比べて{T}の{aspect}はよく調べられている。",
]
# Sentences without any concept, to vary the density of terms.
JA_PLAIN = [
    "解析には{software}を用い、有意水準は五パーセントとした。",
    "測定は{n}回繰り返し、平均値と標準偏差を算出した。",
    "試料は{storage}で保存し、{n}日以内に解析した。",
    "すべての参加者から書面による同意を得た。",
    "外れ値の扱いは事前に定めた手順に従った。",
    "{conn}、採血は{time}に統一した。",
    "群間の比較には対応のない検定を用いた。",
]
EN_SENTENCES = [
    "Plasma {E} levels were measured after {ex}.",
    "The role of {E} in {ctx} remains unclear.",
    "Changes in {E} release were small compared with the variation between participants.",
    "Most studies report {E} concentrations at a single time point only.",
    "In this section the term {E} follows the glossary.",
    "We estimated {E} content in {sample_en} by {method_en}.",
]
PLURAL_SENTENCES = [
    "Several {P} have been described in {sample_en}.",
    "The {P} were counted in each fraction.",
]
JA_HEADINGS = ["{T}の測定", "{T}の単離と定量", "{T}の定義", "{T}に関する注意点", "{T}と運動", "{T}の{aspect}"]
PLAIN_HEADINGS = ["背景", "方法", "結果", "考察", "測定条件", "試料の扱い", "統計解析", "限界"]
JA_LIST_ITEMS = [
    "{T}の{qty}（{method}）",
    "{time}に{sample}を採取し、{T}を測定する",
    "{T}を含む画分の確認",
    "{caveat}の記録",
    "{method}による{T}の検出",
]
TABLE_HEADER = ["指標", "測定法", "時点", "備考"]

JA_COMPOUND_SUFFIXES = ["分画", "研究", "マーカー", "濃度", "関連遺伝子", "様作用", "画分", "群"]
JA_COMPOUND_PREFIXES = ["血中", "筋由来", "抗", "総"]
EN_COMPOUND_SUFFIXES = ["-derived", "-like", "-enriched", "-associated"]
VARIANT_SUFFIXES = ["分画", "研究", "濃度", "画分"]

# Real words that look like glossary terms: they must never be reported.
LOOKALIKES = [
    ("リソソーム", "lysosome"), ("リボソーム", "ribosome"), ("エンドソーム", "endosome"),
    ("リポソーム", "liposome"), ("ペルオキシソーム", "peroxisome"), ("プロテアソーム", "proteasome"),
    ("オートファゴソーム", "autophagosome"), ("セクレチン", "secretin"), ("アディポサイト", "adipocyte"),
    ("ヘパトサイト", "hepatocyte"), ("ミオパチー", "myopathy"), ("マイクロバイオーム", "microbiome"),
    ("ミオグロビン", "myoglobin"), ("ミオシン", "myosin"), ("プロテオーム", "proteome"),
    ("トランスクリプトーム", "transcriptome"), ("メタボローム", "metabolome"), ("クロモソーム", "chromosome"),
    ("マイクロアレイ", "microarray"), ("ミオサイト", "myocyte"), ("サイトゾル", "cytosol"),
    ("セクレターゼ", "secretase"), ("テトラサイクリン", "tetracycline"), ("ミオブラスト", "myoblast"),
    ("エキソヌクレアーゼ", "exonuclease"), ("アディポジェネシス", "adipogenesis"),
    ("エクソーム", "exome"), ("レクチン", "lectin"), ("サイトカイニン", "cytokinin"), ("リシン", "lysine"),
    ("オステオペニア", "osteopenia"), ("サルコメア", "sarcomere"), ("ヘパトーマ", "hepatoma"),
    ("オステオポンチン", "osteopontin"), ("ミオキナーゼ", "myokinase"), ("カルシトニン", "calcitonin"),
    ("テトラマー", "tetramer"), ("インテグリン", "integrin"),
]

CODE_BLOCKS = {
    "python": [
        "# {V} の粒子数を集計する",
        "import pandas as pd",
        "",
        'table = pd.read_csv("counts.csv")',
        'label = "{V}"',
        'print(table.groupby("group")["count"].median())',
    ],
    "yaml": [
        "analysis:",
        "  target: {V}",
        "  method: ultracentrifugation",
        "  replicates: 3",
        "  note: \"{V}\"",
    ],
    "bash": [
        "# {V} のデータを取り出す",
        'python scripts/count.py --label "{V}" data/raw/',
        "ls results/",
    ],
    "json": [
        "{",
        '  "term": "{V}",',
        '  "samples": 24,',
        '  "alias": "{V}"',
        "}",
    ],
}
INLINE_CODE_SENTENCES = [
    "旧版のスクリプトは {C} という列名を出力する。",
    "設定ファイルでは {C} というキーを使う。",
    "集計表の見出し {C} は変換時にそのまま残す。",
]
URL_BASES = ["https://example.org/terms/", "https://ja.example.net/wiki/", "https://example.com/protocols/"]
URL_SENTENCES = [
    "手順の詳細は {L} を参照のこと。",
    "測定プロトコルは {L} で公開されている。",
]


# ------------------------------------------------------------------------------------------- glossary


@dataclass
class Concept:
    id: str
    ja: str
    ja_variants: list[str]
    ja_admitted: list[str]
    en: str
    en_plural: str
    en_variants: list[str]
    en_admitted: list[str]
    abbreviations: list[str]
    #: mutation kind -> unlisted variants it makes (filled by build_unlisted)
    unlisted: dict[str, list[str]] = field(default_factory=dict)

    def forms(self) -> list[str]:
        return [self.ja, *self.ja_variants, *self.ja_admitted, self.en, self.en_plural, *self.en_variants,
                *self.en_admitted, *self.abbreviations]


def glossary_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            files.append(path)
    return files


def _strings(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def load_concepts(paths: list[Path]) -> list[Concept]:
    concepts: dict[str, Concept] = {}
    for path in glossary_files(paths):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("concepts")
        for item in data or []:
            if not isinstance(item, dict) or "id" not in item:
                continue
            ja, en = item.get("ja") or {}, item.get("en") or {}
            if not ja.get("term") or not en.get("term"):
                continue
            term_en = str(en["term"])
            concepts[str(item["id"])] = Concept(
                id=str(item["id"]),
                ja=str(ja["term"]),
                ja_variants=_strings(ja.get("variants")),
                ja_admitted=_strings(ja.get("admitted")),
                en=term_en,
                en_plural=str(en.get("plural") or term_en + "s"),
                en_variants=_strings(en.get("variants")),
                en_admitted=_strings(en.get("admitted")),
                abbreviations=_strings(en.get("abbreviations")),
            )
    return [concepts[k] for k in sorted(concepts)]


def glossary_fingerprint(concepts: list[Concept]) -> str:
    digest = hashlib.sha256()
    for c in concepts:
        digest.update(json.dumps([c.id, c.forms()], ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def load_known_words() -> set[str]:
    words = {ja for ja, _ in LOOKALIKES} | {en for _, en in LOOKALIKES}
    path = REPO / "sphinx_exerkine" / "data" / "known_words.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(line.split()[0])
    return words


class RealWordCheck:
    """Tells whether a string is a real word: a known word, or one dictionary token for MeCab."""

    def __init__(self, known: set[str]) -> None:
        self.known = {unicodedata.normalize("NFKC", w).casefold() for w in known}
        try:
            import fugashi

            self.tagger = fugashi.Tagger()
        except Exception:  # the check still works from the word list alone
            self.tagger = None

    def __call__(self, text: str) -> bool:
        folded = unicodedata.normalize("NFKC", text).casefold()
        if folded in self.known:
            return True
        if self.tagger is None or not any(mutate.is_katakana(c) for c in folded):
            return False
        nodes = self.tagger(unicodedata.normalize("NFKC", text))
        return len(nodes) == 1 and not nodes[0].is_unk


def build_unlisted(concepts: list[Concept], is_real_word: RealWordCheck) -> None:
    """Fill each concept's ``unlisted`` pools with mutations that are neither glossary forms nor words."""
    forms = {f for c in concepts for f in c.forms()}
    listed = {v for c in concepts for v in (*c.ja_variants, *c.en_variants) if len(v) >= 3}
    lookalikes = {w for pair in LOOKALIKES for w in pair}
    folded_forms = {f.casefold() for f in forms}
    for c in concepts:
        for table, base in ((mutate.JA_MUTATIONS, c.ja), (mutate.EN_MUTATIONS, c.en)):
            if table is mutate.EN_MUTATIONS and base.upper() == base:
                continue        # an acronym (SPARC): a typo of it is not a word-like misspelling
            for kind, fn in table.items():
                pool = []
                for m in dict.fromkeys(fn(base)):
                    if m in forms or m in lookalikes or m.casefold() in folded_forms:
                        continue
                    if any(v in m for v in listed):
                        continue
                    if is_real_word(m):
                        continue
                    pool.append(m)
                if pool:
                    c.unlisted[kind] = pool


# --------------------------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One line being built; planted items get their column from the text written before them."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    findings: list[dict] = field(default_factory=list)
    decoys: list[dict] = field(default_factory=list)
    mentions: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def finding(self, found: str, **rec) -> None:
        self.findings.append({"column": self.length + 1, "found": found, **rec})
        self.add(found)

    def decoy(self, text: str, **rec) -> None:
        self.decoys.append({"column": self.length + 1, "text": text, **rec})
        self.add(text)

    def mention(self, text: str) -> None:
        self.mentions.append((self.length + 1, text))
        self.add(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# ------------------------------------------------------------------------------------------ documents


class Document:
    """Builds one file: markup-neutral content generation; subclasses write the markup."""

    fmt = ""
    ext = ""

    def __init__(self, rng: random.Random, concepts: list[Concept], rate: int) -> None:
        self.rng = rng
        self.concepts = concepts
        self.rate = rate
        self.lines: list[Line] = []
        self.bytes = 0
        self.prose_chars = 0
        self.since_plant = 0
        self.next_gap = self._gap()
        self.with_ja_variants = [c for c in concepts if c.ja_variants]
        self.with_en_variants = [c for c in concepts if c.en_variants]
        self.with_admitted = [c for c in concepts if c.ja_admitted or c.en_admitted or c.abbreviations]
        self.with_plural = [c for c in concepts if c.en_plural != c.en]
        self.lookalikes = LOOKALIKES
        self.ja_kinds = sorted({k for c in concepts for k in c.unlisted if k in mutate.JA_MUTATIONS})
        self.en_kinds = sorted({k for c in concepts for k in c.unlisted if k in mutate.EN_MUTATIONS})

    # -- bookkeeping

    def _gap(self) -> int:
        return self.rng.randint(self.rate * 2 // 5, self.rate * 13 // 10)

    def emit(self, line: Line | str = "") -> None:
        if isinstance(line, str):
            text, line = line, Line()
            line.add(text)
        self.lines.append(line)
        self.bytes += len(line.text.encode("utf-8")) + 1

    def blank(self) -> None:
        if self.lines and self.lines[-1].text != "":
            self.emit("")

    def pick(self, seq):
        return self.rng.choice(seq)

    # -- what to plant

    def plant_category(self, has_ja: bool, has_en: bool, context: str) -> tuple[str, str] | None:
        """(category, language) of the next planted item, or None when nothing is due."""
        if self.since_plant < self.next_gap or not (has_ja or has_en):
            return None
        weights = {"listed": 28, "unlisted": 42, "compound": 10, "lookalike": 12, "admitted": 5, "plural": 3}
        if context != "paragraph":
            del weights["plural"]
        while weights:
            cat = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            langs = []
            if has_ja and cat != "plural":
                langs += ["ja"] * 3
            if has_en:
                langs += ["en"]
            lang = self.pick(langs) if langs else None
            ok = lang is not None and {
                "listed": lambda: self.with_ja_variants if lang == "ja" else self.with_en_variants,
                "unlisted": lambda: self.ja_kinds if lang == "ja" else self.en_kinds,
                "compound": lambda: True,
                "lookalike": lambda: self.lookalikes,
                "admitted": lambda: [c for c in self.with_admitted
                                     if (c.ja_admitted if lang == "ja" else c.en_admitted or c.abbreviations)],
                "plural": lambda: self.with_plural,
            }[cat]()
            if ok:
                return cat, lang
            del weights[cat]
        return None

    def planted(self, sentence_length: int, did_plant: bool) -> None:
        self.prose_chars += sentence_length
        self.since_plant += sentence_length
        if did_plant:
            self.since_plant = 0
            self.next_gap = self._gap()

    def fill_term(self, line: Line, slot: str, concept: Concept, plan: tuple | None, context: str,
                  other: Concept | None = None) -> None:
        """Write the text of one concept slot: the correct term, or the planted item of ``plan``."""
        if slot == "U":
            line.mention((other or concept).ja)
            return
        lang = "ja" if slot == "T" else "en"
        if plan is None or plan[1] != lang:
            if plan is not None and plan[0] == "lookalike":
                _, _, pair = plan
                line.decoy(pair[1] if lang == "en" else pair[0], kind="lookalike")
                return
            line.mention(concept.ja if lang == "ja" else concept.en)
            return
        cat = plan[0]
        if cat == "listed":
            variant = self.pick(concept.ja_variants if lang == "ja" else concept.en_variants)
            line.finding(variant, term_id=concept.id, kind="listed", lang=lang, context=context)
            if lang == "ja" and self.rng.random() < 0.15:
                line.add(self.pick(VARIANT_SUFFIXES))
        elif cat == "unlisted":
            kind = plan[2]
            line.finding(self.pick(concept.unlisted[kind]), term_id=concept.id, kind="unlisted", lang=lang,
                         mutation=kind, context=context)
        elif cat == "compound":
            if lang == "ja":
                if self.rng.random() < 0.7:
                    text = concept.ja + self.pick(JA_COMPOUND_SUFFIXES)
                else:
                    text = self.pick(JA_COMPOUND_PREFIXES) + concept.ja
            else:
                text = concept.en + self.pick(EN_COMPOUND_SUFFIXES)
            line.decoy(text, kind="compound", term_id=concept.id)
        elif cat == "lookalike":
            pair = plan[2]
            line.decoy(pair[0] if lang == "ja" else pair[1], kind="lookalike")
        elif cat == "admitted":
            forms = concept.ja_admitted if lang == "ja" else concept.en_admitted + concept.abbreviations
            line.decoy(self.pick(forms), kind="admitted", term_id=concept.id)

    def choose_concept(self, plan: tuple[str, str] | None) -> tuple[tuple | None, Concept]:
        """Pick the sentence's concept to suit the plan; extend the plan with what it needs."""
        if plan is None:
            return None, self.pick(self.concepts)
        cat, lang = plan
        if cat == "listed":
            return plan, self.pick(self.with_ja_variants if lang == "ja" else self.with_en_variants)
        if cat == "unlisted":
            kind = self.pick(self.ja_kinds if lang == "ja" else self.en_kinds)
            return (cat, lang, kind), self.pick([c for c in self.concepts if kind in c.unlisted])
        if cat == "lookalike":
            return (cat, lang, self.pick(self.lookalikes)), self.pick(self.concepts)
        if cat == "admitted":
            return plan, self.pick([c for c in self.with_admitted
                                    if (c.ja_admitted if lang == "ja" else c.en_admitted or c.abbreviations)])
        if cat == "plural":
            return plan, self.pick(self.with_plural)
        return plan, self.pick(self.concepts)

    def render(self, line: Line, template: str, context: str) -> None:
        """Write one sentence (or heading, or list item) made from ``template``."""
        start = line.length
        has_ja, has_en = "{T}" in template, "{E}" in template
        plan = self.plant_category(has_ja, has_en, context)
        if plan is not None and plan[0] == "plural":
            template, has_ja, has_en = self.pick(PLURAL_SENTENCES), False, False
        plan, concept = self.choose_concept(plan)
        others = [c for c in self.concepts if c.id != concept.id] or [concept]
        other = self.pick(others)
        did_plant = plan is not None
        for piece in re.split(r"(\{\w+\})", template):
            if not piece.startswith("{"):
                line.add(piece)
                continue
            name = piece[1:-1]
            if name in ("T", "E", "U"):
                self.fill_term(line, name, concept, plan, context, other)
            elif name == "P":
                line.decoy(concept.en_plural, kind="plural", term_id=concept.id)
            else:
                line.add(self.lexicon(name))
        self.planted(line.length - start, did_plant)

    def lexicon(self, name: str) -> str:
        rng = self.rng
        table = {
            "time": TIMES, "sample": SAMPLES, "qty": QUANTITIES, "method": METHODS, "verb": VERBS,
            "exercise": EXERCISES, "result": RESULTS, "conn": CONNECTIVES, "aspect": ASPECTS,
            "subject": SUBJECTS, "caveat": CAVEATS, "storage": STORAGE, "software": SOFTWARE,
            "numja": NUMBERS_JA, "ex": EX_EN, "ctx": CONTEXT_EN, "sample_en": SAMPLE_EN, "method_en": METHOD_EN,
        }
        if name == "n":
            return str(rng.randint(1, 9))
        if name == "num":
            return str(rng.randint(8, 60))
        if name == "note":
            return self.pick(NOTES).replace("{n}", str(rng.randint(6, 40)))
        return self.pick(table[name])

    # -- variants where they are not prose

    def hidden_variant(self, *, no_space: bool = False, ascii_only: bool = False) -> tuple[str, str, str]:
        """(text, concept id, listed|unlisted) for a variant put inside code, a URL or a comment."""
        while True:
            c = self.pick(self.concepts)
            choices = [(v, "listed") for v in (*c.ja_variants, *c.en_variants)]
            choices += [(v, "unlisted") for pool in c.unlisted.values() for v in pool]
            if no_space:
                choices = [(v, k) for v, k in choices if not any(ch.isspace() for ch in v)]
            if ascii_only:      # a bare URL ends at the first character that is not ASCII
                choices = [(v, k) for v, k in choices if v.isascii()]
            if choices:
                text, kind = self.pick(choices)
                return text, c.id, kind

    def hidden(self, line: Line, kind: str, *, no_space: bool = False, ascii_only: bool = False) -> None:
        text, cid, variant_kind = self.hidden_variant(no_space=no_space, ascii_only=ascii_only)
        line.decoy(text, kind=kind, term_id=cid, variant=variant_kind)

    def url_parts(self) -> tuple[str, str]:
        return self.pick(URL_BASES), self.pick(["", "/", "/index.html", "#methods"])

    # -- blocks (markup-neutral parts)

    def sentence(self, line: Line, context: str = "paragraph") -> None:
        roll = self.rng.random()
        if roll < 0.025:
            self.inline_code_sentence(line)
        elif roll < 0.05:
            self.url_sentence(line)
        elif roll < 0.24:
            self.render(line, self.pick(JA_PLAIN), context)
        else:
            self.render(line, self.pick(JA_SENTENCES), context)

    def paragraph(self, english: bool = False, prefix: str = "", context: str = "paragraph") -> None:
        count = self.rng.randint(2, 6)
        one_line = self.rng.random() < 0.5
        line = Line()
        line.add(prefix)
        for i in range(count):
            if english:
                if i:
                    line.add(" ")
                self.render(line, self.pick(EN_SENTENCES), context)
            else:
                self.sentence(line, context)
            if not one_line and i < count - 1:
                self.emit(line)
                line = Line()
                line.add(prefix)
        self.emit(line)
        self.blank()

    def section(self, level: int) -> None:
        self.heading(level)
        for _ in range(self.rng.randint(2, 4)):
            self.paragraph()
        if self.rng.random() < 0.5:
            self.bullet_list()
        if self.rng.random() < 0.35:
            self.table()
        if self.rng.random() < 0.45:
            self.paragraph()
            self.code_block()
        if self.rng.random() < 0.25:
            self.paragraph()
            self.quote()
        if self.rng.random() < 0.3:
            self.paragraph(english=True)
        if self.rng.random() < 0.2:
            self.comment()

    def heading(self, level: int) -> None:
        line = Line()
        if self.rng.random() < 0.6:
            self.render(line, self.pick(JA_HEADINGS), "heading")
        else:
            self.render(line, self.pick(PLAIN_HEADINGS), "heading")
        self.blank()
        self.write_heading(level, line)
        self.blank()

    def list_item(self, line: Line) -> None:
        roll = self.rng.random()
        if roll < 0.2:
            self.emphasis_item(line)
        elif roll < 0.32:
            self.link_item(line)
        else:
            self.render(line, self.pick(JA_LIST_ITEMS), "list")

    def table_rows(self) -> list[list[Line]]:
        rows = []
        for _ in range(self.rng.randint(3, 6)):
            cells = [Line() for _ in TABLE_HEADER]
            self.render(cells[0], "{T}の{qty}", "table")
            cells[1].add(self.pick(METHODS))
            cells[2].add(self.pick(TIMES))
            cells[3].add(self.lexicon("note"))
            rows.append(cells)
        return rows

    def code_lines(self) -> tuple[str, list[Line]]:
        lang = self.pick(sorted(CODE_BLOCKS))
        out = []
        for raw in CODE_BLOCKS[lang]:
            line = Line()
            for piece in re.split(r"(\{V\})", raw):
                if piece == "{V}":
                    self.hidden(line, "code_block")
                else:
                    line.add(piece)
            out.append(line)
        return lang, out

    def build(self, target_bytes: int, title_index: int) -> None:
        title = Line()
        self.render(title, self.pick(JA_HEADINGS), "heading")
        title.add(f"（第{title_index}報）")
        self.write_heading(1, title)
        self.blank()
        self.paragraph()
        while self.bytes < target_bytes:
            self.section(2)
            if self.rng.random() < 0.4:
                self.section(3)
        self.references()

    # -- markup, written by subclasses

    def write_heading(self, level: int, line: Line) -> None:
        raise NotImplementedError

    def inline_code_sentence(self, line: Line) -> None:
        raise NotImplementedError

    def url_sentence(self, line: Line) -> None:
        raise NotImplementedError

    def emphasis_item(self, line: Line) -> None:
        line.add("**")
        self.render(line, "{T}", "emphasis")
        line.add("**: ")
        self.render(line, "{aspect}に関する補足。", "list")

    def link_item(self, line: Line) -> None:
        raise NotImplementedError

    def bullet_list(self) -> None:
        for _ in range(self.rng.randint(3, 6)):
            line = Line()
            line.add("- ")
            self.list_item(line)
            self.emit(line)
        self.blank()

    def table(self) -> None:
        raise NotImplementedError

    def code_block(self) -> None:
        raise NotImplementedError

    def quote(self) -> None:
        raise NotImplementedError

    def comment(self) -> None:
        raise NotImplementedError

    def references(self) -> None:
        self.write_heading(2, self._plain("参考資料"))
        self.blank()
        for _ in range(self.rng.randint(3, 5)):
            line = Line()
            line.add("- ")
            self.link_item(line)
            self.emit(line)
        self.blank()

    @staticmethod
    def _plain(text: str) -> Line:
        line = Line()
        line.add(text)
        return line


class MarkdownDocument(Document):
    fmt = "markdown"
    ext = ".md"

    def write_heading(self, level: int, line: Line) -> None:
        heading = Line()
        heading.add("#" * level + " ")
        _splice(heading, line)
        self.emit(heading)

    def inline_code_sentence(self, line: Line) -> None:
        before, after = self.pick(INLINE_CODE_SENTENCES).split("{C}")
        line.add(before + "`")
        self.hidden(line, "inline_code")
        line.add("`" + after)

    def url_sentence(self, line: Line) -> None:
        before, after = self.pick(URL_SENTENCES).split("{L}")
        base, tail = self.url_parts()
        style = self.rng.randrange(3)
        if style == 0:      # bare URL
            line.add(before + base)
            self.hidden(line, "url", no_space=True, ascii_only=True)
            line.add(tail + after)
        elif style == 1:    # autolink
            line.add(before + "<" + base)
            self.hidden(line, "url", no_space=True)
            line.add(tail + ">" + after)
        else:               # link whose target holds the variant
            line.add(before + "[手順書](" + base)
            self.hidden(line, "url", no_space=True)
            line.add(tail + ")" + after)

    def link_item(self, line: Line) -> None:
        line.add("[")
        self.render(line, "{T}の解説", "link_text")
        line.add(f"](https://example.org/notes/{self.rng.randint(100, 999)}.html)")

    def table(self) -> None:
        self.emit("| " + " | ".join(TABLE_HEADER) + " |")
        self.emit("| " + " | ".join("---" for _ in TABLE_HEADER) + " |")
        for cells in self.table_rows():
            line = Line()
            line.add("| ")
            for i, cell in enumerate(cells):
                if i:
                    line.add(" | ")
                _splice(line, cell)
            line.add(" |")
            self.emit(line)
        self.blank()

    def code_block(self) -> None:
        lang, lines = self.code_lines()
        self.emit("```" + lang)
        for line in lines:
            self.emit(line)
        self.emit("```")
        self.blank()

    def quote(self) -> None:
        self.paragraph(prefix="> ", context="quote")

    def comment(self) -> None:
        line = Line()
        line.add("<!-- メモ: 旧表記の ")
        self.hidden(line, "comment")
        line.add(" は本文では使わない -->")
        self.emit(line)
        self.blank()


class RstDocument(Document):
    fmt = "rst"
    ext = ".rst"
    ADORNMENT = {1: "=", 2: "-", 3: "~"}

    def write_heading(self, level: int, line: Line) -> None:
        width = display_width(line.text) + 2
        rule = self.ADORNMENT[level] * width
        if level == 1:
            self.emit(rule)
        self.emit(line)
        self.emit(rule)

    def inline_code_sentence(self, line: Line) -> None:
        before, after = self.pick(INLINE_CODE_SENTENCES).split("{C}")
        line.add(before + "``")
        self.hidden(line, "inline_code")
        line.add("``" + after)

    def url_sentence(self, line: Line) -> None:
        before, after = self.pick(URL_SENTENCES).split("{L}")
        base, tail = self.url_parts()
        if self.rng.random() < 0.5:    # standalone URL
            line.add(before + base)
            self.hidden(line, "url", no_space=True, ascii_only=True)
            line.add(tail + after)
        else:                          # anonymous hyperlink whose target holds the variant
            line.add(before + "`手順書 <" + base)
            self.hidden(line, "url", no_space=True)
            line.add(tail + ">`__" + after)

    def link_item(self, line: Line) -> None:
        line.add("`")
        self.render(line, "{T}の解説", "link_text")
        line.add(f" <https://example.org/notes/{self.rng.randint(100, 999)}.html>`__")

    def table(self) -> None:
        self.emit(".. list-table:: 測定条件の一覧")
        self.emit("   :header-rows: 1")
        self.emit("")
        rows = [[self._plain(h) for h in TABLE_HEADER]] + self.table_rows()
        for cells in rows:
            for i, cell in enumerate(cells):
                line = Line()
                line.add("   * - " if i == 0 else "     - ")
                _splice(line, cell)
                self.emit(line)
        self.blank()

    def code_block(self) -> None:
        lang, lines = self.code_lines()
        if self.rng.random() < 0.5:
            self.emit(f".. code-block:: {lang}")
        else:                          # a literal block introduced by "::"
            self.emit("次に例を示す::")
        self.emit("")
        for line in lines:
            if line.text:
                indented = Line()
                indented.add("   ")
                _splice(indented, line)
                line = indented
            self.emit(line)
        self.blank()

    def quote(self) -> None:
        self.paragraph(prefix="   ", context="quote")

    def comment(self) -> None:
        line = Line()
        line.add(".. メモ: 旧表記の ")
        self.hidden(line, "comment")
        line.add(" は本文では使わない")
        self.emit(line)
        self.blank()


def _splice(line: Line, other: Line) -> None:
    """Append ``other`` to ``line``, shifting the recorded columns."""
    shift = line.length
    for rec in other.findings:
        line.findings.append({**rec, "column": rec["column"] + shift})
    for rec in other.decoys:
        line.decoys.append({**rec, "column": rec["column"] + shift})
    line.mentions.extend((col + shift, text) for col, text in other.mentions)
    line.add(other.text)


# --------------------------------------------------------------------------------------------- output


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9.]+)\s*([kmg]i?b?|b)?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 10MB, 500KB, 2000000)")
    number, unit = float(match.group(1)), (match.group(2) or "b").lower()
    scale = {"b": 1, "k": 10**3, "m": 10**6, "g": 10**9, "kb": 10**3, "mb": 10**6, "gb": 10**9,
             "ki": 2**10, "mi": 2**20, "gi": 2**30, "kib": 2**10, "mib": 2**20, "gib": 2**30}[unit]
    return int(number * scale)


def check_file(text_lines: list[str], entry: dict, concepts: list[Concept]) -> list[str]:
    """Re-read the built text: every recorded position must hold its string, and every listed variant
    in the text must be accounted for (a finding, a decoy, or part of a correct term)."""
    problems = []
    for rec in entry["findings"]:
        got = text_lines[rec["line"] - 1][rec["column"] - 1: rec["column"] - 1 + len(rec["found"])]
        if got != rec["found"]:
            problems.append(f"finding {rec} holds {got!r}")
    for rec in entry["decoys"]:
        got = text_lines[rec["line"] - 1][rec["column"] - 1: rec["column"] - 1 + len(rec["text"])]
        if got != rec["text"]:
            problems.append(f"decoy {rec} holds {got!r}")
    covered: dict[int, list[tuple[int, int]]] = {}
    for rec in entry["findings"]:
        covered.setdefault(rec["line"], []).append((rec["column"], rec["column"] + len(rec["found"])))
    for rec in entry["decoys"]:
        covered.setdefault(rec["line"], []).append((rec["column"], rec["column"] + len(rec["text"])))
    for line_no, col, text in entry.pop("_mentions"):
        covered.setdefault(line_no, []).append((col, col + len(text)))
    # correct forms written by the word lists (e.g. a method that is itself a glossary term) also cover
    # the variants they contain
    correct = sorted({f for c in concepts for f in (c.ja, c.en, c.en_plural, *c.ja_admitted, *c.en_admitted)},
                     key=len, reverse=True)
    correct_pattern = re.compile("|".join(map(re.escape, correct)))
    for i, text in enumerate(text_lines, 1):
        for m in correct_pattern.finditer(text):
            covered.setdefault(i, []).append((m.start() + 1, m.end() + 1))
    variants = sorted({v for c in concepts for v in (*c.ja_variants, *c.en_variants)}, key=len, reverse=True)
    if variants:
        pattern = re.compile("|".join(map(re.escape, variants)))
        for i, text in enumerate(text_lines, 1):
            for m in pattern.finditer(text):
                a, b = m.start() + 1, m.end() + 1
                if not any(x < b and a < y for x, y in covered.get(i, [])):
                    problems.append(f"line {i}: listed variant {m.group()!r} at column {a} is not in the truth")
    return problems


def generate(out: Path, size: int, seed: int, file_size: int, rate: int, glossary: list[Path]) -> dict:
    concepts = load_concepts(glossary)
    if not concepts:
        raise SystemExit(f"no concepts found in {', '.join(map(str, glossary))}")
    build_unlisted(concepts, RealWordCheck(load_known_words()))
    forms = {f for c in concepts for f in c.forms()}
    global LOOKALIKES
    LOOKALIKES = [(ja, en) for ja, en in LOOKALIKES if ja not in forms and en not in forms]

    count = max(2, round(size / file_size))
    per_file = size // count
    for sub in ("md", "rst"):
        if (out / sub).is_dir():
            shutil.rmtree(out / sub)
        (out / sub).mkdir(parents=True)

    files: dict[str, dict] = {}
    totals = {"files": 0, "bytes": 0, "prose_chars": 0, "expected": {}, "decoys": {}, "mutations": {},
              "contexts": {}, "correct_mentions": 0}
    problems: list[str] = []
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        cls = MarkdownDocument if index % 2 == 0 else RstDocument
        doc = cls(rng, concepts, rate)
        doc.build(per_file, index + 1)
        rel = f"{'md' if cls is MarkdownDocument else 'rst'}/{index:04d}{cls.ext}"
        text_lines = [line.text for line in doc.lines]
        findings, decoys, mentions = [], [], []
        for number, line in enumerate(doc.lines, 1):
            findings += [{"line": number, **rec} for rec in line.findings]
            decoys += [{"line": number, **rec} for rec in line.decoys]
            mentions += [(number, col, text) for col, text in line.mentions]
        entry = {
            "format": doc.fmt,
            "bytes": 0,
            "prose_chars": doc.prose_chars,
            "findings": findings,
            "decoy_count": len(decoys),
            "decoys": decoys,
            "correct_mentions": len(mentions),
            "_mentions": mentions,
        }
        problems += [f"{rel}: {p}" for p in check_file(text_lines, entry, concepts)]
        data = ("\n".join(text_lines) + "\n").encode("utf-8")
        (out / rel).write_bytes(data)
        entry["bytes"] = len(data)
        files[rel] = entry
        totals["files"] += 1
        totals["bytes"] += len(data)
        totals["prose_chars"] += doc.prose_chars
        totals["correct_mentions"] += len(mentions)
        for rec in findings:
            _bump(totals["expected"], rec["kind"])
            _bump(totals["contexts"], rec["context"])
            if rec["kind"] == "unlisted":
                _bump(totals["mutations"], rec["mutation"])
        for rec in decoys:
            _bump(totals["decoys"], rec["kind"])
    planted = sum(totals["expected"].values()) + sum(
        n for k, n in totals["decoys"].items() if k in ("compound", "lookalike", "admitted", "plural"))
    totals["prose_chars_per_planted_item"] = round(totals["prose_chars"] / max(planted, 1), 1)
    truth = {
        "generator": {
            "seed": seed, "size": size, "file_size": file_size, "rate": rate,
            "glossary_concepts": len(concepts), "glossary_fingerprint": glossary_fingerprint(concepts),
            "positions": "1-based line and column, columns counted in characters",
        },
        "summary": totals,
        "files": files,
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if problems:
        sys.stderr.write("\n".join(problems[:50]) + "\n")
        raise SystemExit(f"{len(problems)} position problems: the truth would be wrong")
    return truth


def _bump(table: dict, key: str) -> None:
    table[key] = table.get(key, 0) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("10MB"), help="total size (e.g. 10MB)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--file-size", type=parse_size, default=parse_size("50KB"))
    parser.add_argument("--rate", type=int, default=400, help="prose characters per planted item (mean)")
    parser.add_argument("--glossary", type=Path, action="append",
                        help="glossary file or directory (repeatable; default: glossary/)")
    args = parser.parse_args(argv)
    truth = generate(args.out, args.size, args.seed, args.file_size, args.rate,
                     args.glossary or [REPO / "glossary"])
    s = truth["summary"]
    print(f"{s['files']} files, {s['bytes'] / 1e6:.2f} MB in {args.out}; expected findings {s['expected']}; "
          f"decoys {s['decoys']}; one planted item per {s['prose_chars_per_planted_item']} prose characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
