"""The JSON API: the pages' operations for mobile capture tools and partners, same permissions.

Authentication is the same signed session as the pages (``POST /api/login``); every POST must
carry the CSRF token (from ``GET /api/csrf`` or the login answer) in the ``X-CSRF-Token`` header.
Errors have one shape: ``{"ok": false, "error": "...", "status": 403}``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from casebook.errors import InvalidInput, NotFound, PermissionDenied
from casebook.store import ROLES, SearchFilters, TestimonySummary
from casebook.vocab import load
from casebook.web import queries
from casebook.web import statistics as stats
from casebook.web.auth import Ctx, end_session, get_ctx, start_session
from casebook.web.intake import record_testimony
from casebook.web.permissions import can, require
from casebook.web.review import decide
from casebook.web.security import attach_csrf_cookie, csrf_token


class ErrorOut(BaseModel):
    ok: Literal[False] = False
    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 422)}

router = APIRouter(prefix="/api", tags=["casebook"], responses=ERRORS)


# -- models ------------------------------------------------------------------------------------
class LoginIn(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=1000)
    code: str | None = Field(default=None, max_length=20, description="TOTP code if enabled")


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str | None
    organisation: str
    role: str
    can_read_narratives: bool
    active: bool
    totp_enabled: bool
    locked: bool


class LoginOut(BaseModel):
    ok: Literal[True] = True
    user: UserOut
    csrftoken: str = Field(description="send as the X-CSRF-Token header on every POST")


class OkOut(BaseModel):
    ok: bool = True


class TestimonyRowOut(BaseModel):
    id: int
    person_id: int | None
    pseudonym: str | None
    organisation: str | None
    language: str
    interview_year: int | None
    file_name: str | None
    recorded_at: str | None
    suggested: int
    accepted: int


def _row_out(s: TestimonySummary) -> TestimonyRowOut:
    return TestimonyRowOut(
        id=s.id, person_id=s.person_id, pseudonym=s.pseudonym, organisation=s.organisation,
        language=s.language, interview_year=s.interview_year, file_name=s.file_name,
        recorded_at=s.recorded_at.isoformat() if s.recorded_at else None,
        suggested=s.facts_suggested, accepted=s.facts_accepted)


class TestimonyIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000)
    pseudonym: str | None = Field(default=None, max_length=200)
    surname: str | None = Field(default=None, max_length=200)
    birth_year: int | None = Field(default=None, ge=1900, le=2030)
    interview_date: str | None = Field(default=None, max_length=10,
                                          description="YYYY, YYYY-MM or YYYY-MM-DD")
    interview_place: str | None = Field(default=None, max_length=200)
    language: Literal["ko", "en"] | None = None
    consent: list[Literal["aggregate_statistics", "anonymous_quotation",
                          "legal_proceedings"]] = Field(default_factory=list, max_length=3)
    share_with: list[str] = Field(default_factory=list, max_length=50)
    restrict_to: list[int] = Field(default_factory=list, max_length=100)


class TestimonyCreatedOut(BaseModel):
    testimony_id: int
    created: bool
    person_id: int | None
    facts_suggested: int


class TestimonyOut(BaseModel):
    id: int
    person_id: int | None
    organisation: str | None
    language: str
    text: str
    consent: list[str]


class FactsOut(BaseModel):
    testimony_id: int
    language: str
    facts: list[dict[str, Any]]
    events: list[dict[str, Any]]


class DecisionIn(BaseModel):
    action: Literal["accept", "reject", "edit", "reopen"]
    changes: dict[str, Any] = Field(default_factory=dict, description=(
        "for edit: value (person fact); or type, year, month, place_text, amount, currency, "
        "notes (event)"))


class PersonOut(BaseModel):
    id: int
    pseudonym: str
    birth_year: int | None
    organisation: str | None
    testimonies: list[int]
    facts: list[dict[str, Any]]
    timeline: list[dict[str, Any]]


class SearchHitOut(BaseModel):
    testimony_id: int
    person_id: int | None
    pseudonym: str | None
    language: str
    snippet: str


class SearchOut(BaseModel):
    hits: list[SearchHitOut]
    testimonies: list[TestimonyRowOut]


class StatisticsOut(BaseModel):
    n: int = 0
    k: int = 0
    reason: str | None = None
    tables: list[dict[str, Any]] = Field(default_factory=list)


class AuditEntryOut(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    target: str | None
    detail: Any = None


class NewUserIn(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=10, max_length=1000)
    role: Literal["documenter", "reviewer", "analyst", "admin"]
    display_name: str | None = Field(default=None, max_length=200)
    can_read_narratives: bool = False


class VocabularyOut(BaseModel):
    name: str
    version: str
    terms: list[dict[str, str]]


def _user_out(user) -> UserOut:
    return UserOut(**user.to_dict())


# -- session -----------------------------------------------------------------------------------
@router.post("/login", response_model=LoginOut, summary="Log in (sets the session cookie)")
def login(body: LoginIn, request: Request):
    book = request.app.state.book.with_actor("web")
    user = book.users.authenticate(body.username, body.password, body.code)
    start_session(request, user)
    token = csrf_token(request)
    response = JSONResponse(LoginOut(user=_user_out(user), csrftoken=token).model_dump())
    attach_csrf_cookie(request, response)
    return response


class CsrfOut(BaseModel):
    csrftoken: str = Field(description="send as the X-CSRF-Token header on every POST")


@router.get("/csrf", response_model=CsrfOut, summary="A CSRF token (and its cookie) before login")
def csrf(request: Request):
    token = csrf_token(request)
    response = JSONResponse({"csrftoken": token})
    attach_csrf_cookie(request, response)
    return response


@router.post("/logout", response_model=OkOut, summary="Log out")
def logout(request: Request):
    end_session(request)
    return OkOut()


@router.get("/me", response_model=UserOut, summary="The logged-in user")
def me(ctx: Ctx = Depends(get_ctx)):
    return _user_out(ctx.user)


# -- testimonies -------------------------------------------------------------------------------
@router.get("/testimonies", response_model=list[TestimonyRowOut],
            summary="Testimonies you may see, newest first (no text)")
def testimonies(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10**9),
                waiting: bool = False, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "dashboard")
    return [_row_out(r) for r in ctx.book.testimonies.all(limit=limit, offset=offset,
                                                          waiting=waiting)]


@router.post("/testimonies", response_model=TestimonyCreatedOut, status_code=201,
             summary="Record a testimony for your organisation (facts are suggested)")
def add_testimony(body: TestimonyIn, ctx: Ctx = Depends(get_ctx)):
    return record_testimony(ctx, body.text, file_name="api", pseudonym=body.pseudonym,
                            surname=body.surname, birth_year=body.birth_year,
                            interview_date=body.interview_date,
                            interview_place=body.interview_place, language=body.language,
                            consent=list(body.consent), share_with=body.share_with,
                            restrict_to=body.restrict_to)


@router.get("/testimonies/{tid}", response_model=TestimonyOut,
            summary="One testimony with its text (the read is audited)")
def testimony(tid: int, ctx: Ctx = Depends(get_ctx)):
    ctx.book.testimonies.access(tid)
    require(ctx.user, "read_text")
    t = ctx.book.testimonies.get(tid, purpose="api")
    return TestimonyOut(id=tid, person_id=t.person_id, organisation=t.organisation,
                        language=t.language, text=t.text, consent=t.consent.active_scopes())


@router.get("/testimonies/{tid}/facts", response_model=FactsOut,
            summary="Suggested and accepted facts of a testimony")
def testimony_facts(tid: int, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "person")  # the same roles that see facts on person pages
    record = ctx.book.facts.record(tid)
    quotes = can(ctx.user, "read_text")

    def dump(item) -> dict[str, Any]:
        d = {**item.to_dict(), "id": item.id}
        if not quotes and d.get("evidence"):
            d["evidence"] = {k: v for k, v in d["evidence"].items() if k != "quote"}
        return d

    return FactsOut(testimony_id=tid, language=record.language,
                    facts=[dump(f) for f in record.facts], events=[dump(e) for e in record.events])


@router.post("/facts/{fact_id}", response_model=OkOut,
             summary="Accept, reject, correct or reopen one suggested fact (reviewers)")
def fact_decision(fact_id: int, body: DecisionIn, ctx: Ctx = Depends(get_ctx)):
    decide(ctx, fact_id, body.action, {k: v for k, v in body.changes.items()})
    return OkOut()


# -- persons, search ---------------------------------------------------------------------------
@router.get("/persons/{pid}", response_model=PersonOut,
            summary="A person's attributes and journey timeline")
def person(pid: int, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "person")
    page = queries.person_page(ctx, pid)
    quotes = can(ctx.user, "read_text")

    def strip(d: dict[str, Any]) -> dict[str, Any]:
        if not quotes and d.get("evidence"):
            d["evidence"] = {k: v for k, v in d["evidence"].items() if k != "quote"}
        return d

    return PersonOut(id=pid, pseudonym=page.person.pseudonym, birth_year=page.person.birth_year,
                     organisation=page.person.organisation,
                     testimonies=[r.id for r in page.testimonies],
                     facts=[strip({**f.to_dict(), "id": f.id, "testimony_id": t})
                            for t, f in page.facts],
                     timeline=[strip(e.to_dict()) for e in page.timeline])


@router.get("/search", response_model=SearchOut,
            summary="Search testimony texts (Korean or English) and filter by facts")
def search(q: str = Query("", max_length=200), event_type: str | None = Query(None, max_length=50),
           place: str | None = Query(None, max_length=100),
           year_from: int | None = Query(None, ge=1900, le=2100),
           year_to: int | None = Query(None, ge=1900, le=2100),
           language: Literal["ko", "en"] | None = None,
           limit: int = Query(30, ge=1, le=200), ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "search")
    filters = SearchFilters(event_type or None, place or None, year_from, year_to, language)
    hits, rows = ctx.book.testimonies.search(q, filters, limit=limit)
    return SearchOut(hits=[SearchHitOut(**h.__dict__) for h in hits],
                     testimonies=[_row_out(r) for r in rows])


# -- statistics, audit, users, vocabularies ----------------------------------------------------
@router.get("/statistics", response_model=StatisticsOut,
            summary="Statistics tables after disclosure control")
def statistics(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    return StatisticsOut(**stats.tables(ctx))


@router.get("/audit", response_model=list[AuditEntryOut], summary="Audit log, newest first")
def audit(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10**9),
          ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "audit")
    return [AuditEntryOut(**{k: e[k] for k in AuditEntryOut.model_fields})
            for e in ctx.book.audit.entries(limit=limit, offset=offset,
                                            organisation=ctx.user.organisation)]


@router.get("/users", response_model=list[UserOut], summary="Users of your organisation")
def users(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    return [_user_out(u) for u in ctx.book.users.all(ctx.user.organisation)]


@router.post("/users", response_model=UserOut, status_code=201,
             summary="Add a user to your organisation")
def add_user(body: NewUserIn, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    if body.role not in ROLES:
        raise PermissionDenied("role: unknown")
    return _user_out(ctx.book.users.add(body.username, body.password, ctx.user.organisation,
                                         body.role, body.display_name, body.can_read_narratives))


@router.get("/vocabularies/{name}", response_model=VocabularyOut,
            summary="A controlled vocabulary with Korean and English labels")
def vocabulary(name: str, ctx: Ctx = Depends(get_ctx)):
    try:
        v = load(name)
    except InvalidInput:
        raise NotFound(f"vocabulary {name!r}: no such vocabulary") from None
    return VocabularyOut(name=v.name, version=v.version,
                         terms=[{"code": t.code, "ko": t.ko, "en": t.en} for t in v.terms])
