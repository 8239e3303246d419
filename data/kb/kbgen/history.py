"""Organisations and events: organizations.tsv and events.tsv."""

from __future__ import annotations

from .common import Ctx, add_labels, add_names, add_note, add_refs, add_years, ref
from .source import cells

ORGS, EVENTS = "organizations", "events"


def build_organizations(ctx: Ctx) -> None:
    for origin, row in ctx.source.rows("organizations"):
        org = ref("organization", row["slug"], origin)
        ctx.kb.declare(org, "jl:Organization", ORGS, origin)
        add_labels(ctx, org, ORGS, origin, row["zh"], row["hant"], row["en"])
        add_names(ctx, org, "jl:alias", row["alias"], ORGS, origin)
        add_refs(ctx, org, "jl:locatedIn", "place", row["located_in"], ORGS, origin,
                 "located_in")
        add_refs(ctx, org, "jl:founder", "person", row["founder"], ORGS, origin, "founder")
        add_note(ctx, org, row["note"], ORGS, origin)


def build_events(ctx: Ctx) -> None:
    organizations = {r["slug"] for r in ctx.source.table("organizations")}
    for origin, row in ctx.source.rows("events"):
        event = ref("event", row["slug"], origin)
        ctx.kb.declare(event, "jl:Event", EVENTS, origin)
        add_labels(ctx, event, EVENTS, origin, row["zh"], row["hant"], row["en"])
        add_names(ctx, event, "skos:altLabel", row["alias"], EVENTS, origin)
        add_years(ctx, event, row, (("start", "jl:startYear"), ("end", "jl:endYear")), EVENTS,
                  origin)
        add_refs(ctx, event, "jl:tookPlaceAt", "place", row["places"], EVENTS, origin, "places")
        for slug in cells(row["participants"]):
            kind = "organization" if slug in organizations else "person"
            ctx.kb.add(event, "jl:participant", ref(kind, slug, origin, "participants"),
                       EVENTS, origin)
        add_refs(ctx, event, "jl:duringPeriod", "period", row["periods"], EVENTS, origin,
                 "periods")
        add_note(ctx, event, row["note"], EVENTS, origin)
