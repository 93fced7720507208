"""Safe YAML reading: bytes to plain data and a locator of positions, with limits and no surprises.

Scalars stay the text the user wrote (YAML 1.1 would turn `1:30` into 90, `NO` into False and
`1.10` into 1.1); only an unquoted `null`, `~` or empty value becomes None. Each later stage
decides what the text means. Positions come from the composed node tree, kept for error messages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from touchaudit.reading.errors import Code, Problem
from touchaudit.reading.visible import describe, first_unsafe


class PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser: no nesting limit of its own, slower than libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# The parser that reads audits: libyaml's when PyYAML has it (several times faster, the same
# events). Tests swap in PureParser.
EventParser: Any = PureParser
CParser: Any = None
try:
    from yaml._yaml import CParser

    EventParser = CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    pass

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MERGE = _STD + "merge"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"

Path = tuple[str | int, ...]
Position = tuple[int | None, int | None]  # 1-based line and column; None when unknown


@dataclass
class Document:
    """A parsed YAML file: its plain data, its node tree and the problems found while reading."""

    file: str
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    # False when no node has the merge tag: then no mapping is searched for `<<` keys.
    merges: bool = True
    _children: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )

    def problem(self, path: Path, message: str, code: Code, *, key: bool = False) -> Problem:
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
            found = self._child(node, step)
            if found is None:
                break
            key_node, node = found
            mark = key_node.start_mark if key and step == path[-1] else node.start_mark
        if mark is None:
            return None, None
        return mark.line + 1, mark.column + 1

    def node(self, path: Path) -> yaml.Node | None:
        """The value node at `path`, or None when the path is not in the document."""
        node = self.root
        for step in path:
            found = None if node is None else self._child(node, step)
            if found is None:
                return None
            node = found[1]
        return node

    def _child(self, node: yaml.Node, step: str | int) -> tuple[yaml.Node, yaml.Node] | None:
        # An index per mapping, built on first use: a file with thousands of problems would
        # otherwise scan its mappings once per problem (quadratic time).
        if isinstance(node, yaml.MappingNode):
            index = self._children.get(id(node))
            if index is None:
                index = {}
                for key_node, value_node in _pairs(node, merges=self.merges):
                    if isinstance(key_node, yaml.ScalarNode):
                        index.setdefault(key_node.value, (key_node, value_node))
                self._children[id(node)] = index
            return index.get(step) if isinstance(step, str) else None
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            item: yaml.Node = node.value[step]
            return item, item
        return None

    def mapping_items(self, node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
        """The (key, value node) pairs of a mapping node, merged ones after its own; none else."""
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in _pairs(node, merges=self.merges):
                if isinstance(key_node, yaml.ScalarNode):
                    yield key_node.value, value_node


@dataclass(frozen=True)
class Positions:
    """Positions kept from a document once it is read: a path → position map of some paths."""

    at: Mapping[Path, Position] = field(default_factory=dict)

    def position(self, path: Path) -> Position:
        """Like `Document.position`: the position at `path`, else at its nearest kept parent."""
        found = self.at.get(path)
        # One step up at a time: most gaps of a corpus audit (unmeasured criteria) stop at their
        # touchpoint's criteria, 0.03 ms sooner per audit than trying every cut of the path.
        while found is None and path:
            path = path[:-1]
            found = self.at.get(path)
        return (None, None) if found is None else found


def position_of(node: yaml.Node) -> Position:
    """The 1-based line and column where `node` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def dotted(path: Path) -> str:
    """`touchpoints.website.criteria.load_time` for a data path; `[2]` for list items."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _pairs(
    node: yaml.MappingNode, *, merges: bool = True, limit_depth: bool = False
) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The mapping's own pairs, then those brought in by `<<` merge keys (`_merged_pairs`).

    `merges=False` says that no node of the document has the merge tag (Document.merges).
    """
    if merges and _has_merge_key(node):
        return _merged_pairs(node, limit_depth=limit_depth)
    return iter(node.value)  # the common case: no merge key, the pairs as written


