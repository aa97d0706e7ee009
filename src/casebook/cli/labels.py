"""Values as a reader says them: vocabulary labels, place names, dates and plain lists, in the
language of this run — never a Python repr (``['abducted']``, ``('kp-…',)``)."""

from __future__ import annotations

from typing import Any

from casebook.cli.i18n import N_, current
from casebook.cli.i18n import gettext as _
from casebook.vocab import gazetteer, load

# Which vocabulary names the codes of a fact field or an event attribute.
KEY_VOCABULARY = {
    "method": "recruitment", "recruitment": "recruitment", "purpose": "sale_purpose",
    "kind": "exploitation", "exploitation": "exploitation", "facility": "nk_detention",
    "relation": "recruiter_relation", "recruiter_relation": "recruiter_relation",
    "role": "perpetrator_role", "perpetrator_role": "perpetrator_role", "violence": "violence",
    "buyer": "buyer", "hukou": "hukou", "hukou_or_id": "hukou", "currency": "currency",
    "type": "event_type",
}
STATUSES = (N_("suggested"), N_("accepted"), N_("rejected"))  # a fact's review status
KEY_NAMES = {  # the names of fields and attributes a reviewer sees
    "method": N_("method"), "purpose": N_("purpose"), "kind": N_("kind"),
    "facility": N_("facility"), "places": N_("places"), "river": N_("river"),
    "count": N_("count"), "total": N_("total"), "repeat": N_("repeat"), "sellers": N_("sellers"),
    "sellers_named": N_("sellers named"), "denied": N_("denied"), "foiled": N_("foiled"),
    "implied": N_("implied"), "vague": N_("vague"), "status": N_("status"),
    "episode": N_("episode"), "order": N_("order"), "stated_total": N_("stated total"),
    "summary": N_("summary"), "what": N_("what"), "surname": N_("surname"),
    "birth_year": N_("birth year"), "origin_nk": N_("origin in North Korea"),
    "province_china": N_("province in China"), "children_in_china": N_("children in China"),
    "hukou_or_id": N_("hukou or ID"), "sex": N_("sex"),
}


def key_label(key: str) -> str:
    return _(KEY_NAMES[key]) if key in KEY_NAMES else key.replace("_", " ")


def value_label(key: str, value: Any) -> str:
    """``value`` of field or attribute ``key`` for a reader: codes as their labels, place ids
    as place names, lists joined with commas, yes/no for switches."""
    lang = current()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(value_label(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{key_label(k)} {value_label(k, v)}" for k, v in value.items())
    if isinstance(value, str):
        vocabulary = KEY_VOCABULARY.get(key)
        if vocabulary is not None:
            vocab = load(vocabulary)
            if value in vocab.codes():
                return vocab.label(value, "ko" if lang == "ko" else "en")
        place = gazetteer().get(value) if "-" in value else None
        return place.name(lang) if place is not None else value
    label = getattr(value, "label", None)
    return str(label()) if callable(label) else str(value)


def describe(item: Any) -> str:
    """One line for a fact (``field: value``) or an event (type, date, place, amount, who, and
    its attributes), as the review panel shows it."""
    if not hasattr(item, "involvements"):
        return f"{key_label(item.field)}: {value_label(item.field, item.value)}"
    parts = [value_label("type", item.type)]
    if item.date:
        parts.append(item.date.label(current()))
    if item.place_text:
        parts.append(_("in {place}").format(place=item.place_text))
    if item.amount:
        usd = f" (≈ ${item.amount.usd:,.0f})" if item.amount.usd else ""
        parts.append(_("for {amount}").format(
            amount=f"{item.amount.value:,g} {item.amount.currency}{usd}"))
    for inv in item.involvements:
        if inv.role != "victim":
            role = value_label("role", inv.perpetrator_role or inv.role)
            parts.append(f"[{role}: {inv.who or inv.group or '?'}]")
    for key, value in item.attributes.items():
        parts.append(f"{key_label(key)}: {value_label(key, value)}")
    return " · ".join(parts)
