"""The person page: her journey as a timeline and the places on a bundled outline map."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from casebook.web import queries
from casebook.web.auth import Ctx, get_ctx
from casebook.web.mapping import journey_map
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
    page = queries.person_page(ctx, pid)
    return render(ctx.request, "person.html", page=page, stages=queries.STAGES,
                  map=journey_map(page.places(), ctx.lang),
                  show_quotes=can(ctx.user, "read_text"))
