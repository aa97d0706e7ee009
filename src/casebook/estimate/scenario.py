"""Scenario models: a headline number rebuilt from its factors, with the uncertainty left in.

A model is a TOML file: a ``formula`` over named factors (``+ - * /`` and parentheses), and one
``[factors.NAME]`` table per factor with its ``source`` written next to it. A factor is a
``point`` or a distribution: ``uniform`` (low, high), ``triangular`` (low, mode, high),
``lognormal`` (low and high as its 5th and 95th percentiles) or ``beta`` (a ``proportion`` seen in
a sample of ``n``: Beta(p n + 1, (1 - p) n + 1)). Each factor has a ``central`` value (default:
the point, mode, median or proportion) and an optional ``basis`` (``reported``, ``estimate`` or
``assumption``) so the output can say how much of a headline rests on assumptions.

The central value is computed exactly (decimal fractions), so 50,000 x 0.70 x 0.25 x 12,000 is
105,000,000 and not a rounding error away from it.
"""

from __future__ import annotations

import ast
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy import stats

from casebook.errors import InvalidInput

DISTRIBUTIONS = ("point", "uniform", "triangular", "lognormal", "beta")
BASES = ("reported", "estimate", "assumption")
Z95 = stats.norm.ppf(0.95)


@dataclass
class Factor:
    name: str
    distribution: str
    central: float
    source: str
    label: str = ""
    basis: str = ""
    params: dict[str, float] = field(default_factory=dict)
    central_text: str = ""  # the central value as written, for exact arithmetic

    def frozen(self):
        """The scipy distribution (None for a point)."""
        p = self.params
        if self.distribution == "point":
            return None
        if self.distribution == "uniform":
            return stats.uniform(p["low"], p["high"] - p["low"])
        if self.distribution == "triangular":
            width = p["high"] - p["low"]
            return stats.triang((p["mode"] - p["low"]) / width, p["low"], width)
        if self.distribution == "lognormal":
            mu = (math.log(p["low"]) + math.log(p["high"])) / 2
            sigma = (math.log(p["high"]) - math.log(p["low"])) / (2 * Z95)
            return stats.lognorm(sigma, scale=math.exp(mu))
        if self.distribution == "beta":
            k = p["proportion"] * p["n"]
            return stats.beta(k + 1, p["n"] - k + 1)
        raise AssertionError(self.distribution)

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        dist = self.frozen()
        if dist is None:
            return np.full(size, self.central)
        return dist.ppf(rng.random(size))

    def percentile(self, q: float) -> float:
        dist = self.frozen()
        return self.central if dist is None else float(dist.ppf(q))


@dataclass
class ScenarioModel:
    title: str
    formula: str
    factors: dict[str, Factor]
    unit: str = ""
    headline: float | None = None
    headline_source: str = ""
    description: str = ""

    def evaluate(self, values: Mapping[str, np.ndarray | float]):
        return _evaluate(self._tree, values)

    def central_exact(self) -> Fraction:
        return _evaluate(self._tree, {n: Fraction(f.central_text or repr(f.central)) for n,
                                      f in self.factors.items()})

    @property
    def _tree(self) -> ast.AST:
        return ast.parse(self.formula, mode="eval").body


@dataclass
class SensitivityRow:
    name: str
    label: str
    basis: str
    low_input: float
    high_input: float
    result_at_low: float
    result_at_high: float
    swing: float
    rank_correlation: float


