"""Search in Korean and English, with filters from the vocabularies and the gazetteer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from casebook.errors import InvalidInput
from casebook.store import SearchFilters
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render
from casebook.web.vocab import filter_places

router = APIRouter(include_in_schema=False)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().lstrip("-").isdigit() else None


@router.get("/search")
def search(q: str = "", event_type: str = "", place: str = "", year_from: str = "",
           year_to: str = "", language: str = "", ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "search")
    filters = SearchFilters(event_type or None, place or None, _int(year_from), _int(year_to),
                              language if language in ("ko", "en") else None)
    error: str | None = None
    hits: list[Any] = []
    rows: list[Any] = []
    try:
        if q.strip() or filters.active():
            hits, rows = ctx.book.testimonies.search(q, filters)
    except InvalidInput as exc:
        error = str(exc)
    return render(ctx.request, "search.html", q=q, filters=filters, hits=hits, rows=rows,
                  error=error, searched=bool(q.strip() or filters.active()),
                  places=filter_places(ctx.lang))
