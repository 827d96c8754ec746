"""What a phone sees: the page of a parent or team member, and the facilitator's own page."""

from __future__ import annotations

from aiohttp import web

from workshop.model import Group
from workshop.phone import pages
from workshop.phone.i18n import translations
from workshop.phone.keys import ROOM
from workshop.phone.pages import e, hidden
from workshop.phone.security import ROLE_PARENTS, Visitor
from workshop.scan import SCALE, Scan


def participant(request: web.Request, visitor: Visitor) -> str:
    room = request.app[ROOM]
    catalogue = translations(visitor.language)
    t = catalogue.gettext
    view = room.step_view()
    parts = []
    if request.query.get("ok") == "1":
        parts.append(pages.flash(t, "Ontvangen. Dank je wel!"))
    elif request.query.get("ok") == "scan":
        parts.append(pages.flash(t, "Je antwoorden zijn ontvangen."))
    # The template's translation of the step (Dutch where it has none); the phase names of the
    # step plan are in the catalogue, any other name stays as written.
    title, questions = view.title_in(visitor.language), view.questions_in(visitor.language)
    parts.append(pages.step_block(t, t(view.phase_name), title, questions))
    parts.append(pages.remark_form(t, visitor.csrf, visitor.role == ROLE_PARENTS))
    parts.append(pages.own_remarks(t, visitor.csrf, room.remarks_of(visitor.phone)))
    choices = room.voting_choices()
    if choices:
        mine = room.dots_of(visitor.phone)
        left = room.dots_left(visitor.phone, mine)
        parts.append(pages.vote_list(t, catalogue.ngettext, visitor.csrf, choices, mine, left))
    if (scan := room.scan()) is not None:
        parts.append(_scan_form(t, visitor.csrf, scan))
    return pages.page(
        t,
        visitor.language,
        request["nonce"],
        "".join(parts),
        mark=room.mark(visitor.phone),
        csrf=visitor.csrf,
    )


def _scan_form(t: pages.Translate, csrf: str, scan: Scan) -> str:
    rows = []
    for statement in scan.statements:
        options = "".join(
            f'<label><input type="radio" name="s_{e(statement.code)}" value="{n}"> {n}</label> '
            for n in SCALE
        )
        options += (
            f'<label><input type="radio" name="s_{e(statement.code)}" value="weet"> '
            f"{e(t('weet niet'))}</label>"
        )
        rows.append(f"<li><p>{e(statement.text)}</p>{options}</li>")
    return (
        f"<h2>{e(t('Zelfscan'))}</h2><p>{e(t('1 = klopt niet, 4 = klopt helemaal.'))}</p>"
        f'<form method="post" action="/scan">{hidden(csrf)}<ol>{"".join(rows)}</ol>'
        f'<button type="submit">{e(t("Versturen"))}</button></form>'
    )


def facilitator(request: web.Request, visitor: Visitor) -> str:
    """The facilitator's own page: the queue, the phase's tips, private notes (Dutch only)."""
    room = request.app[ROOM]
    t = translations("nl").gettext
    csrf = visitor.csrf
    waiting = room.waiting()
    queue = "".join(
        f"<li><bdi>{e(r.text)}</bdi> ({e(r.group.label)}, {e(r.language)})"
        f'<form method="post" action="/begeleider/toelaten">{hidden(csrf, id=r.id)}'
        '<button class="stil" type="submit">Toelaten</button></form>'
        f'<form method="post" action="/begeleider/verbergen">{hidden(csrf, id=r.id)}'
        '<button class="stil" type="submit">Verbergen</button></form></li>'
        for r in waiting
    )
    everyone = (
        f'<form method="post" action="/begeleider/alles">{hidden(csrf)}'
        f'<button type="submit">Alles toelaten ({len(waiting)})</button></form>'
        if waiting
        else "<p>Er wacht niets.</p>"
    )
    hints = room.hints()
    tips = "".join(
        f"<h3>{e(kind.capitalize())}</h3><ul>{''.join(f'<li>{e(x)}</li>' for x in items)}</ul>"
        for kind, items in (
            ("vuistregels", hints.vuistregels),
            ("vaardigheden", hints.vaardigheden),
            ("voorwaarden", hints.voorwaarden),
            ("valkuilen", hints.valkuilen),
        )
        if items
    )
    notes = "".join(f"<li>{e(n.text)}</li>" for n in room.notes)
    view = room.step_view()
    counts = {g: sum(r.group is g for r in waiting) for g in Group}
    body = (
        f"<h1>Begeleider</h1><p>{e(view.phase_name)} — {e(view.step_title)}</p>"
        f"<h2>Wacht op jou (ouders {counts[Group.OUDERPANEL]}, team {counts[Group.TEAM]})</h2>"
        f"<ul>{queue}</ul>{everyone}<h2>Tips voor deze fase</h2>{tips}"
        f"<h2>Eigen notities</h2><p>Alleen voor jou. Ze komen niet op het scherm.</p>"
        f'<form method="post" action="/begeleider/notitie">{hidden(csrf)}'
        '<textarea name="tekst" rows="3" required></textarea>'
        '<button type="submit">Bewaren</button></form>'
        f"<ul>{notes}</ul>"
    )
    return pages.page(t, "nl", request["nonce"], body, mark=room.mark(), csrf=csrf, switch=False)
