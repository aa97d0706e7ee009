"""Labels that do not cover each other: a greedy placer for the names and counts on a map.

Each label tries a few positions around its point, in order of preference, and takes the first
that overlaps nothing placed before it (names, counts, points, country names); when every
position overlaps, the one covering least. Text width is estimated from the characters (Hangul
and CJK about one em, Latin about 0.6 em), which is close enough for short names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def text_width(text: str, size: float) -> float:
    return sum(size * (1.0 if ord(ch) >= 0x1100 else 0.62) for ch in text)


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start") -> Box:
    """The box of SVG text whose baseline starts (``start``), centres (``middle``) or ends at x."""
    w = text_width(text, size)
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    return (x0, y - size * 0.85, x0 + w, y + size * 0.25)


def _overlap(a: Box, b: Box) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


@dataclass
class Placer:
    """Boxes taken so far on one map (width x height), and the choice of the next label."""

    width: float
    height: float
    taken: list[Box] = field(default_factory=list)

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def place(self, text: str, size: float, candidates: list[tuple[float, float, str]],
              ) -> tuple[float, float, str]:
        """The first candidate (x, y, anchor) whose box is free and inside the map."""
        best, best_cost = candidates[0], float("inf")
        for x, y, anchor in candidates:
            box = text_box(x, y, text, size, anchor)
            outside = (max(0.0, -box[0]) + max(0.0, box[2] - self.width)
                       + max(0.0, -box[1]) + max(0.0, box[3] - self.height))
            cost = sum(_overlap(box, t) for t in self.taken) + outside * size
            if cost == 0:
                best, best_cost = (x, y, anchor), 0.0
                break
            if cost < best_cost:
                best, best_cost = (x, y, anchor), cost
        self.block(text_box(best[0], best[1], text, size, best[2]))
        return best


def around(x: float, y: float, gap: float, size: float) -> list[tuple[float, float, str]]:
    """Positions for a name beside a point: right, left, above, below, the diagonals; then
    the same a line further out (crowded places)."""
    out = []
    for ring in (0.0, size * 1.1, size * 2.2):
        up, down = y - gap + 2 - ring, y + gap + size * 0.7 + ring
        out += [(x + gap, up, "start"), (x - gap, up, "end"), (x, up - 2, "middle"),
                (x, down, "middle"), (x + gap, down, "start"), (x - gap, down, "end")]
        if not ring:
            out += [(x + gap, y + size * 0.35, "start"), (x - gap, y + size * 0.35, "end")]
    return out


def along(x1: float, y1: float, cx: float, cy: float, x2: float, y2: float,
          ) -> list[tuple[float, float, str]]:
    """Positions on a quadratic curve for the count it carries: the middle first."""
    out = []
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
        px = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t ** 2 * x2
        py = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t ** 2 * y2
        out.append((round(px, 1), round(py + 5, 1), "middle"))
    return out


__all__ = ["Placer", "along", "around", "text_box", "text_width"]