@dataclass
class ScenarioResult:
    model: ScenarioModel
    central: float
    mean: float
    median: float
    p05: float
    p95: float
    draws: int
    seed: int | None
    sensitivity: list[SensitivityRow]
    share_below_headline: float | None

    def summary_lines(self) -> list[str]:
        """Plain words: how far the headline depends on what was assumed."""
        m = self.model
        lines = []
        assumed = [f for f in m.factors.values() if f.basis == "assumption"]
        if assumed:
            names = ", ".join(f.label or f.name for f in assumed)
            lines.append(f"{len(assumed)} of {len(m.factors)} factors are assumptions, not "
                         f"measurements: {names}.")
        if self.p05 > 0:
            lines.append("With the ranges the sources themselves give, the 90% interval spans a "
                         f"factor of {self.p95 / self.p05:.1f} "
                         f"(from {fmt(self.p05)} to {fmt(self.p95)}).")
        if self.sensitivity:
            top = self.sensitivity[0]
            total = sum(r.swing for r in self.sensitivity) or 1.0
            lines.append(f"The largest single source of uncertainty is {top.label or top.name} "
                         f"({top.swing / total:.0%} of the summed swings).")
        if m.headline is not None and self.share_below_headline is not None:
            lines.append(f"The headline {fmt(m.headline)} sits at the "
                         f"{self.share_below_headline:.0%} point of the simulated distribution; "
                         f"the median is {fmt(self.median)}.")
        return lines

    def to_json(self) -> dict:
        return {
            "title": self.model.title,
            "unit": self.model.unit,
            "central": self.central,
            "mean": self.mean,
            "median": self.median,
            "interval_90": [self.p05, self.p95],
            "draws": self.draws,
            "seed": self.seed,
            "headline": self.model.headline,
            "share_below_headline": self.share_below_headline,
            "factors": {
                n: {"distribution": f.distribution, "central": f.central, "basis": f.basis,
                    "source": f.source, **f.params}
                for n, f in self.model.factors.items()
            },
            "sensitivity": [r.__dict__ for r in self.sensitivity],
            "summary": self.summary_lines(),
        }


def fmt(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3g}"


_ALLOWED = (ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Name, ast.Load,
            ast.Constant, ast.UnaryOp, ast.USub)


def _evaluate(node: ast.AST, values):
    if isinstance(node, ast.BinOp):
        a, b = _evaluate(node.left, values), _evaluate(node.right, values)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        return a / b
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, values)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.Constant):
        return Fraction(str(node.value)) if any(isinstance(v, Fraction)
                                                for v in values.values()) else node.value
    raise AssertionError(type(node))


def _number(source: str, name: str, table: dict, key: str) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(f"{source}: factor '{name}' needs a number for '{key}'")
    return float(value)