def _has_merge_key(node: yaml.MappingNode) -> bool:
    """Whether a key may be a `<<` merge: every merge key has the merge tag (`_is_merge`)."""
    return any(key_node.tag == _MERGE for key_node, _ in node.value)


def _merged_pairs(
    node: yaml.MappingNode, *, limit_depth: bool
) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The mapping's own pairs, then those brought in by `<<` merge keys, depth first.

    Each merged mapping is visited once: merging it again adds no key, and visiting it again
    would loop forever on a mapping that merges itself and take exponential time on merges of
    merges (`b: {<<: [*a, *a]}`, `c: {<<: [*b, *b]}`...). With `limit_depth`, a mapping whose
    chain of merges of merges is longer than the nesting limit is refused.
    """
    visited = {id(node)}
    own, sources = _split_merges(node)
    yield from own
    stack = [(source, 1) for source in reversed(sources)]
    while stack:
        source, depth = stack.pop()
        if id(source) in visited:
            continue
        if limit_depth and depth > MAX_DEPTH:
            raise _LimitExceeded(node.start_mark, f"merges of merges {_TOO_DEEP}", Code.TOO_DEEP)
        visited.add(id(source))
        own, more = _split_merges(source)
        yield from own
        stack.extend((deeper, depth + 1) for deeper in reversed(more))


def _split_merges(
    node: yaml.MappingNode,
) -> tuple[list[tuple[yaml.Node, yaml.Node]], list[yaml.MappingNode]]:
    own: list[tuple[yaml.Node, yaml.Node]] = []
    sources: list[yaml.MappingNode] = []
    for key_node, value_node in node.value:
        if _is_merge(key_node):
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            sources.extend(item for item in items if isinstance(item, yaml.MappingNode))
        else:
            own.append((key_node, value_node))
    return own, sources


def _is_merge(key_node: yaml.Node) -> bool:
    """A YAML merge key: a plain `<<` (an explicit `!!merge` tag on another key is refused)."""
    return (
        isinstance(key_node, yaml.ScalarNode)
        and key_node.tag == _MERGE
        and key_node.value == "<<"
        and not key_node.style
    )


def _bad_merge(value_node: yaml.Node) -> bool:
    """True when a `<<` value is not a mapping or a list of mappings (PyYAML would refuse it)."""
    if isinstance(value_node, yaml.SequenceNode):
        return not all(isinstance(item, yaml.MappingNode) for item in value_node.value)
    return not isinstance(value_node, yaml.MappingNode)


class _LimitExceeded(Exception):
    def __init__(self, mark: yaml.Mark, message: str, code: Code) -> None:
        super().__init__(message)
        self.mark, self.message, self.code = mark, message, code

    def problem(self, file: str) -> Problem:
        return Problem(file, self.mark.line + 1, self.mark.column + 1, self.message, self.code)


def read_document(raw: bytes, file: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Decode and parse one YAML document; problems go to `Document.problems`, never raised."""
    doc = Document(file)
    text = _decode(raw, doc, max_bytes)
    if text is None:
        return doc
    if not text.strip():
        # libyaml stops at a tab on an otherwise blank line: say what the file really is.
        doc.problems.append(
            Problem(
                file,
                1,
                1,
                "the file is empty" + (" (only whitespace)" if text else ""),
                Code.EMPTY_FILE,
            )
        )
        return doc
    try:
        root, doc.merges = compose(text)
    except _LimitExceeded as err:
        doc.problems.append(err.problem(file))
        return doc
    except yaml.MarkedYAMLError as err:
        doc.problems.append(_syntax_problem(err, file, text))
        return doc
    except yaml.YAMLError as err:
        doc.problems.append(Problem(file, None, None, _one_line(str(err)), Code.YAML_SYNTAX))
        return doc
    if root is None:
        doc.problems.append(
            Problem(file, 1, 1, "the file is empty (or holds only comments)", Code.EMPTY_FILE)
        )
        return doc
    doc.root = root
    walker = _Walker(doc, aliases_possible="&" in text)
    try:
        doc.data = walker.value(root, 0)
    except _LimitExceeded as err:
        doc.problems.append(err.problem(file))
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
                Code.TOO_LARGE,
            )
        )
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.problems.append(
            Problem(doc.file, 1, 1, "the file is UTF-16; save it as UTF-8", Code.ENCODING)
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
                Code.ENCODING,
            )
        )
        return None
    if "\x00" in text:
        head = raw[:200]
        if head.count(0) * 3 >= len(head):  # every other byte: UTF-16 without its mark
            doc.problems.append(
                Problem(
                    doc.file, 1, 1, "the file looks like UTF-16; save it as UTF-8", Code.ENCODING
                )
            )
            return None
        offset = text.index("\x00")
        line, column = _offset_position(text, offset)
        doc.problems.append(
            Problem(doc.file, line, column, "the file contains a NUL byte", Code.ENCODING)
        )
        return None
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        line, column = _offset_position(text, bad.start())
        doc.problems.append(Problem(doc.file, line, column, *_bad_char_message(bad.group())))
        return None
    return text


