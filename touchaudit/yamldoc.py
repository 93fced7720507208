"""Safe YAML reading: bytes to plain data and a locator of positions, with limits and no surprises.

Scalars stay the text the user wrote (YAML 1.1 would turn `1:30` into 90, `NO` into False and
`1.10` into 1.1); only an unquoted `null`, `~` or empty value becomes None. Each later stage
decides what the text means. Positions come from the composed node tree, kept for error messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from touchaudit.errors import Problem

try:  # the C loader is several times faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_FLOW_ANY = re.compile(r"[\[\]{}]")

Path = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its plain data, its node tree and the problems found while reading."""

    file: str
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Path, message: str, code: str, *, key: bool = False) -> Problem:
        """A problem located at the value (or, with `key`, the key) found at `path`."""
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message, code, dotted(path))

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the node at `path`; the nearest existing parent if absent."""
        node = self.root
        mark = node.start_mark if node is not None else None
        for step in path:
            if node is None:
                break
            found = _child(node, step)
            if found is None:
                break
            key_node, node = found
            mark = key_node.start_mark if key and step == path[-1] else node.start_mark
        if mark is None:
            return None, None
        return mark.line + 1, mark.column + 1


def dotted(path: Path) -> str:
    """`touchpoints.website.criteria.load_time` for a data path; `[2]` for list items."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in _pairs(node):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        item: yaml.Node = node.value[step]
        return item, item
    return None


def _pairs(
    node: yaml.MappingNode,
    spend: Callable[[yaml.Node], None] | None = None,
    *,
    depth: int = 0,
    top: yaml.Node | None = None,
) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The mapping's own pairs, then those brought in by `<<` merge keys.

    A merged key the mapping (or an earlier merge) already has is dropped, as YAML's merge
    key says, so nested merges cannot multiply pairs; `spend` is charged for every source and
    merged pair visited, and merges nested deeper than MAX_DEPTH are refused.
    """
    sources: list[yaml.Node] = []
    merge_key: yaml.Node | None = None
    keys: set[object] = set()
    for key_node, value_node in node.value:
        if key_node.tag == _STD + "merge":
            merge_key = merge_key or key_node
            sources.extend(
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
        else:
            keys.add(_key_identity(key_node))
            yield key_node, value_node
    if merge_key is None:
        return
    top = top or merge_key  # errors point at the merge written in the mapping being read
    if depth >= MAX_DEPTH:
        raise _LimitExceeded(
            top, f"merge keys (<<) nested deeper than {MAX_DEPTH} levels", "too-deep"
        )
    for source in sources:
        if not isinstance(source, yaml.MappingNode):
            continue
        if spend is not None:
            spend(source)
        for key_node, value_node in _pairs(source, spend, depth=depth + 1, top=top):
            if spend is not None:
                spend(key_node)
            identity = _key_identity(key_node)
            if identity not in keys:
                keys.add(identity)
                yield key_node, value_node


def _key_identity(key_node: yaml.Node) -> object:
    if isinstance(key_node, yaml.ScalarNode):
        return key_node.value
    return id(key_node)  # a list or mapping as a key: reported once, where it is written


class _LimitExceeded(Exception):
    def __init__(self, node: yaml.Node, message: str, code: str) -> None:
        super().__init__(message)
        self.node, self.message, self.code = node, message, code


def read_document(raw: bytes, file: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Decode and parse one YAML document; problems go to `Document.problems`, never raised."""
    doc = Document(file)
    text = _decode(raw, doc, max_bytes)
    if text is None:
        return doc
    if not _flow_depth_ok(text, doc):
        return doc
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        doc.problems.append(_syntax_problem(err, file, text))
        return doc
    except yaml.YAMLError as err:
        doc.problems.append(Problem(file, None, None, _one_line(str(err)), "yaml-syntax"))
        return doc
    if root is None:
        doc.problems.append(
            Problem(file, 1, 1, "the file is empty (or holds only comments)", "empty-file")
        )
        return doc
    doc.root = root
    walker = _Walker(doc, aliases_possible="&" in text)
    try:
        doc.data = walker.value(root, 0)
    except _LimitExceeded as err:
        mark = err.node.start_mark
        doc.problems.append(Problem(file, mark.line + 1, mark.column + 1, err.message, err.code))
    return doc


