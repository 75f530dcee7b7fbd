"""The default glossary shipped with the package is itself under test, like a dictionary should be."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from sphinx_exerkine.lexicon import builtin_known_words, fold_word
from sphinx_exerkine import snapshot
from sphinx_exerkine.loader import GlossaryError, builtin_glossary_dir, glossary_files, load_glossary
from sphinx_exerkine.matcher import Matcher
from sphinx_exerkine.schema import RELATIONS


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(use_cache=False)


@pytest.fixture(scope="module")
def matcher(glossary):
    return Matcher(glossary)


REQUIRED = {
    "マイオカイン": "myokine", "エクサカイン": "exerkine", "ヘパトカイン": "hepatokine", "アディポカイン": "adipokine",
    "サイトカイン": "cytokine", "セクレトーム": "secretome", "細胞外小胞": "extracellular vesicle",
    "エクソソーム": "exosome", "マイクロベシクル": "microvesicle", "マイクロRNA": "microRNA",
    "多胞体": "multivesicular body", "イリシン": "irisin", "マイオネクチン": "myonectin", "乳酸": "lactate",
}
REQUIRED_JA_ONLY = ["骨髄間質細胞", "間葉系幹細胞", "臓器間クロストーク", "ドラッグデリバリーシステム", "リキッドバイオプシー",
                    "超遠心法", "サイズ排除クロマトグラフィー", "サルコペニア", "フレイル"]
REQUIRED_FORMS = ["IL-6", "BDNF", "SPARC", "ISEV"]


def test_the_builtin_glossary_is_found_and_valid(glossary):
    assert builtin_glossary_dir().is_dir()
    assert len(glossary) >= 30


def test_required_concepts_are_present_in_both_languages(glossary):
    by_ja = {c.ja.term: c for c in glossary}
    for ja, en in REQUIRED.items():
        assert ja in by_ja, ja
        assert by_ja[ja].en.term.lower() == en.lower()
    for ja in REQUIRED_JA_ONLY:
        assert ja in by_ja, ja
    every_form = {form for c in glossary for form in c.preferred_forms()}
    for form in REQUIRED_FORMS:
        assert form in every_form, form


def test_every_concept_is_complete(glossary):
    hiragana = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc\u30fb ]+\Z")
    for c in glossary:
        assert c.ja.term and c.en.term and c.definition_ja and c.definition_en, c.id
        assert hiragana.match(c.ja.reading), c.id
        assert c.sources, c.id
        facts = c.facts
        present = [facts.size, facts.length, facts.coined, facts.origin, *[r for _, r in facts.relations()]]
        assert any(present), f"{c.id} has no facts"
        for fact in (facts.size, facts.length, facts.coined, facts.origin):
            if fact is not None:
                assert fact.source, f"{c.id}: a fact without its source"


def test_relations_resolve_and_are_not_circular(glossary):
    ids = {c.id for c in glossary}
    for c in glossary:
        for name in RELATIONS:
            for rel in getattr(c.facts, name):
                assert rel.id in ids and rel.id != c.id


def test_no_surface_form_has_two_owners_and_no_variant_is_a_preferred_form(glossary):
    owner: dict[str, str] = {}
    preferred = {unicodedata.normalize("NFKC", f).casefold() for c in glossary for f in c.preferred_forms()}
    for c in glossary:
        for form in (*c.ja.variants, *c.en.variants):
            key = unicodedata.normalize("NFKC", form).casefold()
            assert key not in preferred, f"{c.id}: variant {form!r} is also a preferred form"
            assert owner.setdefault(key, c.id) == c.id, f"{form!r} belongs to {owner[key]} and {c.id}"


def test_no_variant_is_a_known_real_word(glossary):
    known = builtin_known_words()
    assert len(known) >= 100
    for c in glossary:
        for form in (*c.ja.variants, *c.en.variants):
            assert fold_word(form) not in known, f"{c.id}: variant {form!r} is listed as a real word"


def test_no_known_word_is_a_glossary_form(glossary):
    forms = {fold_word(f) for c in glossary for f in (*c.preferred_forms(), *c.ja.variants, *c.en.variants)}
    assert not (forms & builtin_known_words())


def test_every_listed_variant_is_reported_as_a_variant_of_its_own_concept(glossary, matcher):
    for c in glossary:
        for form in (*c.ja.variants, *c.en.variants):
            found = [m for m in matcher.scan(f" {form} ") if m.is_variant]
            assert [(m.concept, m.found) for m in found] == [(c.id, form)], (c.id, form, found)


def test_no_preferred_form_is_reported(glossary, matcher):
    for c in glossary:
        for form in c.preferred_forms():
            flagged = [m for m in matcher.scan(f" {form} ") if m.is_variant]
            assert flagged == [], (c.id, form, flagged)


def test_the_seed_disagreement_on_exosome_size_is_recorded(glossary):
    size = glossary["exosome"].facts.size
    assert size.unit == "nm" and size.min <= 30 and size.max >= 150
    assert len(size.reported) >= 2 and all(r.source for r in size.reported)


# ------------------------------------------------------------------------------ the shipped snapshot


def test_the_shipped_snapshot_is_current():
    """The pre-validated copy of the built-in glossary must be regenerated whenever a YAML file changes."""
    assert snapshot.SNAPSHOT.read_text(encoding="utf-8") == snapshot.build(builtin_glossary_dir()), (
        "sphinx_exerkine/data/builtin-glossary.json is stale: run `python -m sphinx_exerkine.snapshot`")


def test_the_snapshot_gives_the_same_glossary_as_the_yaml():
    from_yaml = load_glossary(use_cache=False, use_snapshot=False)
    from_snapshot = load_glossary(use_cache=False)
    assert from_snapshot.concepts == from_yaml.concepts
    assert from_snapshot.digest == from_yaml.digest


def test_loading_the_builtin_glossary_needs_no_yaml_parser():
    code = ("import sys; from sphinx_exerkine.loader import load_glossary; load_glossary(use_cache=False); "
            "print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _copy_of_builtin(tmp_path: Path) -> Path:
    copy = tmp_path / "glossary"
    shutil.copytree(builtin_glossary_dir(), copy)
    return copy


def test_the_snapshot_serves_only_the_files_it_was_made_from(tmp_path):
    root = builtin_glossary_dir()
    raw = [(p, p.read_bytes()) for p in glossary_files([str(root)])]
    assert snapshot.load(raw, root) is not None
    # an edited file
    edited = [(p, c + b"\n# edited\n") if k == 0 else (p, c) for k, (p, c) in enumerate(raw)]
    assert snapshot.load(edited, root) is None
    # a file missing, or one more file
    assert snapshot.load(raw[1:], root) is None
    assert snapshot.load(raw + [(root / "extra.yaml", b"[]\n")], root) is None
    # the same files elsewhere are not the built-in glossary
    copy = _copy_of_builtin(tmp_path)
    assert snapshot.load([(copy / p.relative_to(root), c) for p, c in raw], root) is None


def test_a_damaged_snapshot_falls_back_to_the_yaml(tmp_path):
    root = builtin_glossary_dir()
    raw = [(p, p.read_bytes()) for p in glossary_files([str(root)])]
    for damage in ("", "{not json", '{"format": 999}', snapshot.SNAPSHOT.read_text(encoding="utf-8").replace('"id": ', '"ident": ', 1)):
        broken = tmp_path / "snapshot.json"
        broken.write_text(damage, encoding="utf-8")
        assert snapshot.load(raw, root, broken) is None


def test_an_edited_builtin_glossary_is_parsed_and_checked(tmp_path, monkeypatch):
    """A user who edits the packaged YAML gets their edit (and its errors), never the stale snapshot."""
    copy = _copy_of_builtin(tmp_path)
    monkeypatch.setattr("sphinx_exerkine.loader.builtin_glossary_dir", lambda: copy)
    first = sorted(copy.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n- id: broken\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        load_glossary(use_cache=False)
