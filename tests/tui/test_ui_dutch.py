"""Plain Dutch in the screens (issue 11, item 20): no "open → open", no "telefoon(s)", one and
more than one said properly."""

from __future__ import annotations

from datetime import datetime

from screens.review_texts import review_summary
from workshop.model import Agreement, Status

MOMENT = datetime.fromisoformat("2026-03-10T10:00:00+01:00")


def agreement(what: str, before: Status | None, now: Status, reviewed: bool = True) -> Agreement:
    return Agreement(
        what, "Sevda", created=MOMENT, status=now, status_before=before, reviewed=reviewed
    )


def test_an_unchanged_status_is_not_shown_as_open_to_open() -> None:
    text = review_summary(
        [
            agreement("Ouders bellen", Status.OPEN, Status.OPEN),
            agreement("Folder vertalen", Status.OPEN, Status.KLAAR),
        ]
    ).plain
    assert "open → open" not in text
    assert "blijft open" in text and "open → klaar" in text
    assert "2 van de 2 afspraken besproken: 1 open, 1 klaar." in text


def test_one_agreement_is_said_in_the_singular() -> None:
    done = review_summary([agreement("Ouders bellen", Status.OPEN, Status.BEZIG)]).plain
    assert "De afspraak is besproken: 1 bezig." in done
    assert "afspraken" not in done
    waiting = review_summary([agreement("Ouders bellen", None, Status.OPEN, reviewed=False)]).plain
    assert "De afspraak is nog niet besproken." in waiting
    assert "?" not in waiting
