"""Intake: paste or upload a testimony, describe the person, record her consent."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from casebook.errors import InvalidInput
from casebook.web.auth import Ctx, get_ctx
from casebook.web.intake import record_testimony, text_of_upload
from casebook.web.permissions import can, require
from casebook.web.render import render
from casebook.web.security import MAX_BODY

router = APIRouter(include_in_schema=False)


def _form_context(ctx: Ctx, **extra):
    users = ctx.book.users
    orgs = [o for o in users.organisations() if o.code != ctx.user.organisation]
    colleagues = [u for u in users.all(ctx.user.organisation) if u.id != ctx.user.id and u.active]
    return dict(organisations=orgs, colleagues=colleagues,
                error=None, values={}, **extra)


@router.get("/intake")
def intake_form(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "intake")
    return render(ctx.request, "intake.html", **_form_context(ctx))


def _text(value: UploadFile | str | None) -> str | None:
    """A text field of the form; a file posted where text belongs counts as not given."""
    return value if isinstance(value, str) else None


def _texts(values: list[UploadFile | str]) -> list[str]:
    return [v for v in values if isinstance(v, str)]


@router.post("/intake")
async def intake(request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "intake")
    form = await request.form(max_part_size=MAX_BODY)
    values = {k: _text(form.get(k)) for k in ("pseudonym", "surname", "birth_year", "sex",
                                       "interview_date", "interview_place", "language", "text")}
    text, name, fmt = (values.get("text") or ""), None, "txt"
    upload = form.get("file")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            text, fmt = text_of_upload(upload.filename, await upload.read())
            name = upload.filename
        restrict = [int(u) for u in _texts(form.getlist("restrict_to")) if u.isdigit()]
        if form.get("only_me"):
            restrict.append(ctx.user.id)

        result = await run_in_threadpool(
            record_testimony, ctx, text, file_name=name, fmt=fmt,
            pseudonym=values["pseudonym"], surname=values["surname"],
            birth_year=values["birth_year"], sex=values["sex"],
            interview_date=values["interview_date"], interview_place=values["interview_place"],
            language=values["language"], consent=_texts(form.getlist("consent")),
            share_with=_texts(form.getlist("share_with")), restrict_to=restrict)
    except InvalidInput as exc:
        return render(request, "intake.html", status_code=400,
                      **{**_form_context(ctx), "error": str(exc), "values": values})
    target = (f"/review/{result['testimony_id']}" if can(ctx.user, "review")
              and result["facts_suggested"] else f"/testimonies/{result['testimony_id']}")
    note = "created" if result["created"] else "duplicate"
    return RedirectResponse(f"{target}?note={note}", status_code=303)
