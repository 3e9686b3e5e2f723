"""The portfolio as a networkx bipartite graph: initiatives <-> focus areas.

Initiative nodes carry ``bipartite=0`` and focus-area nodes ``bipartite=1``; a
node is the pair ``(side, id)`` so that an initiative and a focus area may share
an id. This is the only module that imports networkx.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property

import networkx as nx

from gapcheck.model import Dataset, FocusArea, Initiative

INITIATIVE = 0
FOCUS_AREA = 1

Node = tuple[int, str]


class Portfolio:
    """Initiatives linked to the focus areas they serve, with the focus-area tree.

    With ``at`` set, only the initiatives active in that year are part of it. The
    dataset's ``where_initiative`` conditions leave initiatives out altogether; its
    ``where`` conditions choose the focus areas looked at (:attr:`focus_areas`), while
    coverage is still rolled up over the whole tree, by the dataset's roll-up policy.
    """

    def __init__(self, dataset: Dataset, *, at: int | None = None) -> None:
        from gapcheck.selection import matches

        self.dataset = dataset
        self.at = at
        self.rollup = dataset.rollup_in_force
        self.initiatives: tuple[Initiative, ...] = tuple(
            item
            for item in dataset.initiatives
            if (at is None or item.active_in(at))
            and (not dataset.where_initiative or matches(item, dataset.where_initiative))
        )
        #: The focus areas looked at (all of them unless ``where`` chooses).
        self.focus_areas: tuple[FocusArea, ...] = (
            tuple(area for area in dataset.focus_areas if matches(area, dataset.where))
            if dataset.where
            else dataset.focus_areas
        )
        self._rank = {item.id: rank for rank, item in enumerate(self.initiatives)}
        graph: nx.Graph[Node] = nx.Graph()
        graph.add_nodes_from(((FOCUS_AREA, area.id) for area in dataset.focus_areas), bipartite=1)
        graph.add_nodes_from(((INITIATIVE, item.id) for item in self.initiatives), bipartite=0)
        graph.add_edges_from(
            ((INITIATIVE, item.id), (FOCUS_AREA, area_id))
            for item in self.initiatives
            for area_id in item.focus_area_ids
        )
        self.graph = graph

    @property
    def label(self) -> str:
        return self.dataset.label

    @property
    def title(self) -> str | None:
        """The portfolio's title, for headings; None when the data has none."""
        return self.dataset.title

    def direct(self, area_id: str) -> tuple[str, ...]:
        """Initiatives that list ``area_id`` themselves, in file order."""
        ids = (node[1] for node in self.graph.neighbors((FOCUS_AREA, area_id)))
        return tuple(sorted(ids, key=self._rank.__getitem__))

    def focus_areas_of(self, initiative_id: str) -> tuple[str, ...]:
        """The focus areas an initiative lists, each once, in the order written."""
        for item in self.initiatives:
            if item.id == initiative_id:
                return item.focus_area_ids
        raise KeyError(initiative_id)

    def rolled_up(self, area_id: str) -> tuple[str, ...]:
        """Distinct initiatives of ``area_id`` and of its descendants, in file order, as
        the roll-up policy says (any: all descendants; own: none; all: those of its
        sub-areas once every direct sub-area is served)."""
        return self._rolled_up[area_id]

    def qualifying(self, area_id: str, min_rank: int) -> tuple[str, ...]:
        """Distinct initiatives whose strength for ``area_id`` is at least ``min_rank``.

        An initiative's strength for an area is the strongest of its marks on the
        area and on all its descendants (0 minimal, 1 partial, 2 significant), and
        it counts once. With ``min_rank`` 0 every initiative of :meth:`rolled_up`.
        """
        if min_rank <= 0:
            return self.rolled_up(area_id)
        strongest = self._strongest[area_id]
        return tuple(i for i in self.rolled_up(area_id) if strongest[i] >= min_rank)

    def strongest(self, area_id: str) -> dict[str, int]:
        """Each initiative of :meth:`rolled_up` with its rolled-up strength rank."""
        return self._strongest[area_id]

    @cached_property
    def _strongest(self) -> dict[str, dict[str, int]]:
        # As _rolled_up, folding sub-areas into their parent deepest first, with the
        # strongest rank kept per initiative.
        ranks: dict[str, dict[str, int]] = {area.id: {} for area in self.dataset.focus_areas}
        for item in self.initiatives:
            for area_id, rank in item.strengths.items():
                ranks[area_id][item.id] = rank
        for area_id in self._folded:
            target = ranks[area_id]
            for kid in self.children[area_id]:
                for item_id, rank in ranks[kid].items():
                    if target.get(item_id, -1) < rank:
                        target[item_id] = rank
        return ranks

    @cached_property
    def _order(self) -> list[str]:
        """Focus areas breadth-first from the roots."""
        order: list[str] = []
        queue = deque(area.id for area in self.dataset.focus_areas if area.parent is None)
        while queue:
            area_id = queue.popleft()
            order.append(area_id)
            queue.extend(self.children[area_id])
        return order

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Each focus area's direct sub-areas, in file order (every area, chosen or not)."""
        children: dict[str, list[str]] = {area.id: [] for area in self.dataset.focus_areas}
        for area in self.dataset.focus_areas:
            if area.parent is not None:
                children[area.parent].append(area.id)
        return {area_id: tuple(kids) for area_id, kids in children.items()}

    @cached_property
    def _fold(self) -> tuple[dict[str, set[str]], tuple[str, ...]]:
        """Each area's initiatives, its sub-areas' taken in as the policy says, and the
        areas that took them in.

        Deepest first (the breadth-first order reversed), so that each sub-area is
        complete before its parent looks at it: linear, no recursion.
        """
        members = {area_id: set(self.direct(area_id)) for area_id in self._order}
        folded: list[str] = []
        for area_id in reversed(self._order):
            kids = self.children[area_id]
            if not kids or self.rollup == "own":
                continue
            if self.rollup == "all" and not all(members[kid] for kid in kids):
                continue
            for kid in kids:
                members[area_id] |= members[kid]
            folded.append(area_id)
        return members, tuple(folded)

    @property
    def _folded(self) -> tuple[str, ...]:
        """The areas whose sub-areas count for them, deepest first."""
        return self._fold[1]

    @cached_property
    def _rolled_up(self) -> dict[str, tuple[str, ...]]:
        return {
            area_id: tuple(sorted(ids, key=self._rank.__getitem__))
            for area_id, ids in self._fold[0].items()
        }


#: A GraphML attribute value: networkx writes str, int, float and bool with their types.
GraphMLValue = str | int | float | bool


def write_graphml(
    nodes: list[tuple[str, dict[str, GraphMLValue]]],
    edges: list[tuple[str, str, dict[str, GraphMLValue]]],
) -> bytes:
    """A graph as GraphML (UTF-8), written by networkx's own writer (for Gephi, yEd).

    Its plain-XML writer, always: ``nx.write_graphml`` switches to another writer, with
    other output, whenever lxml happens to be installed.
    """
    import io

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    buffer = io.BytesIO()
    nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
