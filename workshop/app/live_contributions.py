"""Capturing what is said: add, edit, move, vote, delete and undo a contribution."""

from __future__ import annotations

from dataclasses import replace

from workshop.app.live_base import LiveBase
from workshop.errors import NotFoundError, ValidationError
from workshop.limits import VOTES
from workshop.model import Aim, Contribution, Group, Kind, PartnershipForm
from workshop.text import NAME_MAX, TEXT_MAX, optional_line, required_line


class ContributionsMixin(LiveBase):
    def add_contribution(
        self,
        text: str,
        group: Group,
        *,
        kind: Kind = Kind.OBSERVATIE,
        form: PartnershipForm | None = None,
        author: str = "",
        aim: Aim | None = None,
    ) -> Contribution:
        contribution = Contribution(
            text=required_line(text, TEXT_MAX, "tekst", "De tekst"),
            group=group,
            phase=self.session.position.phase,
            step=self.session.position.step,
            created=self.clock.now(),
            kind=kind,
            form=form,
            aim=aim,
            author=optional_line(author, NAME_MAX, "auteur", "De naam"),
        )
        self.file.save_contribution(contribution)
        self.contributions.append(contribution)
        return contribution

    def contribution(self, contribution_id: str) -> Contribution:
        for contribution in self.contributions:
            if contribution.id == contribution_id:
                return contribution
        raise NotFoundError("Deze inbreng bestaat niet meer.")

    def contributions_at(
        self, phase: int, step: int, group: Group | None = None, *, by_votes: bool = False
    ) -> list[Contribution]:
        found = [
            c
            for c in self.contributions
            if c.phase == phase and c.step == step and (group is None or c.group == group)
        ]
        if by_votes:
            found.sort(key=lambda c: -c.votes)  # stable: equal votes keep their order
        return found

    def edit_contribution(
        self,
        contribution_id: str,
        *,
        text: str | None = None,
        group: Group | None = None,
        kind: Kind | None = None,
        form: PartnershipForm | bool | None = False,  # False: leave as it is
        author: str | None = None,
        aim: Aim | bool | None = False,
    ) -> Contribution:
        old = self.contribution(contribution_id)
        new = replace(
            old,
            text=old.text if text is None else required_line(text, TEXT_MAX, "tekst", "De tekst"),
            group=group or old.group,
            kind=kind or old.kind,
            form=old.form if form is False else form,  # type: ignore[arg-type]
            aim=old.aim if aim is False else aim,  # type: ignore[arg-type]
            author=old.author
            if author is None
            else optional_line(author, NAME_MAX, "auteur", "De naam"),
            edited=self.clock.now(),
        )
        return self._replace_contribution(old, new)

    def move_contribution(self, contribution_id: str, phase: int, step: int) -> Contribution:
        if not (0 <= phase < len(self.template.phases)) or not (
            0 <= step < len(self.template.phases[phase].steps)
        ):
            raise ValidationError("stap", "Die fase of stap bestaat niet.")
        old = self.contribution(contribution_id)
        return self._replace_contribution(
            old, replace(old, phase=phase, step=step, edited=self.clock.now())
        )

    def vote(self, contribution_id: str, delta: int) -> Contribution:
        """Dot voting: add or remove votes; never below zero (nor above the limit)."""
        old = self.contribution(contribution_id)
        votes = int(VOTES.clamp(old.votes + delta))
        return self._replace_contribution(old, replace(old, votes=votes))

    def delete_contribution(self, contribution_id: str) -> Contribution:
        """Remove a contribution; ``undo_delete`` (or ``restore_contribution``) puts it back."""
        old = self.contribution(contribution_id)
        self.file.remove_contribution(contribution_id)
        self.contributions.remove(old)
        self.deleted.append(old)
        return old

    def undo_delete(self) -> Contribution | None:
        """Put back the contribution deleted last; None when nothing was deleted.

        When saving fails, it stays to be undone later.
        """
        if not self.deleted:
            return None
        contribution = self.deleted[-1]
        self.restore_contribution(contribution)
        return contribution

    def restore_contribution(self, contribution: Contribution) -> None:
        self.file.save_contribution(contribution)
        # A new list, not sorted in place: the UI thread may be reading the old one meanwhile.
        self.contributions = sorted([*self.contributions, contribution], key=lambda c: c.created)
        self.deleted[:] = [c for c in self.deleted if c.id != contribution.id]

    def _replace_contribution(self, old: Contribution, new: Contribution) -> Contribution:
        self.file.save_contribution(new)
        self.contributions[self.contributions.index(old)] = new
        return new