# Characters refused before parsing: control characters YAML does not allow (libyaml's own
# message has no line), the line separators YAML 1.1 counts as line breaks although editors
# do not (every later line number would be off), and the bidirectional controls that make
# text display in another order than it is read ("Trojan Source"); rustc refuses them too.
_LINE_SEPARATORS = "\x85\u2028\u2029"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_BAD_CHAR = re.compile(
    f"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}\u2028\u2029\ufffe\uffff]"
)


def _bad_char_message(char: str) -> tuple[str, Code]:
    shown = describe(char)
    if char in _LINE_SEPARATORS:
        return (
            f"the file contains {shown}, an invisible line break that editors do not show; "
            "replace it with a normal line break",
            Code.INVISIBLE_CHARACTER,
        )
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"the file contains {shown}, an invisible character that reorders how the text "
            "around it is displayed; delete it",
            Code.INVISIBLE_CHARACTER,
        )
    return (
        f"the file contains the control character {shown}, which YAML does not allow",
        Code.ENCODING,
    )


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset; CR LF, CR and LF each end a line."""
    breaks = list(_LINE_BREAK.finditer(text, 0, offset))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - start + 1


def compose(text: str) -> tuple[yaml.Node | None, bool]:
    """The node tree of a one-document YAML text (None when it holds no document), and whether
    any node has the merge tag (Document.merges).

    Our own composer over the parser's events: it refuses the 65th level of nesting where it
    opens, whatever limits the parser has of its own. When libyaml stops first (its scanner
    looks up to 1,024 characters ahead, and newer releases have a nesting limit), the same
    text is read again up to that point with the pure-Python parser, which has no limit, so
    the answer is the same on every PyYAML release and with either parser. A simple text (no
    anchor, tag or directive: most audits) is composed by libyaml itself, to the same tree.
    """
    if EventParser is CParser and _is_simple(text):
        composed = _compose_in_libyaml(text)
        if composed is not None:
            return composed
    parser = EventParser(text)
    composer = _Composer()
    try:
        return composer.run(parser), composer.merges
    except yaml.YAMLError as err:
        if EventParser is PureParser or not _may_reach_limit(text, composer, err):
            raise
        _compose_prefix(text, err)
        raise
    finally:
        parser.dispose()


# What may stand before an anchor (`&a`) or a tag (`!t`, `!!str`): a space, a line break (YAML
# 1.1 counts NEL, LS and PS), a flow indicator or a colon (`{"a":!t b}`); before a directive
# (`%TAG`), a line break. Or nothing: the start of the text.
_BEFORE_PROPERTY = frozenset(" \t\r\n\x85\u2028\u2029\ufeff[{,:")
_BEFORE_DIRECTIVE = frozenset("\r\n\x85\u2028\u2029\ufeff")


def _is_simple(text: str) -> bool:
    """Whether `text` has no anchor, no tag and no directive: no `&` or `!` where one could
    start, no `%` at the start of a line. Found by searching for the characters (rare in an
    audit), not by a pattern tried at every position."""
    for char, before in (
        ("&", _BEFORE_PROPERTY),
        ("!", _BEFORE_PROPERTY),
        ("%", _BEFORE_DIRECTIVE),
    ):
        at = text.find(char)
        while at != -1:
            if at == 0 or text[at - 1] in before:
                return False
            at = text.find(char, at + 1)
    return True


def _compose_in_libyaml(text: str) -> tuple[yaml.Node | None, bool] | None:
    """`compose` of a simple text (`_is_simple`) by libyaml's own composer, which makes no
    event objects: the same tree, a quarter faster. None when the text is not that simple
    after all (an error, an alias, nesting at our limit): the event loop then answers, with its
    own messages and positions."""
    parser = _LibyamlComposer(text)
    try:
        return parser.get_single_node(), parser.merges
    except (yaml.YAMLError, _NotSimple):
        return None
    finally:
        parser.dispose()


class _NotSimple(Exception):
    """The text is left to the event loop."""


if CParser is not None:

    class _LibyamlComposer(CParser):  # type: ignore[misc]
        """libyaml composing the nodes, with our tags and a bound on its recursion.

        libyaml asks `resolve` for the tag of each node written without one (every node of a
        simple text): text for every scalar but a plain `<<`, which keeps its merge tag.
        `descend_resolver` runs before each node is composed, inside all of its parents: past
        our nesting limit it stops, so that libyaml's recursion stays shallow and the event
        loop refuses the text where it should.
        """

        def __init__(self, text: str) -> None:
            super().__init__(text)
            self.path: list[object] = []
            self.ascend_resolver = self.path.pop  # a C call per node, not a Python one
            self.merges = False

        def descend_resolver(self, parent: object, index: object) -> None:
            path = self.path
            path.append(parent)
            if len(path) > MAX_DEPTH:
                raise _NotSimple

        def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
            if kind is _SCALAR_NODE:
                if value == "<<" and implicit[0]:
                    self.merges = True
                    return _MERGE
                return _STR
            return _SEQ if kind is _SEQUENCE_NODE else _MAP

    # Bound once: the hooks run for every node of every file.
    _SCALAR_NODE, _SEQUENCE_NODE = yaml.ScalarNode, yaml.SequenceNode
    _SEQ, _MAP = _STD + "seq", _STD + "map"


def _may_reach_limit(text: str, composer: _Composer, err: yaml.YAMLError) -> bool:
    """Whether a collection could open at our limit between the last event read and `err`.

    Each collection opens with its own `[`, `{`, `-`, `?` or `:` (of its first key), so their
    count on the lines from the last event to the error bounds how deep the text got there.
    """
    mark = _error_mark(err)
    if mark is None:
        return True
    lines = text.splitlines()[composer.line : mark.line + 1]
    opened = sum(line.count(c) for line in lines for c in "[{-?:")
    return composer.depth + opened >= MAX_DEPTH


def _error_mark(err: yaml.YAMLError) -> yaml.Mark | None:
    """Where the parser stopped, when it says."""
    mark: yaml.Mark | None = getattr(err, "problem_mark", None) or getattr(
        err, "context_mark", None
    )
    return mark


def _compose_prefix(text: str, err: yaml.YAMLError) -> None:
    """Read `text` up to the end of the line of `err` with the pure parser, for its depth."""
    mark = _error_mark(err)
    prefix = text if mark is None else "".join(text.splitlines(keepends=True)[: mark.line + 1])
    parser: Any = PureParser(prefix)
    try:
        _Composer().run(parser)  # raises _LimitExceeded at our limit
    except yaml.YAMLError:
        pass  # the prefix ends inside the error: the parser's own error stands
    finally:
        parser.dispose()


_STR = _STD + "str"
_NEW_COLLECTION: dict[type[yaml.Event], tuple[Any, str]] = {
    yaml.SequenceStartEvent: (yaml.SequenceNode, _STD + "seq"),
    yaml.MappingStartEvent: (yaml.MappingNode, _STD + "map"),
}
_MAPPING_END = yaml.MappingEndEvent


class _Composer:
    """Builds PyYAML's node tree from events, without recursion and with our nesting limit.

    Plain scalars are all tagged as text (YAML 1.1 would read `1:30` as 90 and `NO` as False);
    only a plain `<<` keeps its merge tag. Explicit tags are kept, for the walker to refuse.
    One flat loop: it runs once per scalar of the file, so it avoids calls and lookups.
    """

    def __init__(self) -> None:
        self.anchors: dict[str, yaml.Node] = {}
        self.depth = 0  # collections open when the last event was read
        self.line = 0  # 0-based line of the last event read
        self.merges = False  # whether a node has the merge tag: a `<<` key, or `!!merge`

    def run(self, parser: Any) -> yaml.Node | None:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        document = parser.get_event()
        root = self._document(parser)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            extra = parser.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                extra.start_mark,
            )
        return root

    def _document(self, parser: Any) -> yaml.Node:
        get_event, scalar_event, alias_event = parser.get_event, yaml.ScalarEvent, yaml.AliasEvent
        scalar_node, new_collection, mapping_end = yaml.ScalarNode, _NEW_COLLECTION, _MAPPING_END
        open_nodes: list[yaml.Node] = []
        # Per open collection, the nodes read into it: a sequence's items (its own value list),
        # or a mapping's keys and values in turn, paired when it closes.
        contents: list[list[yaml.Node]] = []
        event: Any = None
        try:
            while True:
                event = get_event()
                kind = type(event)
                node: yaml.Node
                if kind is scalar_event:
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = _MERGE if event.value == "<<" and event.implicit[0] else _STR
                    if tag is not _STR:  # rare: a merge key, or an explicit tag
                        self._note_tag(tag)
                    node = scalar_node(
                        tag, event.value, event.start_mark, event.end_mark, event.style
                    )
                    if event.anchor is not None:
                        self._anchor(event, node)
                elif kind is alias_event:
                    node = self._alias(event)
                    if type(node) is scalar_node and _is_key_slot(open_nodes, contents):
                        # A key written as an alias: its own position, for a duplicate there.
                        node = scalar_node(
                            node.tag, node.value, event.start_mark, event.end_mark, node.style
                        )
                elif kind in new_collection:  # attached to its parent now, filled as it goes
                    if len(open_nodes) >= MAX_DEPTH:
                        raise _LimitExceeded(event.start_mark, _TOO_DEEP, Code.TOO_DEEP)
                    node = self._collection(event, *new_collection[kind])
                    if open_nodes:
                        contents[-1].append(node)
                    open_nodes.append(node)
                    contents.append(node.value if kind is not yaml.MappingStartEvent else [])
                    continue
                else:  # a collection ends
                    node = open_nodes.pop()
                    node.end_mark = event.end_mark
                    read = contents.pop()
                    if kind is mapping_end:
                        node.value = list(zip(read[::2], read[1::2], strict=True))
                    if not open_nodes:
                        return node
                    continue
                if not open_nodes:
                    return node
                contents[-1].append(node)
        except yaml.YAMLError:
            self.depth = len(open_nodes)
            self.line = event.start_mark.line if event is not None else 0
            raise

    def _collection(self, event: Any, node_type: Any, default_tag: str) -> yaml.Node:
        """The empty node of a sequence or mapping that `event` opens."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = default_tag
        else:
            self._note_tag(tag)
        node: yaml.Node = node_type(tag, [], event.start_mark, None, event.flow_style)
        if event.anchor is not None:
            self._anchor(event, node)
        return node

    def _note_tag(self, tag: str) -> None:
        if tag == _MERGE:
            self.merges = True

    def _alias(self, event: Any) -> yaml.Node:
        node = self.anchors.get(event.anchor)
        if node is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        return node

    def _anchor(self, event: Any, node: yaml.Node) -> None:
        first = self.anchors.get(event.anchor)
        if first is not None:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {event.anchor!r}; first occurrence",
                first.start_mark,
                "second occurrence",
                event.start_mark,
            )
        self.anchors[event.anchor] = node


