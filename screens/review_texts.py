"""What the review shows of agreements, as text: the card's details and status choices, and the
summary at the end. Pure: it reads agreements and returns Content, so it is tested without a
screen."""

from __future__ import annotations

from textual.content import Content

from screens.literal import literal
from workshop.model import Agreement, SessionSummary, Status
from workshop.text import format_date
from workshop.trajectory import due_moment

STATUS_ORDER: tuple[Status, ...] = tuple(Status)
STATUS_STYLE = {
    Status.OPEN: "bold",
    Status.BEZIG: "bold $warning",
    Status.KLAAR: "bold $success",
    Status.VERVALLEN: "bold strike",
}


def moment_text(agreement: Agreement) -> str:
    """ "volgende maand (uiterlijk 17-04-2026)", "01-10-2026" or that there is none."""
    if agreement.due is None:
        return "geen moment afgesproken"
    moment = due_moment(agreement)
    if agreement.due.horizon is None or moment is None:
        return agreement.due.label
    return f"{agreement.due.label} (uiterlijk {format_date(moment)})"


def card_details(agreement: Agreement, overdue: bool, origin: SessionSummary | None) -> Content:
    """Owner, moment, status last time, note and where it was agreed: one labelled line each."""
    rows: list[tuple[str, Content]] = [
        ("Eigenaar", literal(agreement.owner)),
        (
            "Wanneer",
            Content.assemble(
                moment_text(agreement), ("  · te laat", "bold $error") if overdue else ""
            ),
        ),
        (
            "Vorige keer",
            Content(agreement.status_before.value if agreement.status_before else "onbekend"),
        ),
    ]
    if agreement.note:
        rows.append(("Notitie", literal(agreement.note)))
    if origin is not None:
        rows.append(
            (
                "Afgesproken in",
                Content.assemble(literal(origin.title), f", {format_date(origin.day)}"),
            )
        )
    return Content("\n").join(
        Content.assemble((label.ljust(16), "bold"), value) for label, value in rows
    )


def status_choices(agreement: Agreement) -> Content:
    """The four statuses by number, the chosen one marked, and whether it was discussed."""
    choices: list[Content | tuple[str, str] | str] = [("Status nu".ljust(16), "bold")]
    for number, status in enumerate(STATUS_ORDER, start=1):
        chosen = status is agreement.status
        text = f" {number} {status.value} "
        choices.append((f"[{text}]" if chosen else f" {text} ", "reverse bold" if chosen else ""))
        choices.append(" ")
    if agreement.reviewed:
        choices.append(("   ✓ besproken", "bold $success"))
    return Content.assemble(*choices)


def discussed_text(discussed: int, total: int, counts: list[str]) -> str:
    """ "2 van de 3 afspraken besproken: 1 open, 1 klaar." in plain Dutch, also for one."""
    if total == 1:
        text = "De afspraak is besproken" if discussed else "De afspraak is nog niet besproken"
    else:
        text = f"{discussed} van de {total} afspraken besproken"
    return text + (f": {', '.join(counts)}." if counts else ".")


def review_summary(agreements: list[Agreement]) -> Content:
    """The end of the review: how many were discussed, and each agreement's old and new status."""
    discussed = [a for a in agreements if a.reviewed]
    lines: list[Content] = [Content.styled("Klaar met de terugblik", "bold $primary")]
    counts = [
        f"{sum(1 for a in discussed if a.status is s)} {s.value}"
        for s in STATUS_ORDER
        if any(a.status is s for a in discussed)
    ]
    lines.append(Content(discussed_text(len(discussed), len(agreements), counts)))
    lines.append(Content(""))
    for agreement in agreements:
        now = agreement.status
        before = agreement.status_before or now
        mark = "✓" if agreement.reviewed else "·"
        lines.append(
            Content.assemble(
                (f"{mark} ", "bold $success" if agreement.reviewed else "dim"),
                # "open → klaar" when it changed; "blijft open" (not "open → open") when not
                (f"{before.value} → " if before is not now else "blijft ", "dim"),
                (now.value.ljust(10), STATUS_STYLE[now]),
                literal(agreement.what),
                ("  (", "dim"),
                literal(agreement.owner),
                (")", "dim"),
                ("  nog niet besproken", "italic") if not agreement.reviewed else "",
            )
        )
    return Content("\n").join(lines)
