"""The audit's table: one row per page type and theme, one column per budget."""

import textwrap

from . import budgets

COLUMNS = [
    ("page type", 18),
    ("theme", 7),
    ("axe", 4),
    ("lang", 5),
    ("skip", 4),
    ("focus", 5),
    ("labels", 6),
    ("kbd", 4),
    ("img", 4),
    ("zip", 4),
    ("cache", 5),
    ("cold KB", 7),
    ("warm KB", 7),
    ("req", 4),
    ("DOM", 5),
    ("EcoIndex", 8),
    ("LH p/a/bp/seo", 15),
    ("result", 6),
]
_LIGHTHOUSE = budgets.LIGHTHOUSE_MINIMUMS
LEGEND = textwrap.fill(
    "Budgets: axe = serious/critical violations (0); lang, skip link, visible focus, labelled fields, "
    "keyboard (skip link to <main>, search box reached); img = WebP/AVIF, lazy below the fold, srcset; "
    "zip = text compressed; cache = fingerprinted static files cached ≥ 1 year; "
    f"cold ≤ {budgets.COLD_KB} KB; warm ≤ {budgets.WARM_KB} KB; req ≤ {budgets.REQUESTS}; "
    f"DOM ≤ {budgets.DOM_ELEMENTS}; EcoIndex {' or '.join(budgets.ECOINDEX_GRADES)}; Lighthouse 12.2.3 "
    f"(mobile, simulated throttling, median of 3 runs) performance ≥ {_LIGHTHOUSE['performance']}, "
    f"accessibility ≥ {_LIGHTHOUSE['accessibility']}, best practices ≥ {_LIGHTHOUSE['best-practices']}, "
    f"SEO ≥ {_LIGHTHOUSE['seo']}. A « ! » marks a broken budget.",
    width=110,
)


def _mark(text, failed):
    return f"{text}!" if failed else str(text)


def _ok(failed):
    return "no!" if failed else "ok"


def _cells(result):
    target = result.target
    if not target.built:
        return [target.page_type.name, target.theme, "— not built yet —"]
    if not target.url:
        return [target.page_type.name, target.theme, "— none in the demo data: nothing to audit —", "FAIL"]
    if result.error:
        return [target.page_type.name, target.theme, f"— {result.error} —", "FAIL"]
    failed = set(result.failures())
    if result.lighthouse is None:
        lighthouse = "-"
    else:
        scores = [result.lighthouse.get(name, 0) for name in budgets.LIGHTHOUSE_MINIMUMS]
        lighthouse = _mark("/".join(str(score) for score in scores), any(name.startswith("lh-") for name in failed))
    return [
        target.page_type.name,
        target.theme,
        _mark(len(result.axe), "axe" in failed),
        _mark(result.lang or "none", "lang" in failed),
        _ok("skip" in failed),
        _ok("focus" in failed),
        _ok("labels" in failed),
        _ok("kbd" in failed),
        _mark(result.image_count, "img" in failed),
        _ok("zip" in failed),
        _ok("cache" in failed),
        _mark(f"{result.cold_kb:.1f}", "cold" in failed),
        _mark(f"{result.warm_kb:.1f}", "warm" in failed),
        _mark(result.requests, "req" in failed),
        _mark(result.dom_elements, "dom" in failed),
        _mark(f"{result.eco_grade} {result.eco_score:.0f}", "eco" in failed),
        lighthouse,
        "FAIL" if failed else "PASS",
    ]


def _row(cells):
    if len(cells) < len(COLUMNS):  # a row that spans the measurement columns
        first, middle = [cell.ljust(width) for cell, (_n, width) in zip(cells[:2], COLUMNS)], cells[2]
        last = cells[3] if len(cells) > 3 else "n/a"
        span = sum(width + 2 for _n, width in COLUMNS[2:-1]) - 2
        return "  ".join([*first, middle.ljust(span), last]).rstrip()
    return "  ".join(str(cell).ljust(width) for cell, (_n, width) in zip(cells, COLUMNS)).rstrip()


def table(results):
    lines = [_row([name for name, _w in COLUMNS]), "-" * sum(width + 2 for _n, width in COLUMNS)]
    lines += [_row(_cells(result)) for result in results]
    return "\n".join(lines)


def details(results):
    """What each failing page got wrong, and the Lighthouse notes of audited pages."""
    lines = []
    for result in results:
        target = result.target
        notes = []
        if result.http_errors:
            notes += [f"HTTP error: {entry}" for entry in result.http_errors]
        notes += [f"axe {rule} ({impact}) on {count} element(s)" for rule, impact, count in result.axe]
        notes += [f"skip link: {result.skip_link}"] if result.skip_link else []
        notes += [f"keyboard: {result.keyboard}"] if result.keyboard else []
        notes += [f"no visible focus: {html}" for html in result.no_focus_style]
        notes += [f"unlabelled field: {html}" for html in result.unlabelled]
        notes += [f"image: {entry}" for entry in result.bad_images]
        notes += [f"not compressed: {entry}" for entry in result.uncompressed]
        notes += [f"not cacheable for long: {entry}" for entry in result.uncached]
        notes += [f"Lighthouse {note}" for note in result.lighthouse_notes]
        if notes:
            lines.append(f"{target.page_type.name} · {target.theme} · {target.url}")
            lines += [f"    {note}" for note in notes]
    return "\n".join(lines)
