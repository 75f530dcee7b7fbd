"""Words the contradiction checker recognises: tissues, markers of negation, exclusivity, refutation,
questions, coinage and historical attribution, and the synonym classes used to compare content words.

Everything here is data; the functions only look words up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..schema import TISSUES
from ..lazyre import lazy

# ------------------------------------------------------------------------------------------- tissues

#: Japanese names (besides the names of :data:`TISSUES`) -> tissue id; ``None`` marks words that look like a
#: tissue name but are not one (平滑筋 is muscle, but not skeletal muscle).
JA_TISSUE_SYNONYMS: dict[str, str | None] = {
    "骨格筋": "skeletal-muscle", "筋肉": "skeletal-muscle", "筋": "skeletal-muscle", "筋組織": "skeletal-muscle",
    "筋細胞": "skeletal-muscle", "筋線維": "skeletal-muscle", "筋繊維": "skeletal-muscle", "筋管": "skeletal-muscle",
    "筋管細胞": "skeletal-muscle", "骨格筋細胞": "skeletal-muscle", "筋芽細胞": "skeletal-muscle",
    "平滑筋": None, "心筋": "heart", "心筋細胞": "heart", "心": "heart",
    "肝臓": "liver", "肝": "liver", "肝細胞": "liver", "肝組織": "liver",
    "脂肪組織": "adipose-tissue", "脂肪": "adipose-tissue", "脂肪細胞": "adipose-tissue",
    "白色脂肪": "adipose-tissue", "褐色脂肪": "adipose-tissue", "内臓脂肪": "adipose-tissue",
    "皮下脂肪": "adipose-tissue", "白色脂肪組織": "adipose-tissue", "褐色脂肪組織": "adipose-tissue",
    "骨": "bone", "骨組織": "bone", "骨細胞": "bone", "骨芽細胞": "bone", "破骨細胞": "bone",
    "脳": "brain", "神経細胞": "brain", "中枢神経": "brain", "ニューロン": "brain", "脳組織": "brain",
    "心臓": "heart", "膵臓": "pancreas", "膵": "pancreas", "膵島": "pancreas", "膵β細胞": "pancreas",
    "腎臓": "kidney", "腎": "kidney", "腸": "intestine", "腸管": "intestine", "小腸": "intestine",
    "大腸": "intestine", "消化管": "intestine", "腸管上皮": "intestine",
    "骨髄": "bone-marrow", "骨髄細胞": "bone-marrow", "骨髄間質細胞": "bone-marrow",
    "血液": "blood", "血小板": "blood", "赤血球": "blood", "網状赤血球": "blood",
    "免疫細胞": "immune-cells", "マクロファージ": "immune-cells", "リンパ球": "immune-cells",
    "白血球": "immune-cells", "単球": "immune-cells", "T細胞": "immune-cells", "B細胞": "immune-cells",
    "好中球": "immune-cells", "樹状細胞": "immune-cells",
    "血管内皮": "endothelium", "内皮": "endothelium", "内皮細胞": "endothelium", "血管内皮細胞": "endothelium",
    "腫瘍": "tumor", "腫瘍細胞": "tumor", "がん細胞": "tumor", "癌細胞": "tumor", "がん": "tumor", "癌": "tumor",
    "幹細胞": "stem-cells", "間葉系幹細胞": "stem-cells", "iPS細胞": "stem-cells", "ES細胞": "stem-cells",
    "あらゆる細胞": "any-cell", "すべての細胞": "any-cell", "全ての細胞": "any-cell", "様々な細胞": "any-cell",
    "さまざまな細胞": "any-cell", "多様な細胞": "any-cell", "ほぼ全ての細胞": "any-cell",
    "ほとんどの細胞": "any-cell", "あらゆる臓器": "any-cell", "様々な臓器": "any-cell",
    "さまざまな臓器": "any-cell", "多くの臓器": "any-cell",
}

#: English names (besides the names of :data:`TISSUES`) -> tissue id, lower case.
EN_TISSUE_SYNONYMS: dict[str, str | None] = {
    "skeletal muscle": "skeletal-muscle", "skeletal muscles": "skeletal-muscle", "muscle": "skeletal-muscle",
    "muscles": "skeletal-muscle", "muscle cells": "skeletal-muscle", "muscle fibres": "skeletal-muscle",
    "muscle fibers": "skeletal-muscle", "myofibres": "skeletal-muscle", "myofibers": "skeletal-muscle",
    "myocytes": "skeletal-muscle", "myotubes": "skeletal-muscle", "contracting muscle": "skeletal-muscle",
    "smooth muscle": None, "cardiac muscle": "heart", "heart muscle": "heart", "cardiomyocytes": "heart",
    "liver": "liver", "hepatocytes": "liver", "the liver": "liver",
    "adipose tissue": "adipose-tissue", "adipose": "adipose-tissue", "fat": "adipose-tissue",
    "fat tissue": "adipose-tissue", "adipocytes": "adipose-tissue", "fat cells": "adipose-tissue",
    "white fat": "adipose-tissue", "brown fat": "adipose-tissue", "white adipose tissue": "adipose-tissue",
    "brown adipose tissue": "adipose-tissue",
    "bone": "bone", "bones": "bone", "osteoblasts": "bone", "osteocytes": "bone", "osteoclasts": "bone",
    "brain": "brain", "neurons": "brain", "neurones": "brain", "the brain": "brain",
    "heart": "heart", "pancreas": "pancreas", "pancreatic islets": "pancreas", "beta cells": "pancreas",
    "kidney": "kidney", "kidneys": "kidney", "intestine": "intestine", "gut": "intestine",
    "intestines": "intestine", "bone marrow": "bone-marrow", "blood": "blood", "platelets": "blood",
    "red blood cells": "blood", "reticulocytes": "blood",
    "immune cells": "immune-cells", "macrophages": "immune-cells", "lymphocytes": "immune-cells",
    "leukocytes": "immune-cells", "white blood cells": "immune-cells", "monocytes": "immune-cells",
    "t cells": "immune-cells", "b cells": "immune-cells", "neutrophils": "immune-cells",
    "endothelium": "endothelium", "endothelial cells": "endothelium",
    "tumour": "tumor", "tumor": "tumor", "tumours": "tumor", "tumors": "tumor", "cancer cells": "tumor",
    "tumour cells": "tumor", "tumor cells": "tumor",
    "stem cells": "stem-cells", "mesenchymal stem cells": "stem-cells",
    "all cells": "any-cell", "any cell": "any-cell", "every cell": "any-cell", "all cell types": "any-cell",
    "any cell type": "any-cell", "most cells": "any-cell", "many cell types": "any-cell",
    "almost all cells": "any-cell", "every organ": "any-cell", "any organ": "any-cell",
}

#: adjectives that name a tissue as the source of something ("hepatic", "muscle-derived")
EN_TISSUE_ADJECTIVES: dict[str, str] = {
    "hepatic": "liver", "muscular": "skeletal-muscle", "adipocyte": "adipose-tissue", "neuronal": "brain",
    "cardiac": "heart", "pancreatic": "pancreas", "renal": "kidney", "intestinal": "intestine",
    "endothelial": "endothelium",
}


@lru_cache(maxsize=1)
def ja_tissues() -> dict[str, str | None]:
    table: dict[str, str | None] = {ja: tid for tid, (ja, _) in TISSUES.items()}
    table.update(JA_TISSUE_SYNONYMS)
    return table


@lru_cache(maxsize=1)
def en_tissues() -> dict[str, str | None]:
    table: dict[str, str | None] = {en.lower(): tid for tid, (_, en) in TISSUES.items()}
    table.update(EN_TISSUE_SYNONYMS)
    return table


@lru_cache(maxsize=1)
def en_tissue_pattern() -> str:
    """A regular expression source matching one English tissue name (longest names first)."""
    names = sorted(en_tissues(), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"


@lru_cache(maxsize=1)
def ja_tissue_regex() -> re.Pattern:
    """Any Japanese tissue name (longest first)."""
    return re.compile("|".join(re.escape(n) for n in sorted(ja_tissues(), key=len, reverse=True)))


def tissues_named(text: str, lang: str) -> set[str | None]:
    """Ids of the tissues named anywhere in ``text`` (None for names that are not glossary tissues)."""
    if lang == "ja":
        return {ja_tissues()[m.group()] for m in ja_tissue_regex().finditer(text)}
    table = en_tissues()
    return {table.get(re.sub(r"\s+", " ", m.group().lower())) for m in
            re.finditer(rf"(?<![\w-]){en_tissue_pattern()}(?![\w-])", text, re.I)}


def tissue_name(tissue: str, lang: str) -> str:
    ja, en = TISSUES.get(tissue, (tissue, tissue))
    return ja if lang == "ja" else en


# ------------------------------------------------------------------------------------------- verbs

#: lemmas of Japanese words that say where something comes from
JA_ORIGIN_LEMMAS = frozenset({
    "分泌", "産生", "放出", "生成", "合成", "由来", "作る", "造る", "創る", "生み出す", "出す", "出る", "遊離",
    "発現", "放つ", "排出", "つくる", "生産", "供給",
})
EN_ORIGIN_VERBS = (r"secreted|released|produced|derived|made|synthesi[sz]ed|generated|expressed|shed|"
                   r"secretes?|releases?|produces?|makes?|synthesi[sz]es?|generates?|expresses|sheds?|"
                   r"comes?|originates?|originating|derives?|arises?|arising|secreting|releasing|producing")

# ------------------------------------------------------------------------------------------- markers

JA_EXCLUSIVE = frozenset({"だけ", "のみ", "しか", "唯一", "専ら", "もっぱら", "ばかり"})
#: exclusivity or negation near a tissue: an origin claim that could contradict a glossary origin that is not
#: exclusive needs one (Japanese)
ORIGIN_MARKERS = lazy(r"だけ|のみ|しか|唯一|専ら|もっぱら|ない|なく|ず|ぬ|ません|以外")
EN_EXCLUSIVE = lazy(r"\b(?:only|exclusively|solely|uniquely|alone|purely|entirely)\b", re.I)
#: "not only" / "だけでなく": the opposite of an exclusivity claim
JA_NOT_ONLY = lazy(r"(?:だけ|のみ|ばかり)(?:で|に)?(?:は)?(?:なく|ない|ならず)")
EN_NOT_ONLY = lazy(r"\bnot\s+(?:only|just|solely|exclusively)\b|\bnot\s+\w+\s+only\b", re.I)
EN_NEGATION = lazy(r"\b(?:not|never|cannot|no longer|n't)\b|n't\b", re.I)

#: a sentence reporting a claim in order to reject it (Japanese: plain substrings, fast to test)
JA_REFUTATION = (
    "誤解", "誤り", "あやまり", "間違", "俗説", "迷信", "神話", "都市伝説", "誤った", "正しくない", "とは限らない",
    "とは限りません", "わけではな", "わけではありません", "とは言えない", "とはいえない", "否定され", "覆され",
    "と思われがち", "と考えられがち", "と信じられ", "根拠はない", "根拠がない", "ではないことが",
)
EN_REFUTATION = lazy(
    r"\b(?:misconceptions?|myths?|contrary to|mistaken(?:ly)?|erroneous(?:ly)?|incorrect(?:ly)?|wrong(?:ly)?|"
    r"false(?:ly)?|not true|not necessarily|is not the case|was once (?:thought|believed)|popular belief|"
    r"misunderst\w*|debunk\w*|refute\w*|disproved?|it is often (?:said|claimed|assumed))\b",
    re.I,
)
_JA_REFUTATION_RE = lazy("|".join(re.escape(w) for w in JA_REFUTATION))
_LATIN_WORD = lazy(r"[A-Za-z]{4}")
_QUESTION_ENDINGS = ("?", "？", "だろうか", "でしょうか", "のか", "ですか", "ますか", "なのか")
_TRAILING = "。．.\u3000 \"'」』）)]"


def is_refutation(text: str) -> bool:
    """The sentence reports a claim in order to reject it (「…というのは誤解である」, "contrary to ...")."""
    if _JA_REFUTATION_RE.search(text):
        return True
    return bool(_LATIN_WORD.search(text)) and bool(EN_REFUTATION.search(text))


def is_question(text: str) -> bool:
    return text.rstrip(_TRAILING).endswith(_QUESTION_ENDINGS) or "とは何" in text


#: words that say a term was coined or first used
COINAGE_STRONG = lazy(
    r"提唱|造語|命名|名付|名づ|初出|(?:初めて|最初に)(?:使|用い|提唱|登場|名|造|作)|"
    r"\bcoin(?:ed|age|s)?\b|\bfirst (?:used|introduced|proposed|appeared|coined|named)\b|"
    r"\bintroduced (?:the )?(?:term|word|name)\b|\bproposed (?:the )?(?:term|word|name)\b|\bnamed\b",
    re.I,
)
COINAGE_WEAK = lazy(r"登場|使われ始|用いられ始|作られ|つくられ|造られ|生まれ|初めて|最初|introduced|first appear", re.I)
WORD_REFERENCE = lazy(r"という(?:言葉|用語|語|名称|呼称|呼び名|名前|造語)|この(?:言葉|用語|語)|"
                      r"\bthe (?:term|word|name|expression)\b", re.I)
#: "first used in Japan": a local first appearance, not the coinage
LOCAL_FIRST = lazy(r"日本で|日本語|国内|わが国|我が国|本邦|カタカナ|\bin Japan(?:ese)?\b", re.I)

#: words that report a definition as somebody's or as an earlier one
HISTORY_VOCAB = lazy(
    r"定義|として(?:紹介|記載|報告|提唱|記述)|と(?:説明|記載|記述)|当初|もともと|元々|かつて|初期には|最初は|"
    r"(?:初めて|最初に)報告|ていた|\bfirst reported\b|\b(?:was|were) (?:thought|considered|regarded|seen)\b|"
    r"\bdefin|\boriginally\b|\binitially\b|\bfirst described\b|\bdescribed (?:as|them as|it as)\b|"
    r"\bat first\b|\bformerly\b",
    re.I,
)
HISTORY_PAST_ONLY = lazy(r"当初|もともと|元々|かつて|初期には|最初は|\boriginally\b|\binitially\b|"
                         r"\bat first\b|\bformerly\b", re.I)

#: the digits of a year of :data:`YEAR_JA` or :data:`YEAR_EN`, quicker to look for (no look-behind to test at
#: every character)
YEAR_DIGITS = lazy(r"(?:1[89]|20)[0-9]{2}")
YEAR_JA = lazy(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})\s*年(?!代)")
YEAR_EN = lazy(r"(?<![0-9.])(1[89][0-9]{2}|20[0-9]{2})(?![0-9]|\s*(?:nm|nt|bp|kDa|aa|µm|um|年代)|s\b)")

#: attribution of a statement to a source: 〜によれば / 〜とされる / according to
ATTRIBUTION = lazy(r"によれば|によると|とされ|と言われ|といわれ|\baccording to\b|\breportedly\b", re.I)

# --------------------------------------------------------------------------------- content words

#: canonical keys for content words (both languages), so that a sentence can be compared with a
#: misconception written in other words
SYNONYMS: dict[str, str] = {
    # secreting
    "分泌": "secrete", "放出": "secrete", "産生": "secrete", "生成": "secrete", "出る": "secrete",
    "出す": "secrete", "作る": "secrete", "つくる": "secrete", "遊離": "secrete", "生み出す": "secrete",
    "secrete": "secrete", "secretion": "secrete", "release": "secrete", "produce": "secrete",
    "production": "secrete", "make": "secrete", "made": "secrete", "synthesize": "secrete", "shed": "secrete",
    "secretory": "secrete",
    # contraction
    "収縮": "contract", "contract": "contract", "contraction": "contract", "contracting": "contract",
    # exercise
    "運動": "exercise", "トレーニング": "exercise", "筋トレ": "exercise", "身体活動": "exercise",
    "エクササイズ": "exercise", "exercise": "exercise", "training": "exercise", "workout": "exercise",
    # rising
    "上がる": "increase", "上昇": "increase", "増加": "increase", "増える": "increase", "高まる": "increase",
    "rise": "increase", "increase": "increase",
    # discarding
    "捨てる": "discard", "排出": "discard", "廃棄": "discard", "discard": "discard", "dispose": "discard",
    "不要": "waste", "不要物": "waste", "老廃物": "waste", "waste": "waste",
    # every
    "すべて": "all", "全て": "all", "あらゆる": "all", "all": "all", "every": "all", "any": "all",
    # blood
    "血中": "blood", "血液": "blood", "blood": "blood", "plasma": "blood", "circulation": "blood",
    "濃度": "concentration", "concentration": "concentration", "level": "concentration",
    # proteins
    "タンパク質": "protein", "たんぱく質": "protein", "protein": "protein",
    "サイトカイン": "cytokine", "cytokine": "cytokine",
    "限る": "limit", "limit": "limit", "限定": "limit",
}

#: words too general to tell one claim from another
JA_STOP = frozenset({
    "為る", "する", "有る", "ある", "成る", "なる", "居る", "いる", "れる", "られる", "事", "こと", "物", "もの", "時",
    "とき", "際", "場合", "為", "ため", "様", "よう", "此れ", "其れ", "これ", "それ", "の", "一", "中", "他", "等",
    "など", "物質", "因子", "分子", "総称", "言う", "いう", "呼ぶ", "指す", "ところ", "方", "上", "後", "前",
    "生理", "活性", "生理活性", "出来る", "できる", "思う", "考える", "見る", "知る", "示す", "無い", "ない", "訳",
})
EN_STOP = frozenset({
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "of", "by", "from", "in", "on", "at",
    "to", "for", "with", "and", "or", "as", "that", "which", "who", "when", "while", "it", "its", "their",
    "they", "this", "these", "those", "such", "than", "then", "only", "solely", "exclusively", "just", "also",
    "can", "may", "might", "must", "could", "would", "should", "has", "have", "had", "do", "does", "did", "not",
    "no", "into", "out", "up", "so", "very", "more", "most", "some", "many", "much", "other", "others",
    "substance", "factor", "molecule", "thing", "term", "word", "called", "known", "refer", "define",
    "definition", "mean", "umbrella", "bioactive", "during", "whose", "what", "where", "there",
})
#: head nouns that make "X is/are ..." a definition
EN_GENERIC_HEADS = lazy(
    r"^(?:(?:a|an|the|any|all|one|those|small|large|tiny|bioactive|signalling|signaling|circulating|secreted)\s+)*"
    r"(?:factors?|substances?|molecules?|proteins?|peptides?|vesicles?|particles?|cytokines?|hormones?|"
    r"signals?|compounds?|metabolites?|mediators?|agents?|products?|organelles?|cells?)\b",
    re.I,
)


#: the letters other than A-Z that a letter a-z matches when case is ignored; lower-casing İ gives two
#: characters, so a text holding one is not looked at in lower case in place of ignoring case
LATIN_FOLDS = lazy("[\u0130\u0131\u017f\u212a]")


def canonical(word: str) -> str:
    """The comparison key of one content word (already a lemma for Japanese)."""
    return SYNONYMS.get(word, word)


def en_stem(word: str) -> str:
    """A crude English lemma: enough to make 'secreted', 'secretes' and 'secretion' meet."""
    w = word.lower()
    if w in SYNONYMS:
        return w
    for suffix, repl in (("ies", "y"), ("ions", ""), ("ion", ""), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)] + repl
            if stem in SYNONYMS:
                return stem
            if stem + "e" in SYNONYMS:
                return stem + "e"
            return stem
    return w
