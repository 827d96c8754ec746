"""Agreements of an open session: make, change and delete them; review those brought along."""

from __future__ import annotations

from dataclasses import replace

from workshop.app.live_base import LiveBase
from workshop.errors import NotFoundError, ValidationError
from workshop.limits import check_day
from workshop.model import Agreement, Due, PartnershipForm, Status
from workshop.text import NAME_MAX, SHORT_MAX, TEXT_MAX, optional_line, required_line
from workshop.trajectory import is_overdue


def _due(due: Due | None) -> Due | None:
    """A due moment, its date (if any) in the years the app knows (workshop.limits)."""
    check_day(due.on if due else None, "wanneer", "De datum")
    return due


def _owner(owner: str) -> str:
    value = optional_line(owner, NAME_MAX, "eigenaar", "De naam van de eigenaar")
    if not value:
        raise ValidationError(
            "eigenaar",
            "Een afspraak heeft een eigenaar nodig: wie zorgt ervoor dat het gebeurt?",
        )
    return value


class AgreementsMixin(LiveBase):
    def add_agreement(
        self,
        what: str,
        owner: str,
        *,
        with_whom: str = "",
        due: Due | None = None,
        instrument: str = "",
        form: PartnershipForm | None = None,
        source: str | None = None,
        goal: str | None = None,
    ) -> Agreement:
        agreement = Agreement(
            what=required_line(what, TEXT_MAX, "afspraak", "Wat er afgesproken is"),
            owner=_owner(owner),
            with_whom=optional_line(with_whom, SHORT_MAX, "met_wie", "Met wie"),
            due=_due(due),
            instrument=optional_line(instrument, SHORT_MAX, "instrument", "Het instrument"),
            form=form,
            source=source,
            phase=self.session.position.phase,
            created=self.clock.now(),
            goal=self._goal_link(goal),
            made_on=self.session.day,
        )
        self.file.save_agreement(agreement)
        self.agreements.append(agreement)
        return agreement

    def agreement(self, agreement_id: str) -> Agreement:
        for agreement in self.agreements:
            if agreement.id == agreement_id:
                return agreement
        raise NotFoundError("Deze afspraak bestaat niet meer.")

    def update_agreement(
        self,
        agreement_id: str,
        *,
        what: str | None = None,
        owner: str | None = None,
        with_whom: str | None = None,
        due: Due | bool | None = False,  # False: leave as it is
        instrument: str | None = None,
        form: PartnershipForm | bool | None = False,
        status: Status | None = None,
        goal: str | bool | None = False,  # an id, None to unlink, False: leave as it is
    ) -> Agreement:
        old = self.agreement(agreement_id)
        new = replace(
            old,
            what=old.what
            if what is None
            else required_line(what, TEXT_MAX, "afspraak", "Wat er afgesproken is"),
            owner=old.owner if owner is None else _owner(owner),
            with_whom=old.with_whom
            if with_whom is None
            else optional_line(with_whom, SHORT_MAX, "met_wie", "Met wie"),
            due=old.due if due is False else _due(due),  # type: ignore[arg-type]
            instrument=old.instrument
            if instrument is None
            else optional_line(instrument, SHORT_MAX, "instrument", "Het instrument"),
            form=old.form if form is False else form,  # type: ignore[arg-type]
            status=status or old.status,
            goal=old.goal if goal is False else self._goal_link(goal),  # type: ignore[arg-type]
        )
        return self._replace_agreement(old, new)

    def _replace_agreement(self, old: Agreement, new: Agreement) -> Agreement:
        self.file.save_agreement(new)
        self.agreements[self.agreements.index(old)] = new
        return new

    def delete_agreement(self, agreement_id: str) -> Agreement:
        old = self.agreement(agreement_id)
        self.file.remove_agreement(agreement_id)
        self.agreements.remove(old)
        return old

    # -- looking back at earlier agreements -----------------------------------------------------

    def carried_agreements(self) -> list[Agreement]:
        """The agreements brought along from earlier sessions, to review."""
        return [a for a in self.agreements if a.is_carried]

    def review_agreement(
        self,
        agreement_id: str,
        *,
        status: Status | None = None,
        note: str | None = None,
        owner: str | None = None,
        due: Due | bool | None = False,  # False: leave as it is
    ) -> Agreement:
        """Record what the group says about an agreement: status, note, owner, due moment."""
        old = self.agreement(agreement_id)
        new = replace(
            old,
            status=status or old.status,
            note=old.note
            if note is None
            else optional_line(note, SHORT_MAX, "notitie", "De notitie"),
            owner=old.owner if owner is None else _owner(owner),
            due=old.due if due is False else _due(due),  # type: ignore[arg-type]
            reviewed=True,
        )
        return self._replace_agreement(old, new)

    def overdue(self, agreement: Agreement) -> bool:
        """Whether the agreement was due before the day of this session and is not done."""
        return is_overdue(agreement, self.session.day)
