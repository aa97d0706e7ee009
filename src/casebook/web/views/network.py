"""The broker network: who sold or held whom, where, from accepted events (casebook.linkage)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from casebook.web.auth import Ctx, get_ctx
from casebook.web.network import network_summary
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/network")
def network(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "network")
    return render(ctx.request, "network.html", net=network_summary(ctx))
