"""The source chain graph: which origin each report traces back to, through which outlets.

Columns run left to right: origins, then the outlets that relayed the claim (farthest from
the report first, nearest last), then the reports. Many reports from one origin are one
voice, not many, so the graph is how a reader sees the difference between "twelve reports"
and "two independent origins". Copies (text reuse) and denials are drawn apart from the rest.
The layout is computed here, in Python, so the figure is static SVG that opens offline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from corroborate.export.results import IncidentJSON, ReportRefJSON
from corroborate.export.svg import (
    DENIALS,
    clip,
    el,
    figure,
    legend,
    marker,
    points,
    stance,
    stance_legend,
)

Key = tuple[str, str]  # ("origin" | "outlet" | "report", id or name)
BOX_W = {"origin": 210.0, "outlet": 170.0, "report": 290.0}
BOX_H, ROW, GAP, PAD, HEAD = 40.0, 50.0, 60.0, 16.0, 28.0


@dataclass(slots=True)
class _Node:
    key: Key
    col: int
    title: str
    sub: str
    tip: str
    tags: tuple[str, ...] = ()
    y: float = 0.0


def _origin_node(incident: IncidentJSON, origin_id: str | None) -> _Node:
    found = [o for o in incident["origins"] if o["id"] == origin_id]
    if not found:
        return _Node(("origin", ""), 0, "Unknown origin", "not traced", "origin not traced")
    origin = found[0]
    speaker = origin["speaker"] or "unnamed source"
    sub = origin["kind"] + (f" · {origin['party']}" if origin["party"] else "")
    return _Node(("origin", origin["id"]), 0, speaker, sub, f"Origin: {speaker} ({sub})")


def _report_node(report: ReportRefJSON) -> _Node:
    outlet = report["outlet"] or report["source_name"]
    title = report["title"] or "(untitled)"
    tags = (stance(report["stance"]).label.lower(),) + (("copy",) if report["copy_of"] else ())
    sub = f"{outlet} · {report['published'] or 'undated'}"
    return _Node(("report", report["id"]), 0, title, sub, f"Report: {title} — {sub}", tags)


def _report_order(incident: IncidentJSON) -> list[ReportRefJSON]:
    """Reports grouped by origin, then by relay chain, copies next to what they copy."""
    rank = {origin["id"]: index for index, origin in enumerate(incident["origins"])}

    def key(report: ReportRefJSON) -> tuple[int, tuple[str, ...], str, str]:
        chain = tuple(reversed(report["via"]))
        root = report["copy_of"] or report["id"]
        return (
            rank.get(report["origin_id"] or "", len(rank)),
            chain,
            root,
            report["published"] or "",
        )

    return sorted(incident["reports"], key=key)


def _chain_paths(incident: IncidentJSON) -> tuple[dict[Key, _Node], list[list[Key]]]:
    """The nodes and, per report, its path origin → farthest outlet … nearest → report."""
    nodes: dict[Key, _Node] = {}
    paths = []
    for report in _report_order(incident):
        origin = _origin_node(incident, report["origin_id"])
        nodes.setdefault(origin.key, origin)
        path = [origin.key]
        for depth, outlet in enumerate(reversed(report["via"]), start=1):
            node = nodes.setdefault(
                ("outlet", outlet),
                _Node(("outlet", outlet), depth, outlet, "relay", f"Outlet: {outlet}"),
            )
            node.col = max(node.col, depth)
            path.append(node.key)
        nodes[("report", report["id"])] = _report_node(report)
        paths.append([*path, ("report", report["id"])])
    _columns(nodes)
    return nodes, paths


def _columns(nodes: Mapping[Key, _Node]) -> None:
    """Close gaps between relay columns, then put every report in the last column."""
    used = sorted({n.col for n in nodes.values() if n.key[0] == "outlet"})
    renumber = {col: index for index, col in enumerate(used, start=1)}
    for node in nodes.values():
        if node.key[0] == "outlet":
            node.col = renumber[node.col]
        elif node.key[0] == "report":
            node.col = len(used) + 1


def _layout(nodes: dict[Key, _Node], paths: list[list[Key]]) -> None:
    """Reports one per row; every other node at the mean height of what it leads to."""
    successors: dict[Key, list[Key]] = defaultdict(list)
    for path in paths:
        for a, b in pairwise(path):
            if b not in successors[a]:
                successors[a].append(b)
    for row, path in enumerate(paths):
        nodes[path[-1]].y = HEAD + PAD + row * ROW
    for col in sorted({n.col for n in nodes.values() if n.key[0] != "report"}, reverse=True):
        column = [n for n in nodes.values() if n.col == col]
        for node in column:
            ys = [nodes[s].y for s in successors[node.key]]
            node.y = sum(ys) / len(ys)
        _spread(sorted(column, key=lambda n: n.y))


def _spread(column: list[_Node]) -> None:
    """Push nodes of one column apart so that boxes never overlap."""
    for above, below in pairwise(column):
        below.y = max(below.y, above.y + ROW)


def _x(col: int, cols: int) -> float:
    """Left edge of a column: origins, relay columns, then the (wider) report column."""
    if col == 0:
        return PAD
    return PAD + BOX_W["origin"] + GAP + (col - 1) * (BOX_W["outlet"] + GAP)


def _box_paint(node: _Node, report: ReportRefJSON | None) -> dict[str, object]:
    if report is None:
        fill = "#F3F0E8" if node.key[0] == "origin" else "#FFFFFF"
        return {"fill": fill, "stroke": "#8A8170" if node.key[0] == "origin" else "#9A9A9A"}
    drawn = stance(report["stance"])
    denial = report["stance"] in DENIALS
    return {
        "fill": "#FBEDE4" if denial else "#FFFFFF",
        "stroke": drawn.colour,
        "stroke-width": 2.6 if denial else 1.4,
        "stroke-dasharray": "5 3" if report["copy_of"] else None,
    }


def _box(node: _Node, x: float, report: ReportRefJSON | None) -> Markup:
    """A labelled node box; reports carry their stance shape and words, copies a dash."""
    width = BOX_W[node.key[0]]
    indent = 22.0 if report else 8.0
    chars = int((width - indent - 6) / 6.5)  # bold 11px system-ui: about 6.5 px a character
    parts = [
        el("title", None, node.tip),
        el(
            "rect",
            {
                "x": x,
                "y": node.y,
                "width": width,
                "height": BOX_H,
                "rx": 4,
                **_box_paint(node, report),
            },
        ),
        el(
            "text", {"x": x + indent, "y": node.y + 16, "font-weight": 600}, clip(node.title, chars)
        ),
        el(
            "text",
            {"x": x + indent, "y": node.y + 31, "font-size": 10, "fill": "#333"},
            clip(node.sub, chars + 6),
        ),
    ]
    if report:
        parts.append(marker(report["stance"], x + 11, node.y + BOX_H / 2, r=4.5))
    return el("g", {"class": f"node {node.key[0]}"}, *parts)


def _edge(a: tuple[float, float], b: tuple[float, float], codes: set[str]) -> Markup:
    """A curve from a's right edge to b's left edge, with an arrowhead at b."""
    (x1, y1), (x2, y2) = a, b
    only = next(iter(codes)) if len(codes) == 1 else ""
    colour = stance(only).colour if only in DENIALS else "#8C8C8C"
    width = 2.0 if only in DENIALS else 1.3
    bend = max(20.0, (x2 - x1) / 2)
    d = f"M{points(x1, y1)} C{points(x1 + bend, y1, x2 - bend, y2, x2 - 6, y2)}"
    head = points(x2, y2, x2 - 7, y2 - 4, x2 - 7, y2 + 4)
    return Markup("").join(
        [
            el("path", {"d": d, "fill": "none", "stroke": colour, "stroke-width": width}),
            el("polygon", {"points": head, "fill": colour}),
        ]
    )


def _copy_arc(x: float, y_from: float, y_to: float) -> Markup:
    """A dotted arc on the right of the report column: original → copy."""
    reach = 18 + min(40.0, abs(y_to - y_from) / 6)
    d = f"M{points(x, y_from)} C{points(x + reach, y_from, x + reach, y_to, x + 7, y_to)}"
    head = points(x, y_to, x + 7, y_to - 4, x + 7, y_to + 4)
    return el(
        "path",
        {"d": d, "fill": "none", "stroke": "#444", "stroke-dasharray": "2 3", "stroke-width": 1.4},
    ) + el("polygon", {"points": head, "fill": "#444"})


def _headings(cols: int) -> Markup:
    report_x = _x(cols - 1, cols)
    parts = [el("text", {"x": PAD, "y": 18, "class": "col-head"}, "Origin")]
    if cols > 2:
        parts.append(
            el(
                "text",
                {"x": _x(1, cols), "y": 18, "class": "col-head"},
                "Relayed by",
            )
        )
    parts.append(el("text", {"x": report_x, "y": 18, "class": "col-head"}, "Reports"))
    return Markup("").join(parts)


def _edges(
    nodes: Mapping[Key, _Node], paths: list[list[Key]], incident: IncidentJSON, cols: int
) -> Markup:
    stances: dict[tuple[Key, Key], set[str]] = defaultdict(set)
    code = {r["id"]: r["stance"] for r in incident["reports"]}
    for path in paths:
        for a, b in pairwise(path):
            stances[(a, b)].add(code[path[-1][1]])
    mid = BOX_H / 2
    return Markup("").join(
        _edge(
            (_x(nodes[a].col, cols) + BOX_W[a[0]], nodes[a].y + mid),
            (_x(nodes[b].col, cols), nodes[b].y + mid),
            codes,
        )
        for (a, b), codes in stances.items()
    )


def _copies(nodes: Mapping[Key, _Node], incident: IncidentJSON, cols: int) -> Markup:
    right = _x(cols - 1, cols) + BOX_W["report"]
    arcs = []
    for report in incident["reports"]:
        original = nodes.get(("report", report["copy_of"] or ""))
        if original is not None:
            copy = nodes[("report", report["id"])]
            arcs.append(_copy_arc(right, original.y + BOX_H / 2, copy.y + BOX_H / 2))
    return Markup("").join(arcs)


_COPY_BOX = {"x": -7, "y": -6, "width": 14, "height": 12, "fill": "#fff", "stroke": "#444"}
_LINE = {"d": "M-8,0 L8,0", "stroke-width": 1.6}


def _legend_items(incident: IncidentJSON) -> list[tuple[Markup, str]]:
    """The stances that occur, copies if any, and the relay line."""
    items = stance_legend(r["stance"] for r in incident["reports"])
    if any(r["copy_of"] for r in incident["reports"]):
        items.append((el("rect", {**_COPY_BOX, "stroke-dasharray": "3 2"}), "copy (text reuse)"))
        items.append(
            (el("path", {**_LINE, "stroke": "#444", "stroke-dasharray": "2 3"}), "copied from")
        )
    items.append((el("path", {**_LINE, "stroke": "#8C8C8C"}), "relayed to"))
    return items


def chain_graph(incident: IncidentJSON) -> Markup:
    """The incident's source chains: origin → relaying outlets → reports, left to right.

    Reports take one row each, grouped by origin; each origin and outlet sits at the mean
    height of the nodes it leads to (a one-pass barycentre layout), pushed apart so boxes
    never overlap. Denials are thick vermilion/purple, copies dashed with a dotted arc
    from the report they copy.
    """
    nodes, paths = _chain_paths(incident)
    _layout(nodes, paths)
    cols = 1 + max(n.col for n in nodes.values())
    reports = {("report", r["id"]): r for r in incident["reports"]}
    width = _x(cols - 1, cols) + BOX_W["report"] + 60
    bottom = max(n.y for n in nodes.values()) + BOX_H + PAD
    key, key_height = legend(_legend_items(incident), width, bottom)
    boxes = Markup("").join(_box(n, _x(n.col, cols), reports.get(n.key)) for n in nodes.values())
    drawn = _headings(cols) + _edges(nodes, paths, incident, cols) + _copies(nodes, incident, cols)
    label = (
        f"Source chain graph: {len(incident['origins'])} origins, "
        f"{len(incident['reports'])} reports, for {incident['label']}"
    )
    graph = el("g", {"class": "chain"}, drawn + boxes)
    return figure(width, bottom + key_height, label, graph, el("g", {"class": "legend"}, key))
