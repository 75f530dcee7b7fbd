"""The documentation in docs/: it builds in English and Japanese with ``-W``, ``exerkine lint docs`` finds
nothing, every message written by hand is translated, and the glossary page works in a real browser.

The three Sphinx builds (English HTML, Japanese HTML, gettext) run in parallel subprocesses into a
temporary directory. The browser check drives headless Chromium with the driver of
``tests/browser/test_tooltip_browser.py`` and leaves screenshots in ``docs/_build/screenshots/`` for
people to look at; it is skipped when no Chromium is installed.
"""

from __future__ import annotations

import argparse
import base64
import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sphinx_exerkine import cli
from sphinx_exerkine.loader import BUILTIN, load_glossary
from sphinx_exerkine.rules import RULES
from sphinx_exerkine.sphinxext.config import CONFIG_VALUES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CATALOGUES = DOCS / "locale" / "ja" / "LC_MESSAGES"
SCREENSHOTS = DOCS / "_build" / "screenshots"
LANGUAGES = ("en", "ja")

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from test_tooltip_browser import CHROMIUM, TOOLTIP, Browser  # noqa: E402  (the shared DevTools driver)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass
class Build:
    returncode: int
    output: str


@dataclass
class Site:
    root: Path
    builds: dict[str, Build]

    def html(self, language: str) -> Path:
        return self.root / "html" / language

    def page(self, language: str, name: str) -> str:
        return (self.html(language) / f"{name}.html").read_text(encoding="utf-8")


