"""What a template reads, from its Jinja syntax tree: the render plan keys a page on this.

For a template and every template it extends, includes or imports, `reads` gives
- `names`: the context variables it uses (`article`, `front_days`, `SITEURL`…),
- `attributes`: every attribute it asks of anything (`.title`, `.url`, `month.previous.label`
  gives `previous` and `label`), and attribute names given to filters as strings
  (`groupby("day")`, `sort(attribute="date")`).

- `counted`: names and attributes it only counts or tests (`facet.articles|length`,
  `{% if month.next %}`), never lists or prints: a list there counts by its length;
- `unpacked`: the names a loop gives the parts of a list's items (`for cat, articles in
  categories` gives `categories` -> ("cat", "articles")).

`items` says what is asked of the items of each list, following loops, macro arguments and
`set` names; `listed`, the attributes asked of any name the template binds, stands in where
a list's items cannot be followed. Neither holds what is asked of the page's own subject. So
a template that starts to show a new field in a list changes what keys the lists, with
nothing to keep in step by hand.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, meta, nodes

from ..files import write_atomically

# what _one finds, from this module's code: a change to the analysis is a new cache
_CACHE_VERSION = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8).hexdigest()

# filters and tests whose string arguments name attributes
_ATTRIBUTE_FILTERS = {"groupby", "sort", "map", "selectattr", "rejectattr", "sum", "min", "max", "unique", "attr"}


_COUNTING_FILTERS = {"length", "count"}


@dataclass(frozen=True)
class Reads:
    names: frozenset[str]
    attributes: frozenset[str]
    listed: frozenset[str]      # attributes asked of names the template binds (items of lists)
    counted: frozenset[str] = frozenset()   # "name" or ".attribute" only counted or tested
    unpacked: tuple = ()                    # (name, (part names…)) of loops that unpack items
    items: tuple = ()                       # (name, attributes asked of its items), see _flows
    of: tuple = ()                          # (context name, attributes asked of it)


def _key(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return "." + node.attr
    return None


def _uses(node: nodes.Node, parent: nodes.Node | None, counted: set[str], shown: set[str]) -> None:
    """Sort every use of a name or attribute into counted (`|length`, a test) or shown."""
    key = _key(node) if getattr(node, "ctx", "load") == "load" else None
    if key is not None:
        if (isinstance(parent, nodes.Filter) and parent.node is node and parent.name in _COUNTING_FILTERS) or \
                (isinstance(parent, (nodes.If, nodes.CondExpr)) and parent.test is node) or \
                (isinstance(parent, nodes.Not)) or (isinstance(parent, nodes.Getattr) and parent.node is node):
            counted.add(key)
        else:
            shown.add(key)
    for child in node.iter_child_nodes():
        _uses(child, node, counted, shown)


def _bound_names(ast: nodes.Template) -> set[str]:
    """Names a template binds: loop targets, macro arguments, `set` and `with` targets, imports."""
    bound: set[str] = set()
    for node in ast.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.With)):
        targets = []
        if isinstance(node, (nodes.For, nodes.Assign, nodes.AssignBlock)):
            targets = [node.target]
        elif isinstance(node, nodes.With):
            targets = node.targets
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            targets = node.args
        for target in targets:
            bound.update(n.name for n in target.find_all(nodes.Name))
            if isinstance(target, nodes.Name):
                bound.add(target.name)
    bound.add("loop")
    return bound


def _root(node: nodes.Node) -> str | None:
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        node = node.node
    return node.name if isinstance(node, nodes.Name) else None


def _flows(ast: nodes.Template, bound: set[str]) -> tuple[set, dict]:
    """Where the items of a list go, and what is asked of each bound name.

    `asked[name]`: attributes asked of a name the template binds (`article.title`);
    `asked["[" + key]`: attributes asked of the items of the list `key` (a name or
    ".attribute"). `flows`: (to, from) pairs, meaning what is asked of `from` is asked of `to`:
    a loop's items are its variable (`for article in items`), a macro's argument is its
    parameter, a `set` name is the value given."""
    asked: dict[str, set[str]] = {}
    flows: set[tuple[str, str]] = set()
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name):
            # a name of the page's context apart ("=name"): what is asked of the page's own
            # article is not asked of the articles a macro of the same argument name lists
            name = node.node.name if node.node.name in bound else "=" + node.node.name
            asked.setdefault(name, set()).add(node.attr)
    macros = {m.name: [a.name for a in m.args] for m in ast.find_all(nodes.Macro)}
    for loop in ast.find_all(nodes.For):
        source = loop.iter
        while isinstance(source, nodes.Filter):
            if source.name in _ATTRIBUTE_FILTERS:
                for arg in [*source.args, *(kw.value for kw in source.kwargs)]:
                    if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                        asked.setdefault("[" + (_key(_base(source)) or ""), set()).add(arg.value)
            source = source.node
        key = _key(source)
        if key and isinstance(loop.target, nodes.Name):
            flows.add(("[" + key, loop.target.name))
        elif key and isinstance(loop.target, nodes.Tuple):
            # `for day, items in front_days`: the parts are named, their items flow on
            for part in loop.target.items:
                if isinstance(part, nodes.Name):
                    flows.add(("[" + part.name, "[" + part.name))
    for assign in ast.find_all(nodes.Assign):
        if isinstance(assign.target, nodes.Name) and _key(assign.node):
            flows.add(("[" + _key(assign.node), "[" + assign.target.name))
            flows.add((_key(assign.node), assign.target.name))
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            params = macros.get(call.node.name)
            for i, arg in enumerate(call.args):
                if _key(arg):
                    flows.add((_key(arg), ("macro", call.node.name, i)))
                    flows.add(("[" + _key(arg), ("[macro", call.node.name, i)))
    for name, params in macros.items():
        for i, param in enumerate(params):
            flows.add((("macro", name, i), param))
            flows.add((("[macro", name, i), "[" + param))
    return flows, asked


def _base(node: nodes.Node) -> nodes.Node:
    while isinstance(node, nodes.Filter):
        node = node.node
    return node


def _resolve(flows: set, asked: dict) -> dict[str, frozenset]:
    """Follow the flows to a fixed point: what is asked of the items of each list."""
    asked = {k: set(v) for k, v in asked.items()}
    changed = True
    while changed:
        changed = False
        for to, source in flows:
            extra = asked.get(source, set()) - asked.get(to, set())
            if extra:
                asked.setdefault(to, set()).update(extra)
                changed = True
    return {k: frozenset(v) for k, v in asked.items() if isinstance(k, str) and k[:1] in "[="}


def _split(asked: dict[str, frozenset]) -> tuple[tuple, tuple]:
    """(items of lists, attributes of the context's names), each as sorted (key, attributes)."""
    return (tuple(sorted((k[1:], v) for k, v in asked.items() if k[0] == "[")),
            tuple(sorted((k[1:], v) for k, v in asked.items() if k[0] == "=")))


def _one(env: Environment, source: str) -> tuple[Reads, list[str], set[str], set, dict]:
    ast = env.parse(source)
    attributes: set[str] = set()
    listed: set[str] = set()
    bound = _bound_names(ast)
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attr = node.arg.value
        else:
            continue
        attributes.add(attr)
        if _root(node) in bound:
            listed.add(attr)
    for node in ast.find_all((nodes.Filter, nodes.Test)):
        if node.name in _ATTRIBUTE_FILTERS:
            for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
                if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                    attributes.add(arg.value)
                    listed.add(arg.value)
    counted: set[str] = set()
    shown: set[str] = set()
    _uses(ast, None, counted, shown)
    unpacked = []
    for loop in ast.find_all(nodes.For):
        source = loop.iter
        while isinstance(source, nodes.Filter):
            source = source.node
        if isinstance(loop.target, nodes.Tuple) and _key(source):
            unpacked.append((_key(source), tuple(_key(t) for t in loop.target.items)))
    referenced = [t for t in meta.find_referenced_templates(ast) if t]
    flows, asked = _flows(ast, bound)
    return Reads(frozenset(meta.find_undeclared_variables(ast)), frozenset(attributes), frozenset(listed),
                 frozenset(counted), tuple(unpacked)), referenced, shown, flows, asked


_PARSED: dict[str, tuple] = {}   # a template's source -> what _one found in it (parsing is the cost)
_SAVED = 0                        # how many of them the cache file holds


def load(path: Path) -> None:
    """What earlier builds found in templates (Pelican's cache folder): parsing and walking
    the theme's templates costs more than keying every page of a 1,000-briefing site."""
    global _SAVED
    try:
        with open(path, "rb") as f:
            saved = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError, ValueError):
        return
    if isinstance(saved, dict) and saved.get("version") == _CACHE_VERSION:
        _PARSED.update(saved["parsed"])
        _SAVED = len(_PARSED)


