"""The person page: her journey as she told it, and her route on a real (bundled) basemap."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from markupsafe import Markup

from casebook.maps import route_of, route_svgs, source
from casebook.web import queries
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import can, require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/persons")
def persons(page: int = 1, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "person")
    page = max(1, page)
    rows = ctx.book.persons.all(limit=51, offset=(page - 1) * 50)
    return render(ctx.request, "persons.html", persons=rows[:50], page=page, more=len(rows) > 50)


@router.get("/persons/{pid}")
def person(pid: int, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "person")
    quotes = can(ctx.user, "read_text")
    page = queries.person_page(ctx, pid, with_clauses=quotes)
    route = route_of(page.journey, ctx.lang)
    return render(ctx.request, "person.html", page=page, stages=queries.STAGES,
                  route=route, map_svgs=[Markup(svg) for svg in route_svgs(route, ctx.lang)],
                  map_source=source(), show_quotes=quotes)