def _text(page: str) -> str:
    """The text of an HTML page, without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """Both languages and the message catalogues, built at the same time."""
    root = tmp_path_factory.mktemp("docs")
    env = {**os.environ, "EXERKINE_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "cache")}
    sphinx = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-E"]
    commands = {
        "en": [*sphinx, "-b", "html", "-d", root / "doctrees-en", DOCS, root / "html" / "en"],
        "ja": [*sphinx, "-b", "html", "-D", "language=ja", "-d", root / "doctrees-ja", DOCS, root / "html" / "ja"],
        "gettext": [*sphinx, "-b", "gettext", "-d", root / "doctrees-gettext", DOCS, root / "gettext"],
    }
    running = {name: subprocess.Popen([str(a) for a in command], cwd=ROOT, env=env, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
               for name, command in commands.items()}
    builds = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=600)
        builds[name] = Build(process.returncode, output)
    return Site(root, builds)


# ------------------------------------------------------------------------------------------ building


@pytest.mark.parametrize("language", [*LANGUAGES, "gettext"])
def test_docs_build_with_warnings_as_errors(site: Site, language: str) -> None:
    build = site.builds[language]
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output and "ERROR" not in build.output, build.output


def test_japanese_pages_are_japanese(site: Site) -> None:
    for name in ("index", "quickstart", "writers", "translators", "ci", "rules", "configuration",
                 "import-export", "glossary-format", "benchmarks", "glossary", "translation"):
        page = site.page("ja", name)
        assert '<html lang="ja"' in page, name
        title = re.search(r"<h1>(.*?)<a", page).group(1)
        first = re.search(r"<p>(.*?)</p>", page, re.S).group(1)
        assert JAPANESE.search(title if name != "index" else first), f"{name}: untranslated title {title!r}"
    # the language links of the sidebar lead to the same page of the other site
    assert 'href="./../en/writers.html"' in site.page("ja", "writers")
    assert 'href="./../ja/writers.html"' in site.page("en", "writers")


def test_references_are_generated_from_the_code(site: Site) -> None:
    commands = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for language in LANGUAGES:
        rules = site.page(language, "rules")
        for rule in RULES.values():
            assert f'id="rule-{rule.id}"' in rules
            assert rule.flagged in _text(rules)  # the examples, as code, in both languages
        configuration = site.page(language, "configuration")
        for value in CONFIG_VALUES:
            assert f'id="confval-{value.name.replace("_", "-")}"' in configuration
        for action in commands.choices["lint"]._actions:
            for option in [] if isinstance(action, argparse._HelpAction) else action.option_strings:
                assert f">{option}<" in configuration, option
        assert "Preferred Japanese term." in site.page("en", "glossary-format")


def test_glossary_page_renders_the_builtin_glossary(site: Site) -> None:
    from sphinx_exerkine.sphinxext.diagram import relation_edges

    concepts = list(load_glossary([BUILTIN]))
    related = {concept for edge in relation_edges(concepts) for concept in edge[:2]}
    for language in LANGUAGES:
        page = site.page(language, "glossary")
        assert page.count('class="exerkine-node"') == len(related)
        for concept in concepts:
            assert f'id="term-{concept.id}"' in page


def test_benchmark_page_includes_the_results_file(site: Site) -> None:
    first_heading = next(line for line in (ROOT / "bench" / "results.md").read_text(encoding="utf-8").splitlines()
                         if line.startswith("#"))
    title = html.escape(first_heading.lstrip("#").strip(), quote=False)
    for language in LANGUAGES:
        assert title in site.page(language, "benchmarks")


# ------------------------------------------------------------------------------------------ linting


def test_exerkine_lint_docs_reports_nothing(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    status = cli.main(["lint", "docs"])
    out, err = capsys.readouterr()
    assert status == 0, out + err


# ------------------------------------------------------------------------------------------ translation

#: what is not prose in a message: literals, interpreted text, roles and their targets, URLs
_NOT_PROSE = re.compile(r"``.+?``|:[\w:-]+:`[^`]*`|`[^`]*`_{0,2}|https?://\S+")


def _needs_translation(message: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", _NOT_PROSE.sub(" ", message)))


def _written_by_hand(locations: list[tuple[str, int]]) -> bool:
    """Messages of the pages themselves, not of generated references (``<exerkine-…>``) or included
    reports."""
    return any(path.endswith(".rst") and "<" not in path for path, _ in locations)


def test_every_message_written_by_hand_is_translated(site: Site) -> None:
    missing = []
    for template in sorted((site.root / "gettext").glob("*.pot")):
        with template.open("rb") as f:
            messages = [m for m in read_po(f) if m.id]
        catalogue_path = CATALOGUES / f"{template.stem}.po"
        assert catalogue_path.is_file(), f"no catalogue for {template.stem}: run sphinx-intl update"
        with catalogue_path.open("rb") as f:
            catalogue = read_po(f)
        for message in messages:
            if not (_written_by_hand(message.locations) and _needs_translation(message.id)):
                continue
            translated = catalogue.get(message.id)
            if translated is None or not translated.string or translated.fuzzy:
                missing.append(f"{catalogue_path.name}: {message.id[:70]!r}")
    assert not missing, "untranslated or fuzzy (run sphinx-intl update and translate):\n" + "\n".join(missing)


#: inline markup that a translation must keep: literals, bold, italics, links (roles unknown to plain
#: docutils, such as :doc:, come out as "problematic" nodes)
_MARKUP = ("literal", "strong", "emphasis", "reference", "problematic")


def _markup(text: str) -> tuple[tuple[int, ...], str]:
    """How many nodes of each kind of inline markup ``text`` has, and its plain text outside literals."""
    from docutils import nodes
    from docutils.core import publish_doctree

    doctree = publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5})
    counts = tuple(sum(1 for _ in doctree.findall(getattr(nodes, kind))) for kind in _MARKUP)
    plain = "".join(t.astext() for t in doctree.findall(nodes.Text)
                    if not isinstance(t.parent, (nodes.literal, nodes.problematic)))
    return counts, plain


def test_translations_keep_the_markup_of_their_source() -> None:
    """reST needs whitespace or punctuation around inline markup; Japanese has no spaces, so a
    translation can silently lose a literal or show its asterisks (write ``\\ `` where no space is
    wanted)."""
    broken = []
    for path in sorted(CATALOGUES.glob("*.po")):
        with path.open("rb") as f:
            for message in read_po(f):
                if not message.id or not message.string:
                    continue
                (source, source_text), (target, target_text) = _markup(message.id), _markup(message.string)
                stray = [s for s in ("``", "**", "*", "`") if target_text.count(s) > source_text.count(s)]
                lost = [kind for kind, a, b in zip(_MARKUP, source, target) if b < a]
                if stray or lost:
                    broken.append(f"{path.name}: {message.string[:60]!r}: lost {lost}, shows {stray}")
    assert not broken, "\n".join(broken)


# ------------------------------------------------------------------------------------------ Markdown include

REPORT = """\
## exerkine benchmark — 2 files

