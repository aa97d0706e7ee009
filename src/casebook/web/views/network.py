"""The broker network, drawn: who recruited, sold, bought or held whom, and where.

Filters (roles, period) are query parameters, so the page works and can be linked without a
script; the drawing itself is cytoscape.js, vendored under /static/vendor.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from casebook.web.auth import Ctx, get_ctx
from casebook.web.network import ROLES, Filters, network_view
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None


@router.get("/network")
def network(role: list[str] = Query(default=[]), year_from: str = "", year_to: str = "",
            everyone: str = "", ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "network")
    roles = frozenset(r for r in role if r in ROLES) or frozenset(ROLES)
    filters = Filters(roles, _year(year_from), _year(year_to), everyone == "1")
    return render(ctx.request, "network.html", net=network_view(ctx, filters))
