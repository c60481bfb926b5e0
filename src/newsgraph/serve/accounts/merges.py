"""Entity merges by editors: "this name stands for that entity", over the API.

    GET    /api/entity-merges                      the editors' merges
    POST   /api/entity-merges  {"alias", "type", "canonical"}
    DELETE /api/entity-merges?alias=...&type=...   undo one (until `newsgraph link` runs)

Editors and admins (session + CSRF token) or the API token only. A merge is kept in
`entity_merges` and written straight onto `entity_aliases`, which the entity pages read;
`newsgraph.link.merges.apply_merges` writes them again when `newsgraph link` rebuilds that
table.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Engine, delete, insert, select, update

from newsgraph.link.merges import EDITOR_RULE, article_count, point_alias
from newsgraph.serve.accounts.db import utcnow
from newsgraph.serve.accounts.guards import refusal
from newsgraph.serve.accounts.ingest import encodable
from newsgraph.serve.accounts.service import Accounts
from newsgraph.serve.accounts.users import Role
from newsgraph.store import schema


class MergeError(ValueError):
    """A merge that cannot be made (unknown names, a name merged into itself)."""


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(min_length=1, max_length=500, description="The name to merge away.")
    type: str = Field(min_length=1, max_length=50, description="PERSON, ORG, GPE, ...")
    canonical: str = Field(min_length=1, max_length=500, description="The name it stands for.")

    @field_validator("alias", "type", "canonical")
    @classmethod
    def _encodable(cls, value: str) -> str:
        encodable(value)
        return value


def merge(engine: Engine, item: MergeIn, user_id: int | None) -> dict[str, Any]:
    """Record and apply one merge; `MergeError` when a name is unknown."""
    alias, canonical, entity_type = item.alias.strip(), item.canonical.strip(), item.type.strip()
    if alias == canonical:
        raise MergeError("a name cannot be merged into itself")
    m = schema.entity_merges
    with engine.begin() as connection:
        for name in (alias, canonical):
            if not article_count(connection, name, entity_type):
                raise MergeError(f"no {entity_type} entity called {name!r} is stored")
        connection.execute(delete(m).where(m.c.alias == alias, m.c.type == entity_type))
        # A canonical that was itself merged away follows its own merge.
        connection.execute(update(m).where(m.c.canonical == alias, m.c.type == entity_type)
                           .values(canonical=canonical))
        connection.execute(insert(m).values(alias=alias, type=entity_type, canonical=canonical,
                                            user_id=user_id, created_at=utcnow()))
        point_alias(connection, alias, entity_type, canonical)
    return {"alias": alias, "type": entity_type, "canonical": canonical}


def unmerge(engine: Engine, alias: str, entity_type: str) -> bool:
    """Drop an editor's merge; the name stands for itself until `newsgraph link` runs."""
    m, al = schema.entity_merges, schema.entity_aliases
    with engine.begin() as connection:
        gone = connection.execute(delete(m).where(m.c.alias == alias,
                                                  m.c.type == entity_type)).rowcount
        if gone:
            connection.execute(update(al).where(al.c.alias == alias, al.c.type == entity_type)
                               .values(canonical=alias, rule=EDITOR_RULE))
    return bool(gone)


def merges(engine: Engine) -> list[dict[str, Any]]:
    m, u = schema.entity_merges, schema.users
    with engine.connect() as connection:
        rows = connection.execute(
            select(m.c.alias, m.c.type, m.c.canonical, m.c.created_at, u.c.email)
            .select_from(m.outerjoin(u, u.c.id == m.c.user_id))
            .order_by(m.c.type, m.c.canonical, m.c.alias))
        return [{"alias": r.alias, "type": r.type, "canonical": r.canonical,
                 "by": r.email, "created_at": r.created_at.isoformat()[:19]} for r in rows]


def merges_router(accounts: Accounts) -> APIRouter:
    router = APIRouter(tags=["entities"])
    engine = accounts.engine

    def denied(request: Request) -> JSONResponse | None:
        if getattr(request.state, "api_client", False):
            return None
        answer = refusal(request, Role.editor)
        return answer if answer is None or isinstance(answer, JSONResponse) \
            else JSONResponse({"error": "sign in as an editor"}, status_code=401)

    @router.get("/api/entity-merges")
    def list_merges(request: Request) -> JSONResponse:
        """The entity merges editors made (editors, admins, or the API token)."""
        return denied(request) or JSONResponse({"items": merges(engine), "next": None})

    @router.post("/api/entity-merges", status_code=201)
    def add_merge(request: Request, item: Annotated[MergeIn, Body()]) -> JSONResponse:
        """Merge `alias` into `canonical` (both stored names of entities of `type`)."""
        if (answer := denied(request)) is not None:
            return answer
        user = getattr(request.state, "user", None)
        try:
            made = merge(engine, item, user.id if user else None)
        except MergeError as error:
            return JSONResponse({"error": str(error)}, status_code=422)
        return JSONResponse(made, status_code=201)

    @router.delete("/api/entity-merges")
    def remove_merge(request: Request,
                     alias: Annotated[str, Query(min_length=1, max_length=500)],
                     type: Annotated[str, Query(min_length=1, max_length=50)]) -> JSONResponse:
        """Undo an editor's merge."""
        if (answer := denied(request)) is not None:
            return answer
        if not unmerge(engine, alias, type):
            return JSONResponse({"error": f"no merge of {alias!r} ({type})"}, status_code=404)
        return JSONResponse({"alias": alias, "type": type, "canonical": alias})

    return router