Measured on *one* machine with `exerkine`. See [the README](https://example.org/readme).

| case | median s | note |
|---|---:|---|
| exerkine | 1.250 | all files |
| textlint+prh | 9.500 | Markdown only |

### Accuracy

- first item
- second item
"""


def test_markdown_reports_are_parsed_into_sections_and_tables() -> None:
    from docutils import nodes
    from docutils.core import publish_doctree

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        import exerkine_markdown
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    doctree = publish_doctree(REPORT, parser=exerkine_markdown.Parser(),
                              settings_overrides={"report_level": 5, "doctitle_xform": False})
    sections = list(doctree.findall(nodes.section))
    assert [s[0].astext() for s in sections] == ["exerkine benchmark — 2 files", "Accuracy"]
    assert sections[1].parent is sections[0]
    table = next(doctree.findall(nodes.table))
    rows = [[entry.astext() for entry in row] for row in table.findall(nodes.row)]
    assert rows == [["case", "median s", "note"], ["exerkine", "1.250", "all files"],
                    ["textlint+prh", "9.500", "Markdown only"]]
    assert next(table.findall(nodes.thead)).astext().startswith("case")
    assert "align-right" in list(table.findall(nodes.entry))[4]["classes"]
    assert [n.astext() for n in doctree.findall(nodes.literal)] == ["exerkine"]
    assert next(doctree.findall(nodes.reference))["refuri"] == "https://example.org/readme"
    assert next(doctree.findall(nodes.emphasis)).astext() == "one"
    assert [i.astext() for i in doctree.findall(nodes.list_item)] == ["first item", "second item"]
    assert all(node.get("translatable") is False for node in doctree.findall(nodes.TextElement)
               if not isinstance(node, nodes.Inline))
    assert all("exerkine-nolink" in node["classes"] for node in doctree.children)  # no glossary links


# ------------------------------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    instance = Browser(CHROMIUM, tmp_path_factory.mktemp("profile"))
    try:
        yield instance
    finally:
        instance.close()


def _screenshot(browser: Browser, name: str, clip: dict | None = None) -> Path:
    params: dict = {"format": "png"}
    if clip is not None:
        params.update(clip={**clip, "scale": 1}, captureBeyondViewport=True)
    data = browser.call("Page.captureScreenshot", session=True, **params)["data"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(data))
    return path


DIAGRAM = """(() => {
  const svg = document.querySelector('.exerkine-diagram svg');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const nodes = svg.querySelectorAll('a.exerkine-node');
  const drawn = Array.from(nodes).filter(a => a.querySelector('rect').getBBox().width > 0);
  const container = svg.closest('.exerkine-diagram').getBoundingClientRect();
  return {width: box.width, height: box.height, nodes: nodes.length, drawn: drawn.length,
          edges: svg.querySelectorAll('line.exerkine-edge').length,
          edgeTitles: Array.from(svg.querySelectorAll('line.exerkine-edge > title')).map(t => t.textContent),
          labels: Array.from(nodes).map(a => a.querySelector('text').textContent),
          x: container.left + window.scrollX, y: container.top + window.scrollY};
})()"""


def _node_centre(browser: Browser, index: int) -> dict:
    return browser.evaluate(f"""(() => {{
      const node = document.querySelectorAll('.exerkine-diagram a.exerkine-node')[{index}];
      node.scrollIntoView({{block: 'center', inline: 'center'}});
      const box = node.querySelector('rect').getBoundingClientRect();
      return {{x: box.left + box.width / 2, y: box.top + box.height / 2, href: node.getAttribute('href')}};
    }})()""")


RECT_FILL = "(index) => getComputedStyle(document.querySelectorAll('.exerkine-diagram a.exerkine-node rect')[index]).fill"


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_page_in_a_browser(site: Site, browser: Browser, language: str) -> None:
    glossary = (site.html(language) / "glossary.html").as_uri()
    browser.open(glossary)
    browser.wait_for("document.documentElement.classList.contains('exerkine-js')")

    # the relation diagram is drawn: an SVG of real size with boxes and edges
    diagram = browser.evaluate(DIAGRAM)
    assert diagram is not None, "no diagram on the glossary page"
    assert diagram["width"] > 200 and diagram["height"] > 100
    assert diagram["nodes"] >= 10 and diagram["drawn"] == diagram["nodes"] and diagram["edges"] >= diagram["nodes"] // 2
    # each edge carries its relation as a sentence, which the browser shows as a native tooltip
    assert len(diagram["edgeTitles"]) == diagram["edges"] and all(diagram["edgeTitles"])
    primary = "".join(diagram["labels"])
    assert bool(JAPANESE.search(primary)) is (language == "ja")  # boxes name concepts in the page's language
    _screenshot(browser, f"glossary-{language}")
    # the whole diagram, also the part the page scrolls sideways
    browser.evaluate("document.querySelector('.exerkine-diagram').style.overflow = 'visible'")
    _screenshot(browser, f"diagram-{language}", {"x": diagram["x"], "y": diagram["y"],
                                                 "width": diagram["width"], "height": diagram["height"]})
    browser.evaluate("document.querySelector('.exerkine-diagram').style.overflow = ''")

    # hovering over a box highlights it; the box links to an entry of the page
    before = browser.evaluate(f"({RECT_FILL})(0)")
    node = _node_centre(browser, 0)
    browser.hover(node["x"], node["y"])
    browser.wait_for(f"({RECT_FILL})(0) !== {before!r}")
    assert browser.evaluate(f"document.getElementById({node['href'][1:]!r}).tagName") == "DT"

    # a term linked on another page shows its definition on hover and leads to its entry here
    browser.open((site.html(language) / "writers.html").as_uri())
    browser.wait_for("document.documentElement.classList.contains('exerkine-js')")
    assert browser.evaluate(TOOLTIP) is None
    term = browser.evaluate("""(() => {
      const term = document.querySelector('.exerkine-term[data-exerkine-tip]');
      const link = term.closest('a');
      link.scrollIntoView({block: 'center'});
      const box = link.getBoundingClientRect();
      return {x: box.left + box.width / 2, y: box.top + box.height / 2, href: link.href,
              tip: term.getAttribute('data-exerkine-tip'), text: term.textContent};
    })()""")
    browser.hover(term["x"], term["y"])
    shown = browser.wait_for(TOOLTIP)
    assert shown["text"] == term["tip"] and shown["width"] > 0 and shown["height"] > 0
    assert bool(JAPANESE.search(shown["text"])) is (language == "ja")  # definitions in the page's language
    _screenshot(browser, f"tooltip-{language}")
    browser.hover(5, 5)
    browser.wait_for(f"{TOOLTIP} === null")

    assert term["href"].startswith(glossary + "#term-")
    browser.open(term["href"])
    entry = browser.evaluate("document.getElementById(location.hash.slice(1))?.tagName")
    assert entry == "DT"
