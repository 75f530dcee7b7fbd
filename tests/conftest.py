"""Shared fixtures: a small glossary written for the tests, independent of the shipped data."""

from __future__ import annotations

import pytest

from sphinx_exerkine.loader import load_glossary

MINI_GLOSSARY = """\
- id: exosome
  ja: {term: エクソソーム, reading: えくそそーむ, variants: [エキソソーム]}
  en: {term: exosome, variants: [exo-some]}
  definition: {ja: 多胞体に由来する小さな膜小胞。, en: A small membrane vesicle derived from multivesicular bodies.}
  facts:
    size: {min: 30, max: 150, unit: nm, source: Test source A}
    is_a: [extracellular-vesicle]
  sources: [Test source A]
- id: extracellular-vesicle
  ja: {term: 細胞外小胞, reading: さいぼうがいしょうほう}
  en: {term: extracellular vesicle, abbreviations: [EV, EVs]}
  definition: {ja: 細胞が放出する膜小胞の総称。, en: Membrane vesicles released by cells.}
  facts: {includes: [exosome]}
  sources: [Test source B]
- id: myokine
  ja: {term: マイオカイン, reading: まいおかいん, variants: [ミオカイン]}
  en: {term: myokine}
  definition: {ja: 骨格筋が分泌する生理活性物質。, en: Bioactive substances secreted by skeletal muscle.}
  facts: {origin: {tissues: [skeletal-muscle], exclusive: true, source: Test source C}}
  sources: [Test source C]
- id: hepatokine
  ja: {term: ヘパトカイン, reading: へぱとかいん, variants: [ペトカイン]}
  en: {term: hepatokine}
  definition: {ja: 肝臓が分泌する因子。, en: Factors secreted by the liver.}
  facts: {origin: {tissues: [liver], exclusive: true, source: Test source C}}
  sources: [Test source C]
- id: adipokine
  ja: {term: アディポカイン, reading: あでぃぽかいん, admitted: [アディポサイトカイン]}
  en: {term: adipokine}
  definition: {ja: 脂肪組織が分泌する因子。, en: Factors secreted by adipose tissue.}
  facts: {origin: {tissues: [adipose-tissue], exclusive: true, source: Test source C}}
  sources: [Test source C]
- id: irisin
  ja: {term: イリシン, reading: いりしん}
  en: {term: irisin, plural: irisin}
  definition: {ja: 運動で増える因子。, en: A factor raised by exercise.}
  facts: {is_a: [myokine]}
  sources: [Test source D]
- id: myonectin
  ja: {term: マイオネクチン, reading: まいおねくちん}
  en: {term: myonectin, plural: myonectin}
  definition: {ja: 骨格筋由来の因子。, en: A factor from skeletal muscle.}
  facts: {is_a: [myokine]}
  sources: [Test source D]
- id: secretome
  ja: {term: セクレトーム, reading: せくれとーむ}
  en: {term: secretome}
  definition: {ja: 細胞が分泌する分子の総体。, en: Everything a cell secretes.}
  facts: {includes: [exosome]}
  sources: [Test source E]
- id: microvesicle
  ja: {term: マイクロベシクル, reading: まいくろべしくる, variants: [マイクロベジクル]}
  en: {term: microvesicle}
  definition: {ja: 細胞膜から出芽する小胞。, en: A vesicle budding from the plasma membrane.}
  facts:
    size: {min: 100, max: 1000, unit: nm, source: Test source A}
    is_a: [extracellular-vesicle]
  sources: [Test source A]
- id: microrna
  ja: {term: マイクロRNA, reading: まいくろあーるえぬえー, admitted: [miRNA]}
  en: {term: microRNA, variants: [micro RNA]}
  definition: {ja: 短い非コードRNA。, en: A short non-coding RNA.}
  facts: {length: {min: 18, max: 25, unit: nt, source: Test source F}}
  sources: [Test source F]
- id: lactate
  ja: {term: 乳酸, reading: にゅうさん}
  en: {term: lactate}
  definition: {ja: 解糖の産物。, en: A product of glycolysis.}
  facts: {origin: {tissues: [skeletal-muscle], source: Test source G}}
  sources: [Test source G]
- id: il-6
  ja: {term: インターロイキン6, reading: いんたーろいきんろく, admitted: [IL-6]}
  en: {term: interleukin 6, abbreviations: [IL6]}
  definition: {ja: 多様な細胞が産生するサイトカイン。, en: A cytokine produced by many cell types.}
  facts: {origin: {tissues: [skeletal-muscle, immune-cells, adipose-tissue], source: Test source H}}
  sources: [Test source H]
- id: exerkine
  ja: {term: エクサカイン, reading: えくさかいん}
  en: {term: exerkine}
  definition: {ja: 運動に応答して様々な臓器から放出される因子の総称。, en: Factors that many organs release in response to exercise.}
  facts:
    coined: {year: 2016, by: "Safdar A, Saleem A, Tarnopolsky MA", source: Test source K}
    origin: {tissues: [skeletal-muscle, liver, adipose-tissue, heart], source: Test source K}
  history:
    - {year: 2015, by: Tarnopolsky MA, ja: 運動時に肝臓から放出される因子。, en: Factors released by the liver during exercise., source: Test source K}
  misconceptions:
    - ja: エクサカインとは骨格筋から分泌される因子のことである。
      en: Exerkines are the factors secreted by skeletal muscle.
      why: That is the definition of a myokine; exerkines come from many organs.
      source: Test source K
    - ja: マイオカインは運動で筋肉が収縮したときにだけ分泌される物質である。
      en: Myokines are substances secreted only when muscle contracts during exercise.
      why: Muscle also secretes myokines at rest; the definition rests on the origin, not on the trigger.
      source: Test source K
  sources: [Test source K]
- id: apoptotic-body
  ja: {term: アポトーシス小体, reading: あぽとーしすしょうたい}
  en: {term: apoptotic body, plural: apoptotic bodies}
  definition: {ja: アポトーシスの過程で細胞から放出される大きな小胞。, en: Large vesicles released by cells dying by apoptosis.}
  facts:
    size: {min: 1000, max: 5000, unit: nm, source: Test source L, reported: [{min: 500, max: 2000, unit: nm, source: Test source M}]}
    coined: {year: 1972, by: "Kerr JFR, Wyllie AH, Currie AR", source: Test source L}
    is_a: [extracellular-vesicle]
  sources: [Test source L]
"""


@pytest.fixture(scope="session")
def mini_glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "mini.yaml"
    path.write_text(MINI_GLOSSARY, encoding="utf-8")
    return load_glossary([str(path)], use_cache=False)


@pytest.fixture(scope="session")
def matcher(mini_glossary):
    from sphinx_exerkine.matcher import Matcher

    return Matcher(mini_glossary)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep the result and glossary caches of every test out of the user's cache directory."""
    monkeypatch.setenv("EXERKINE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


# Sphinx test fixtures (app, make_app ...) and the `sphinx` marker, for the extension tests
pytest_plugins = ["sphinx.testing.fixtures"]