def save(path: Path) -> None:
    global _SAVED
    if len(_PARSED) != _SAVED:
        write_atomically(path, pickle.dumps({"version": _CACHE_VERSION, "parsed": _PARSED}))
        _SAVED = len(_PARSED)


def _parsed(env: Environment, name: str) -> tuple:
    source = env.loader.get_source(env, name)[0]
    found = _PARSED.get(source)
    if found is None:
        found = _PARSED[source] = _one(env, source)
    return found


def reads(env: Environment, name: str) -> Reads:
    """What template `name` reads, with everything it extends, includes and imports."""
    cache = env.__dict__.setdefault("_wirebrief_reads", {})
    if name not in cache:
        names, attributes, listed, counted, shown, unpacked = set(), set(), set(), set(), set(), set()
        flows, asked = set(), {}
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            one, referenced, shown_here, flows_here, asked_here = _parsed(env, current)
            flows |= flows_here
            for k, v in asked_here.items():
                asked.setdefault(k, set()).update(v)
            names |= one.names
            attributes |= one.attributes
            listed |= one.listed
            counted |= one.counted
            shown |= shown_here
            unpacked.update(one.unpacked)
            todo.extend(referenced)
        # counted only if never shown in any template of the set (a name is one name for all)
        cache[name] = Reads(frozenset(names), frozenset(attributes), frozenset(listed),
                            frozenset(counted - shown), tuple(sorted(unpacked, key=str)),
                            *_split(_resolve(flows, asked)))
    return cache[name]