def parse_scenario(text: str, source: str = "model") -> ScenarioModel:
    """Read and validate a scenario model; every problem names the file and the factor."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source}: not valid TOML ({exc})") from exc
    formula = data.get("formula")
    if not isinstance(formula, str) or not formula.strip():
        raise InvalidInput(f"{source}: needs a 'formula', e.g. formula = \"a * b\"")
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise InvalidInput(f"{source}: formula {formula!r} is not valid ({exc.msg})") from exc
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED) or (isinstance(node, ast.Constant)
                                              and not isinstance(node.value, (int, float))):
            raise InvalidInput(
                f"{source}: formula may only use factor names, numbers, + - * / and parentheses")
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    raw = data.get("factors")
    if not isinstance(raw, dict) or not raw:
        raise InvalidInput(f"{source}: needs [factors.NAME] tables")
    missing = sorted(names - raw.keys())
    if missing:
        raise InvalidInput(f"{source}: formula uses undefined factor(s): {', '.join(missing)}")
    unused = sorted(raw.keys() - names)
    if unused:
        raise InvalidInput(f"{source}: factor(s) not used in the formula: {', '.join(unused)}")
    factors = {name: _factor(source, name, spec) for name, spec in raw.items()}
    headline = data.get("headline")
    if headline is not None and (isinstance(headline, bool) or not isinstance(headline, (int,
                                                                                         float))):
        raise InvalidInput(f"{source}: 'headline' must be a number")
    return ScenarioModel(
        title=str(data.get("title", source)), formula=formula, factors=factors,
        unit=str(data.get("unit", "")), headline=None if headline is None else float(headline),
        headline_source=str(data.get("headline_source",
                                     "")), description=str(data.get("description", "")),
    )


def _factor(source: str, name: str, spec) -> Factor:
    if not isinstance(spec, dict):
        raise InvalidInput(f"{source}: factor '{name}' must be a table")
    dist = spec.get("distribution", "point")
    if dist not in DISTRIBUTIONS:
        raise InvalidInput(f"{source}: factor '{name}': distribution {dist!r} is not one of "
                           f"{', '.join(DISTRIBUTIONS)}")
    src = spec.get("source")
    if not isinstance(src, str) or not src.strip():
        raise InvalidInput(
            f"{source}: factor '{name}' has no 'source'; say where the number comes from")
    basis = spec.get("basis", "")
    if basis and basis not in BASES:
        raise InvalidInput(
            f"{source}: factor '{name}': basis {basis!r} is not one of {', '.join(BASES)}")
    keys = {"point": ["value"], "uniform": ["low", "high"], "triangular": ["low", "mode", "high"],
            "lognormal": ["low", "high"], "beta": ["proportion", "n"]}[dist]
    params = {k: _number(source, name, spec, k) for k in keys}
    if dist in ("uniform", "triangular", "lognormal") and not params["low"] < params["high"]:
        raise InvalidInput(f"{source}: factor '{name}': low must be below high")
    if dist == "triangular" and not params["low"] <= params["mode"] <= params["high"]:
        raise InvalidInput(f"{source}: factor '{name}': mode must lie between low and high")
    if dist == "lognormal" and params["low"] <= 0:
        raise InvalidInput(f"{source}: factor '{name}': lognormal needs positive low and high")
    if dist == "beta" and not (0 <= params["proportion"] <= 1 and params["n"] > 0):
        raise InvalidInput(f"{source}: factor '{name}': beta needs 0 <= proportion <= 1 and n > 0")
    default_central = {
        "point": params.get("value"), "uniform": (params.get("low", 0) + params.get("high", 0)) / 2,
        "triangular": params.get("mode"),
        "lognormal": math.sqrt(params["low"] * params["high"]) if dist == "lognormal" else None,
        "beta": params.get("proportion"),
    }[dist]
    central = spec.get("central", default_central)
    if isinstance(central, bool) or not isinstance(central, (int, float)):
        raise InvalidInput(f"{source}: factor '{name}': 'central' must be a number")
    central_text = repr(spec["central"]) if "central" in spec else (repr(params["value"])
                                                                    if dist == "point" else "")
    params = {k: v for k, v in params.items() if not (dist == "point" and k == "value")}
    return Factor(name, dist, float(central), src.strip(), str(spec.get("label", "")), basis,
                  params, central_text)


def load_scenario(path: str | Path) -> ScenarioModel:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot read the model ({exc.__class__.__name__})") from exc
    return parse_scenario(text, str(path))


def run_scenario(model: ScenarioModel, draws: int = 100_000,
                 seed: int | None = 2026) -> ScenarioResult:
    """Monte Carlo over the factor distributions and a one-at-a-time (tornado) sensitivity table."""
    if draws < 100:
        raise InvalidInput(f"--draws {draws}: use at least 100 draws")
    rng = np.random.default_rng(seed)
    samples = {name: f.draw(rng, draws) for name, f in model.factors.items()}
    out = np.asarray(model.evaluate(samples), dtype=np.float64) * np.ones(draws)
    central = float(model.central_exact())
    centrals = {n: f.central for n, f in model.factors.items()}
    rows = []
    for name, f in model.factors.items():
        if f.distribution == "point":
            continue
        lo_in, hi_in = f.percentile(0.05), f.percentile(0.95)
        at_lo = float(model.evaluate({**centrals, name: lo_in}))
        at_hi = float(model.evaluate({**centrals, name: hi_in}))
        rho = float(stats.spearmanr(samples[name], out).statistic) if np.ptp(out) > 0 else 0.0
        rows.append(SensitivityRow(name, f.label, f.basis, lo_in, hi_in, at_lo, at_hi,
                                   abs(at_hi - at_lo), rho))
    rows.sort(key=lambda r: r.swing, reverse=True)
    below = None if model.headline is None else float(np.mean(out < model.headline))
    return ScenarioResult(model, central, float(out.mean()), float(np.median(out)),
                          float(np.quantile(out, 0.05)), float(np.quantile(out, 0.95)),
                          draws, seed, rows, below)