def _is_key_slot(open_nodes: list[yaml.Node], contents: list[list[yaml.Node]]) -> bool:
    """Whether the next node read is a mapping's key: its keys and values so far are pairs."""
    return (
        bool(open_nodes)
        and isinstance(open_nodes[-1], yaml.MappingNode)
        and len(contents[-1]) % 2 == 0
    )


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
                file, line, column, "a tab is used for indentation; use spaces", Code.YAML_TAB
            )
    if mark is not None and mark.column > 1024 and _long_key(problem, text, mark.line, mark.column):
        return Problem(
            file,
            line,
            1,
            "YAML syntax error: a key longer than 1024 characters, which YAML does not allow "
            "(identifiers have at most 64)",
            Code.YAML_SYNTAX,
        )
    message = f"YAML syntax error: {problem}"
    if err.context:
        # An unclosed bracket or quote is found at the end of the file: name where it opened.
        opened = err.context_mark
        where = ""
        if opened is not None and opened is not mark and err.context.startswith("while"):
            where = f" at line {opened.line + 1}, column {opened.column + 1}"
        message += f" ({err.context}{where})"
    return Problem(file, line, column, _one_line(message), Code.YAML_SYNTAX)


def _long_key(problem: str, text: str, line: int, column: int) -> bool:
    """libyaml's two ways of saying that a plain key is over its 1024-character limit."""
    if (
        "mapping values are not allowed" not in problem
        and "could not find expected ':'" not in problem
    ):
        return False
    lines = text.splitlines()
    return line < len(lines) and ": " not in lines[line][:column]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Walker:
    """Turns nodes into dicts, lists and strings, checking keys, tags, depth and alias expansion."""

    def __init__(self, doc: Document, *, aliases_possible: bool) -> None:
        self.doc = doc
        self.aliases_possible = aliases_possible
        self.merges = doc.merges
        self.seen: set[int] = set()
        self.expanded = 0
        self.reported: set[Problem] = set()

    def value(self, node: yaml.Node, depth: int) -> Any:
        """The plain data of `node`, a collection `depth` levels inside the root's."""
        if depth >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            # Only aliases get here: the composer refuses deeper text.
            raise _LimitExceeded(node.start_mark, _TOO_DEEP, Code.TOO_DEEP)
        if self.aliases_possible:
            self._count(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                self._bad_tag(node)
                return None
            if not node.style and node.value in _NULLS:
                return None
            self._refuse_unsafe(node)
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
        if self.merges and _has_merge_key(node):
            return self._merged_mapping(node, depth)
        out: dict[str, Any] = {}
        # A plain text key or value (no tag of its own, not double-quoted) is read here, with
        # `_key`'s and `value`'s checks inline: most nodes are, and a call each cost a sixth
        # of reading an audit. Any other node, and every node when aliases are counted, goes
        # through them.
        inline_values = not self.aliases_possible
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag in _SCALAR_TAGS
                and key_node.style != '"'
            ):
                key = key_node.value
            else:
                key = self._key(key_node)
                if key is None:
                    continue
            if key in out:
                self._duplicate(key_node, key, self._first_line(node, key))
            elif (
                inline_values
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.tag in _SCALAR_TAGS
                and value_node.style != '"'
            ):
                text = value_node.value
                out[key] = None if not value_node.style and text in _NULLS else text
            else:
                out[key] = self.value(value_node, depth + 1)
        return out

    def _key(self, key_node: yaml.Node) -> str | None:
        """The text of a key, or None (and a problem) when it is not plain text."""
        if not isinstance(key_node, yaml.ScalarNode):
            self._add(key_node, "a key must be plain text, not a list or mapping", Code.BAD_KEY)
            return None
        if key_node.tag not in _SCALAR_TAGS:
            self._bad_tag(key_node)
            return None
        self._refuse_unsafe(key_node)
        key: str = key_node.value
        return key

    @staticmethod
    def _first_line(node: yaml.MappingNode, key: str) -> int:
        """The line of the first accepted `key` of a mapping without merges (for a duplicate)."""
        for key_node, _ in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag in _SCALAR_TAGS
                and key_node.value == key
            ):
                return int(key_node.start_mark.line) + 1
        raise AssertionError(f"no key {key!r}")  # pragma: no cover - called for a duplicate

    def _duplicate(self, key_node: yaml.Node, key: str, first_line: int) -> None:
        self._add(
            key_node,
            f"duplicate key '{key}' (first at line {first_line}); "
            "YAML would silently keep only the last one",
            Code.DUPLICATE_KEY,
        )

    def _merged_mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        """`_mapping` with `<<` merge keys: a key merged in may be overridden, not repeated."""
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        own_keys = set()
        for key_node, value_node in node.value:
            own_keys.add(id(key_node))
            if _is_merge(key_node):
                self._check_merge_sources(value_node, set())
        for key_node, value_node in _pairs(node, limit_depth=True):
            key = self._key(key_node)
            if key is None:
                continue
            if key in first_line:
                # A key brought by a `<<` merge may be overridden; a key written twice may not.
                if id(key_node) in own_keys:
                    self._duplicate(key_node, key, first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.value(value_node, depth + 1)
        return out

    def _check_merge_sources(self, value_node: yaml.Node, seen: set[int]) -> None:
        """Refuse a `<<` value that is not mapping(s), and tags on it or on what it merges."""
        if id(value_node) in seen:
            return
        seen.add(id(value_node))
        if _bad_merge(value_node):
            # PyYAML would refuse it; silently dropping it would lose the keys it meant.
            self._add(
                value_node, "a '<<' merge takes a mapping or a list of mappings", Code.BAD_MERGE
            )
            return
        if value_node.tag not in (_STD + "seq", _STD + "map"):
            self._bad_tag(value_node)
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if source.tag != _STD + "map":
                self._bad_tag(source)
            for key_node, deeper in source.value:
                if _is_merge(key_node):
                    self._check_merge_sources(deeper, seen)

    def _count(self, node: yaml.Node) -> None:
        if id(node) in self.seen:
            self._spend(node)
        else:
            self.seen.add(id(node))

    def _spend(self, node: yaml.Node) -> None:
        self.expanded += 1
        if self.expanded > MAX_ALIAS_NODES:
            raise _LimitExceeded(
                node.start_mark,
                "aliases expand to too many values (a 'billion laughs' document?)",
                Code.ALIAS_BOMB,
            )

    def _refuse_unsafe(self, node: yaml.ScalarNode) -> None:
        """Refuse what a double-quoted escape (`"\\e[2J"`, `"\\u202E"`, `"\\0"`) can write and the
        raw-text check cannot see: text from an audit reaches terminals, CI logs and reports, and
        none of them may act on it. Tab and line feed stay (notes run over lines; one-line
        fields refuse them in the schema).

        Only a double-quoted scalar can hold such a character: the raw text of every other
        style passed `_BAD_CHAR`, which refuses them all but the carriage return, a line break
        that YAML turns into a line feed (tests/test_yaml_unsafe.py)."""
        if node.style != '"':
            return
        char = first_unsafe(node.value, one_line=False)
        if char is None:
            return
        if unicodedata.category(char) == "Cc":
            what = "a control character that terminals and CI logs would act on"
        else:
            what = "an invisible character that changes how the text around it is shown"
        message = f"the text contains {describe(char)}, {what}; delete it"
        self._add(node, message, Code.INVISIBLE_CHARACTER)

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_STD, "!!")
        self._add(
            node, f"the YAML tag {tag} is not allowed: audit files hold plain data", Code.YAML_TAG
        )

    def _add(self, node: yaml.Node, message: str, code: Code) -> None:
        mark = node.start_mark
        problem = Problem(self.doc.file, mark.line + 1, mark.column + 1, message, code)
        if problem not in self.reported:  # a node read again through an alias or merge
            self.reported.add(problem)
            self.doc.problems.append(problem)