def _decode(raw: bytes, doc: Document, max_bytes: int) -> str | None:
    if len(raw) > max_bytes:
        doc.problems.append(
            Problem(
                doc.file,
                None,
                None,
                f"the file is {len(raw):,} bytes, over the limit of {max_bytes:,}"
                " (raise it with --max-bytes)",
                "too-large",
            )
        )
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.problems.append(
            Problem(doc.file, 1, 1, "the file is UTF-16; save it as UTF-8", "encoding")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        start = err.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, start) + 1
        # Columns count characters, as editors do: decode the valid start of the line.
        line_start = raw.rfind(b"\n", 0, start) + 1
        codec = "utf-8-sig" if line_start == 0 else "utf-8"  # a BOM is no column
        column = len(raw[line_start:start].decode(codec)) + 1
        doc.problems.append(
            Problem(
                doc.file,
                line,
                column,
                f"the file is not valid UTF-8 (byte 0x{raw[start]:02x}); save it as UTF-8",
                "encoding",
            )
        )
        return None
    if "\x00" in text:
        offset = text.index("\x00")
        line, column = _offset_position(text, offset)
        doc.problems.append(
            Problem(doc.file, line, column, "the file contains a NUL byte", "encoding")
        )
        return None
    return text


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _flow_depth_ok(text: str, doc: Document) -> bool:
    """Refuse deeply nested flow collections before libyaml spends quadratic time on them."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return True
    depth = 0
    for match in _FLOW_ANY.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return _flow_tokens_depth_ok(text, doc)
        depth = max(depth, 0)
    return True


_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _flow_tokens_depth_ok(text: str, doc: Document) -> bool:
    """The exact check, with YAML's own scanner: brackets in quotes or comments are text."""
    depth = 0
    scanner = _Loader(text)
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, _FLOW_STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = token.start_mark
                    message = f"nesting deeper than {MAX_DEPTH} levels"
                    doc.problems.append(
                        Problem(doc.file, mark.line + 1, mark.column + 1, message, "too-deep")
                    )
                    return False
            elif isinstance(token, _FLOW_ENDS):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error before the nesting gets deep: parsing reports it
    finally:
        scanner.dispose()
    return True


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = err.problem or "invalid YAML"
    # libyaml says "cannot start any token" for a tab opening a line, and "a tab character
    # that violates indentation" for one after a key at the same level: both are indentation.
    if mark is not None and ("cannot start any token" in problem or "tab character" in problem):
        lines = text.splitlines()
        bad = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
        if bad == "\t":
            return Problem(
                file, line, column, "a tab is used for indentation; use spaces", "yaml-tab"
            )
    message = f"YAML syntax error: {problem}"
    if err.context:
        # An unclosed bracket or quote is found at the end of the file: name where it opened.
        opened = err.context_mark
        where = ""
        if opened is not None and opened is not mark and err.context.startswith("while"):
            where = f" at line {opened.line + 1}, column {opened.column + 1}"
        message += f" ({err.context}{where})"
    return Problem(file, line, column, _one_line(message), "yaml-syntax")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    """Turns nodes into dicts, lists and strings, checking keys, tags, depth and alias expansion."""

    def __init__(self, doc: Document, *, aliases_possible: bool) -> None:
        self.doc = doc
        self.aliases_possible = aliases_possible
        self.seen: set[int] = set()
        self.expanded = 0
        self.reported: set[Problem] = set()

    def value(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _LimitExceeded(node, f"nesting deeper than {MAX_DEPTH} levels", "too-deep")
        if self.aliases_possible:
            self._count(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                self._bad_tag(node)
                return None
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                self._bad_tag(node)
            return [self.value(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _STD + "map":
            self._bad_tag(node)
        return self._mapping(node, depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        spend = self._spend if self.aliases_possible else None
        for key_node, value_node in _pairs(node, spend):
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(key_node, "a key must be plain text, not a list or mapping", "bad-key")
                continue
            key = key_node.value
            if key in first_line:
                # A key brought by a `<<` merge may be overridden; a key written twice may not.
                if not self._from_merge(node, key_node):
                    self._add(
                        key_node,
                        f"duplicate key '{key}' (first at line {first_line[key]}); "
                        "YAML would silently keep only the last one",
                        "duplicate-key",
                    )
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.value(value_node, depth + 1)
        return out

    @staticmethod
    def _from_merge(node: yaml.MappingNode, key_node: yaml.Node) -> bool:
        return all(k is not key_node for k, _ in node.value)

    def _count(self, node: yaml.Node) -> None:
        if id(node) in self.seen:
            self._spend(node)
        else:
            self.seen.add(id(node))

    def _spend(self, node: yaml.Node) -> None:
        self.expanded += 1
        if self.expanded > MAX_ALIAS_NODES:
            raise _LimitExceeded(
                node,
                "aliases expand to too many values (a 'billion laughs' document?)",
                "alias-bomb",
            )

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_STD, "!!")
        self._add(
            node, f"the YAML tag {tag} is not allowed: audit files hold plain data", "yaml-tag"
        )

    def _add(self, node: yaml.Node, message: str, code: str) -> None:
        mark = node.start_mark
        problem = Problem(self.doc.file, mark.line + 1, mark.column + 1, message, code)
        if problem not in self.reported:  # a node read again through an alias or merge
            self.reported.add(problem)
            self.doc.problems.append(problem)
