"""Confidence intervals for proportions and quantiles of small samples.

Wilson's score interval is used because the samples are small and proportions are often near
0 or 1, where the textbook (Wald) interval collapses to zero width or leaves [0, 1].
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for ``successes`` out of ``n``.

    Examples:
        >>> lo, hi = wilson(10, 20)
        >>> round(lo, 3), round(hi, 3)
        (0.299, 0.701)
    """
    if n <= 0:
        raise ValueError("a proportion needs n > 0")
    if not 0 <= successes <= n:
        raise ValueError(f"successes {successes} outside 0..{n}")
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # at 0 or n the bound is exactly 0 or 1; rounding would otherwise leave 5e-17 above 0
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return lo, hi


def quantiles(values: list[float], probs: tuple[float, ...] = (0.25, 0.5, 0.75)) -> list[float]:
    """Quantiles by linear interpolation (type 7, as R and numpy default)."""
    if not values:
        raise ValueError("no values")
    xs = sorted(values)
    out = []
    for p in probs:
        h = (len(xs) - 1) * p
        lo = math.floor(h)
        hi = min(lo + 1, len(xs) - 1)
        out.append(xs[lo] + (h - lo) * (xs[hi] - xs[lo]))
    return out
