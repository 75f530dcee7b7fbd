"""The relation diagram of the rendered glossary, drawn by the extension itself as SVG.

Concepts joined by ``is_a``, ``part_of`` or ``includes`` are placed in layers, broader concepts above
narrower ones: layers by longest path (cycles broken where a depth-first walk meets them), order inside a
layer by a few barycentre sweeps, boxes centred per layer, straight edges with an arrow to the broader
concept. Each box links to the concept's anchor. HTML builders embed the SVG inline; the others get the
same relations as a list of sentences.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from .domain import anchor_for
from .nodes import raw_html

if TYPE_CHECKING:
    from ..model import Concept

#: relations drawn, in order of precedence when two concepts are joined twice
DRAWN = ("is_a", "part_of", "includes")

#: how each edge reads from the narrower concept to the broader one
LABELS = {
    "en": {"is_a": "is a", "part_of": "part of", "includes": "included in", "title": "Relations"},
    "ja": {"is_a": "の一種", "part_of": "の一部", "includes": "に含まれる", "title": "関係図"},
}
DASHES = {"is_a": "", "part_of": "6 3", "includes": "2 3"}

FONT = 13
SMALL = 11
PAD_X = 10
BOX_H = 40
GAP_X = 16
GAP_Y = 56
MARGIN = 12
LEGEND_H = 28


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at font ``size`` (wide characters one em, others 0.6 em)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


@dataclass
class Box:
    concept: Concept
    layer: int = 0
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    primary: str = ""
    secondary: str = ""


@dataclass
class Layout:
    boxes: dict[str, Box] = field(default_factory=dict)
    #: (narrower id, broader id, relation)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def relation_edges(concepts: list[Concept]) -> list[tuple[str, str, str]]:
    """Edges ``(narrower, broader, relation)`` between the given concepts, one per pair."""
    shown = {c.id for c in concepts}
    pairs: dict[tuple[str, str], str] = {}
    for concept in concepts:
        for relation in DRAWN:
            for rel in getattr(concept.facts, relation):
                if rel.id not in shown or rel.id == concept.id:
                    continue
                pair = (rel.id, concept.id) if relation == "includes" else (concept.id, rel.id)
                current = pairs.get(pair)
                if current is None or DRAWN.index(relation) < DRAWN.index(current):
                    pairs[pair] = relation
    return [(lower, upper, relation) for (lower, upper), relation in pairs.items()]


def _layers(order: list[str], edges: list[tuple[str, str, str]]) -> dict[str, int]:
    """Layer of each node: 0 for the broadest, longest path downwards; back edges of cycles ignored."""
    below: dict[str, list[str]] = {n: [] for n in order}
    for lower, upper, _ in edges:
        below[upper].append(lower)
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    topo: list[str] = []
    kept: dict[str, list[str]] = {n: [] for n in order}

    def visit(start: str) -> None:
        stack = [(start, iter(below[start]))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                topo.append(node)
                stack.pop()
            elif state.get(child) == 1:
                continue  # a cycle: drop this edge
            else:
                kept[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(below[child])))

    has_upper = {lower for lower, _, _ in edges}
    for node in [n for n in order if n not in has_upper] + order:
        if node not in state:
            visit(node)
    layer = dict.fromkeys(order, 0)
    for node in reversed(topo):  # parents before children
        for child in kept[node]:
            layer[child] = max(layer[child], layer[node] + 1)
    return layer


def layout(concepts: list[Concept], language: str) -> Layout | None:
    """Place the concepts that take part in a drawn relation; None when there is none."""
    edges = relation_edges(concepts)
    if not edges:
        return None
    linked = {e[0] for e in edges} | {e[1] for e in edges}
    order = [c.id for c in concepts if c.id in linked]
    by_id = {c.id: c for c in concepts}
    layer = _layers(order, edges)
    rows: list[list[str]] = [[] for _ in range(max(layer.values()) + 1)]
    for node in order:
        rows[layer[node]].append(node)
    # barycentre sweeps: down using the layer above, then up using the layer below
    up: dict[str, list[str]] = {n: [] for n in order}
    down: dict[str, list[str]] = {n: [] for n in order}
    for lower, upper, _ in edges:
        up[lower].append(upper)
        down[upper].append(lower)
    for _ in range(4):
        for neighbours, sequence in ((up, range(1, len(rows))), (down, range(len(rows) - 2, -1, -1))):
            position = {n: i for row in rows for i, n in enumerate(row)}
            for k in sequence:
                row = rows[k]

                def centre(n: str, row: list[str] = row, nb: dict = neighbours) -> float:
                    others = [position[m] for m in nb[n]]
                    return sum(others) / len(others) if others else float(row.index(n))

                rows[k] = sorted(row, key=centre)
    other = "en" if language == "ja" else "ja"
    result = Layout(edges=edges)
    widths = []
    for k, row in enumerate(rows):
        total = 0.0
        for node in row:
            concept = by_id[node]
            box = Box(concept, layer=k, primary=concept.term(language), secondary=concept.term(other))
            box.width = max(text_width(box.primary, FONT), text_width(box.secondary, SMALL)) + 2 * PAD_X
            result.boxes[node] = box
            total += box.width
        widths.append(total + GAP_X * max(len(row) - 1, 0))
    result.width = max(widths) + 2 * MARGIN
    for k, row in enumerate(rows):
        x = MARGIN + (result.width - 2 * MARGIN - widths[k]) / 2
        for node in row:
            box = result.boxes[node]
            box.x, box.y = x, MARGIN + k * (BOX_H + GAP_Y)
            x += box.width + GAP_X
    result.height = MARGIN + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y + MARGIN + LEGEND_H
    return result


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render_svg(result: Layout, language: str) -> str:
    """The layout as standalone SVG markup (every glossary string escaped)."""
    labels = LABELS[language]
    title = escape(labels["title"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="exerkine-diagram-svg" width="{_f(result.width)}" height="{_f(result.height)}" '
        f'viewBox="0 0 {_f(result.width)} {_f(result.height)}" font-size="{FONT}">',
        f"<title>{title}</title>",
        '<defs><marker id="exerkine-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/>'
        "</marker></defs>",
    ]
    for lower, upper, relation in result.edges:
        a, b = result.boxes[lower], result.boxes[upper]
        x1, y1 = a.x + a.width / 2, a.y
        x2, y2 = b.x + b.width / 2, b.y + BOX_H
        dash = f' stroke-dasharray="{DASHES[relation]}"' if DASHES[relation] else ""
        tip = escape(sentence(a.concept, b.concept, relation, language))
        out.append(
            f'<line class="exerkine-edge exerkine-{relation.replace("_", "-")}" x1="{_f(x1)}" y1="{_f(y1)}" '
            f'x2="{_f(x2)}" y2="{_f(y2)}" stroke="#555" stroke-width="1.2"{dash} '
            f'marker-end="url(#exerkine-arrow)"><title>{tip}</title></line>'
        )
    for node, box in result.boxes.items():
        href = "#" + escape(anchor_for(node))
        cx = box.x + box.width / 2
        out.append(
            f'<a class="exerkine-node" href="{href}" xlink:href="{href}">'
            f'<rect x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.width)}" height="{BOX_H}" rx="5" '
            f'fill="#f7f7f9" stroke="#6b6b80"/>'
            f'<text x="{_f(cx)}" y="{_f(box.y + 17)}" text-anchor="middle" fill="#222">'
            f"{escape(box.primary)}</text>"
            f'<text x="{_f(cx)}" y="{_f(box.y + 32)}" text-anchor="middle" font-size="{SMALL}" fill="#555">'
            f"{escape(box.secondary)}</text></a>"
        )
    # legend
    y = result.height - LEGEND_H / 2
    x = MARGIN
    for relation in DRAWN:
        dash = f' stroke-dasharray="{DASHES[relation]}"' if DASHES[relation] else ""
        out.append(f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 28)}" y2="{_f(y)}" stroke="#555" '
                   f'stroke-width="1.2"{dash} marker-end="url(#exerkine-arrow)"/>')
        label = escape(labels[relation])
        out.append(f'<text x="{_f(x + 34)}" y="{_f(y + 4)}" font-size="{SMALL}" fill="#333">{label}</text>')
        x += 34 + text_width(labels[relation], SMALL) + 18
    out.append("</svg>")
    return "".join(out)


def sentence(lower: Concept, upper: Concept, relation: str, language: str) -> str:
    """One relation as a sentence: "exosome is a extracellular vesicle", "エクソソームは細胞外小胞の一種"."""
    label = LABELS[language][relation]
    if language == "ja":
        return f"{lower.ja.term}は{upper.ja.term}{label}"
    return f"{lower.en.term} {label} {upper.en.term}"


def diagram_nodes(concepts: list[Concept], language: str, html: bool) -> list[nodes.Node]:
    """The diagram: inline SVG for HTML builders, a list of the relations as sentences for the others;
    nothing when no relation joins the concepts."""
    result = layout(concepts, language)
    if result is None:
        return []
    if html:
        return [nodes.container("", raw_html(render_svg(result, language)), classes=["exerkine-diagram"])]
    items = nodes.bullet_list(classes=["exerkine-relations"])
    for lower, upper, relation in result.edges:
        text = sentence(result.boxes[lower].concept, result.boxes[upper].concept, relation, language)
        items += nodes.list_item("", nodes.paragraph(text, text))
    return [items]
