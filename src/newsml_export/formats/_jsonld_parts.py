"""The article's parts: ``Quotation`` nodes (quotes) and ``WebPageElement`` nodes (body blocks
that ``articleBody`` alone cannot carry), and the body put back together from both."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._jsonld_entities import fragment_id
from ._jsonld_graph import GraphNode, Located, as_list, first
from ._jsonld_table import PROPERTY_ID_PREFIX

if TYPE_CHECKING:
    from ._jsonld_load import _Reading

__all__ = ["finish_body", "read_parts", "read_reverse_quotes"]

_QUOTE_VALUES: dict[str, tuple[type, ...] | tuple[str, ...]] = {
    "voice": ("document", "generic", "speaker", "unknown"),
    "kind": ("full", "partial", "block"),
    "origin": ("metadata", "extracted"),
    "block": (int,), "start": (int,), "end": (int,),
    "confidence": (int, float),
    "rule": (str,),
}
_SPEAKER_TERMS = ("creator", "author", "spokenByCharacter")


def read_parts(r: _Reading, located: Located) -> None:
    for index, value in enumerate(as_list(located.value)):
        path = located.at(index)
        node = r.graph.node_of(value)
        if node is None or not node.props:
            r.graph.note("warning", "unmapped-value", "a part that is no node of the document: not read", path)
        elif "Quotation" in node.types:
            _quote(r, node)
        elif "WebPageElement" in node.types and isinstance(node.props.get("position", Located(None, ())).value, int):
            _block(r, node)
        else:
            r.graph.note("warning", "unmapped-node", f"a {'/'.join(node.types) or 'untyped'} part is not read", path)


def read_reverse_quotes(r: _Reading) -> None:
    """Quotations that name the article with ``isPartOf`` but are not listed in its hasPart."""
    for node in map(r.graph.canonical, r.graph.top):
        if "Quotation" in node.types and node.order not in r.quote_nodes and "isPartOf" in node.props:
            target = r.graph.node_of(first(node.props["isPartOf"].value))
            if target is r.node:
                _quote(r, node)


def _own_values(r: _Reading, node: GraphNode, allowed: dict[str, Any]) -> dict[str, Any]:
    """Our ``newsml-export:`` PropertyValues of a node; other identifiers are reported."""
    out: dict[str, Any] = {}
    if "identifier" not in node.props:
        return out
    located = node.props["identifier"]
    for index, item in enumerate(as_list(located.value)):
        path = located.at(index)
        name = item.get("propertyID", "") if isinstance(item, dict) else ""
        name = name[len(PROPERTY_ID_PREFIX):] if isinstance(name, str) and name.startswith(PROPERTY_ID_PREFIX) else None
        value = item.get("value") if isinstance(item, dict) else None
        accepted = allowed.get(name) if name else None
        if accepted is None or isinstance(value, bool):
            r.graph.note("warning", "unmapped-value", "an identifier that is not one of newsml-export's: not read", path)
        elif isinstance(accepted[0], type) and isinstance(value, accepted) or value in accepted:  # type: ignore[arg-type]
            out[name] = value  # type: ignore[index]
        else:
            r.graph.note("warning", "unmapped-value", f"{PROPERTY_ID_PREFIX}{name} {value!r} is not a valid value: not read", path)
    return out


def _quote(r: _Reading, node: GraphNode) -> None:
    r.quote_nodes.add(node.order)
    r.graph.used.add(node.order)
    quote: dict[str, Any] = {}
    speaker = None
    for name, located in node.props.items():
        if name == "text":
            quote["text"] = r.text(located, "text")
        elif name in _SPEAKER_TERMS and speaker is None:
            speaker = r.entities.resolve(located, None if not isinstance(located.value, list) else 0, "people", ("people", "organizations"))
        elif name == "isPartOf":
            r.graph.node_of(first(located.value))
        elif name != "identifier":
            r.graph.note("warning", "unmapped-property", f"{name!r} of a quotation is not read", located.path)
    quote.update(_own_values(r, node, _QUOTE_VALUES))
    if not quote.get("text"):
        r.graph.note("warning", "unmapped-node", "a quotation without text: not read", node.path)
        return
    if speaker is not None:
        quote["speaker_id"], quote["voice"] = speaker, "speaker"
    elif quote.get("voice") == "speaker":
        del quote["voice"]
    quote_id = fragment_id(node.id, r.base) or f"quote-{len(r.quotes) + 1}"
    unique, n = quote_id, 1
    while unique in r.taken:
        n += 1
        unique = f"{quote_id}-{n}"
    r.taken.add(unique)
    r.quotes.append({"id": unique, **quote})


def _block(r: _Reading, node: GraphNode) -> None:
    r.graph.used.add(node.order)
    position = node.props["position"].value
    block: dict[str, Any] = {}
    for name, located in node.props.items():
        if name == "text":
            block["text"] = r.text(located, "text")
        elif name not in ("position", "identifier"):
            r.graph.note("warning", "unmapped-property", f"{name!r} of a body block is not read", located.path)
    block.update(_own_values(r, node, {"kind": ("paragraph", "heading", "blockquote")}))
    if block.get("text"):
        r.blocks[position] = block


def finish_body(r: _Reading) -> None:
    """Blocks from ``articleBody`` split at blank lines, with the listed blocks laid over; or
    the listed blocks alone when they are every block (see ``body_needs_all_blocks``)."""
    listed = [r.blocks[i] for i in sorted(r.blocks)]
    complete = sorted(r.blocks) == list(range(len(listed)))
    if listed and complete and (r.body_text is None or "\n\n".join(b["text"] for b in listed) == r.body_text):
        body = listed
    else:
        pieces = r.body_text.split("\n\n") if r.body_text else []
        pieces = [p for p in pieces if p]  # a publisher's text may have longer blank runs
        body = [{"text": text} for text in pieces]
        for position, block in sorted(r.blocks.items()):
            if position < len(body):
                body[position] = block
            else:
                r.graph.note("warning", "unmapped-node", f"body block {position} lies past the end of articleBody: not read", ())
    if body:
        r.fields["body"] = body
    if r.quotes:
        r.fields["quotes"] = r.quotes
