"""The feed tree's nodes: built on any thread, compared in a few dictionary operations.

While 500 feeds refresh, their threads hold the GIL most of the time, and any Python on the
GUI thread runs many times slower: building the tree there took up to 45 ms, and walking it
to find what changed 20 ms more (bench/gui_stall.py). So a ``Tree`` is built
in the task that reads the counts, and carries what the model compares: its shape, each
node's parent and state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsreader.core import Feed


@dataclass(frozen=True)
class NodeKey:
    """What a row stands for: ("view", "unread"), ("folder", "Elshinta"), ("feed", 3)."""

    kind: str
    id: str | int


ROOT_KEY = NodeKey("root", "")


@dataclass(eq=False)
class Node:
    key: NodeKey
    title: str
    unread: int = 0
    error: str = ""
    tooltip: str = ""
    row: int = 0
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    icon: str = ""  # a feed's site icon, relative to the icon root

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def shape(self) -> tuple[object, ...]:
        return (self.key, tuple(c.shape() for c in self.children))

    def state(self) -> tuple[object, ...]:
        return self.title, self.unread, self.error, self.tooltip, self.icon

    def looks(self) -> tuple[object, ...]:
        """What the title column shows (its tooltip is read when it is shown)."""
        return self.title, self.unread > 0, self.icon, self.error

    def take(self, fresh: Node) -> None:
        """Show what ``fresh`` shows (same key, same place)."""
        self.title, self.unread, self.icon = fresh.title, fresh.unread, fresh.icon
        self.error, self.tooltip = fresh.error, fresh.tooltip


@dataclass(frozen=True)
class Tree:
    """A built tree and what ``changes`` compares. ``states`` follows in-place updates."""

    root: Node
    nodes: dict[NodeKey, Node]  # every node but the root, by key
    states: dict[NodeKey, tuple[object, ...]]
    parents: dict[NodeKey, NodeKey]
    shape: tuple[object, ...]

    @classmethod
    def of(cls, root: Node) -> Tree:
        nodes: dict[NodeKey, Node] = {}
        parents: dict[NodeKey, NodeKey] = {}
        stack = list(root.children)
        while stack:
            node = stack.pop()
            if node.key not in nodes:
                nodes[node.key] = node
                parents[node.key] = node.parent.key if node.parent is not None else ROOT_KEY
            stack.extend(node.children)
        states = {key: node.state() for key, node in nodes.items()}
        return cls(root, nodes, states, parents, root.shape())


@dataclass(frozen=True)
class PreparedTree:
    """A tree built by ``FeedTreeModel.prepare`` for these feeds and counts, and for the
    model's extra views and folders as they were (``reload`` checks they still are)."""

    feeds: Sequence[Feed]
    view_counts: Mapping[str, int]
    extra: object
    folders: object
    tree: Tree
    largest: int  # the largest count (the widget sizes its count column by it)


def changes(shown: Tree, new: Tree, *, keep_order: bool) -> list[tuple[Node, Node]] | None:
    """(shown node, its new version) for each node that changed, if ``new`` can be shown by
    updating ``shown`` in place: the same shape, or with ``keep_order`` the same nodes under
    the same parents in another order (they keep the shown order). None: rebuild."""
    if new.shape != shown.shape and not (keep_order and new.parents == shown.parents):
        return None
    old = shown.states
    return [(shown.nodes[key], new.nodes[key]) for key, st in new.states.items() if old[key] != st]
