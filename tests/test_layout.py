"""The floor plan (README, Architecture): the project's modules import one
another in one direction, with no loop, inside an app as between apps.
import-linter checks the direction between apps (``make lint``); this test finds
any cycle, whatever its length, in the graph of module-level imports."""

import grimp

PACKAGES = ("portail", "sites", "themes", "resources", "veille", "communities", "harvest", "search")


def _is_code(module):
    parts = module.split(".")
    return "tests" not in parts and "migrations" not in parts


def import_cycles(graph, modules):
    """The strongly connected components of more than one module (Tarjan)."""
    order, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(modules):
        if module not in order:
            visit(module)
    return cycles


def test_the_import_graph_finds_a_planted_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    assert import_cycles(graph, {"a.one", "a.two", "a.three"}) == [["a.one", "a.three", "a.two"]]


def test_the_project_has_no_import_cycle():
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    modules = {module for module in graph.modules if _is_code(module)}
    assert len(modules) > 200  # the whole project was read
    assert import_cycles(graph, modules) == []
