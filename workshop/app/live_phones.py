"""What phones do in an open session, and what the facilitator does with it (synchronous).

Each method checks, writes and only then changes the state in memory (``live_base``). Front ends
never call these directly from their own thread: ``workshop.app.participation`` hands them to the
session's single writer, so a phone's remark and a typed one are saved one after the other, in
the order they came in. Lists are replaced, never changed in place, so that another thread reading
them sees a whole state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from workshop.app.live_contributions import ContributionsMixin
from workshop.app.remark_batch import RemarkRequest
from workshop.errors import NotFoundError, ValidationError, WorkshopError
from workshop.limits import PHONE_DOTS, VOTE_BUDGET
from workshop.model import LANGUAGES, Contribution, Group, Note, Participation, Position, Source
from workshop.participation import Moderation, PhoneRemark, PhoneVote, ScanAnswer
from workshop.scan import SCALE, get_scan
from workshop.text import NAME_MAX, TEXT_MAX, optional_line, required_line

_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\u2028\u2029\v\f\u0085])\s*")
LINE_JOINER = " / "  # a remark typed on several lines is stored as one line, its lines kept apart


def remark_text(text: str) -> str:
    """A phone's text as one line: line breaks become ' / ', control characters go."""
    joined = LINE_JOINER.join(part for part in _BREAKS.split(text.strip()) if part.strip())
    return required_line(joined, TEXT_MAX, "tekst", "De tekst")


class PhonesMixin(ContributionsMixin):
    # -- remarks ------------------------------------------------------------------------------

    def add_remark(
        self, text: str, group: Group, *, language: str, phone: str, name: str = ""
    ) -> PhoneRemark:
        """A remark from a phone, at the current step. It waits for the facilitator, unless the
        session shows phones' remarks at once."""
        remark = self._new_remark(RemarkRequest(text, group, language, phone, name))
        return self._store_remarks([remark])[0]

    def add_remarks(self, requests: Sequence[RemarkRequest]) -> list[PhoneRemark | WorkshopError]:
        """Several phones' remarks in ONE write (group commit), in the order given. A request that
        is refused gets its own error in its place; the others are stored together. When the
        write fails, it raises and nothing is changed in memory."""
        made: list[PhoneRemark | WorkshopError] = []
        for request in requests:
            try:
                made.append(self._new_remark(request))
            except WorkshopError as error:
                made.append(error)
        stored = iter(self._store_remarks([r for r in made if isinstance(r, PhoneRemark)]))
        return [r if isinstance(r, WorkshopError) else next(stored) for r in made]

    def _new_remark(self, request: RemarkRequest) -> PhoneRemark:
        if request.language not in LANGUAGES:
            raise ValidationError("taal", "Deze taal ken ik niet.")
        position = self.session.position
        return PhoneRemark(
            text=remark_text(request.text),
            group=request.group,
            phase=position.phase,
            step=position.step,
            language=request.language,
            phone=request.phone,
            name=optional_line(request.name, NAME_MAX, "naam", "De naam"),
            created=self.clock.now(),
        )

    def _store_remarks(self, remarks: list[PhoneRemark]) -> list[PhoneRemark]:
        if not remarks:
            return []
        if self.session.participation.show_at_once:
            return self._accept(remarks)
        self.file.save_remarks(remarks)
        self.remarks = [*self.remarks, *remarks]
        return remarks

    def remark(self, remark_id: str) -> PhoneRemark:
        for remark in self.remarks:
            if remark.id == remark_id:
                return remark
        raise NotFoundError("Deze opmerking bestaat niet meer.")

    def waiting_remarks(self) -> list[PhoneRemark]:
        return [r for r in self.remarks if r.state is Moderation.WAITING]

    def remarks_of(self, phone: str) -> list[PhoneRemark]:
        return [r for r in self.remarks if r.phone == phone]

    def withdraw_remark(self, remark_id: str, phone: str) -> PhoneRemark:
        """The phone that sent a remark takes it back, as long as it is not shown."""
        remark = self.remark(remark_id)
        if remark.phone != phone:
            raise NotFoundError("Deze opmerking bestaat niet meer.")  # never say whose it is
        if remark.state is not Moderation.WAITING:
            raise ValidationError("opmerking", "Deze opmerking is al bekeken.")
        self.file.remove_remark(remark_id)
        self.remarks = [r for r in self.remarks if r.id != remark_id]
        return remark

    def accept_remark(self, remark_id: str) -> PhoneRemark:
        remark = self.remark(remark_id)
        if remark.state is Moderation.ACCEPTED:
            return remark
        return self._accept([remark])[0]

    def accept_all(self) -> list[PhoneRemark]:
        """Accept every waiting remark, in the order sent, in one write."""
        waiting = self.waiting_remarks()
        return self._accept(waiting) if waiting else []

    def hide_remark(self, remark_id: str) -> PhoneRemark:
        """Hide a waiting remark: it never reaches the columns. A remark already on the wall is
        refused (it is a contribution then: Delete removes it, with Ctrl+Z to undo)."""
        old = self.remark(remark_id)
        if old.state is Moderation.HIDDEN:
            return old
        if old.state is not Moderation.WAITING:
            raise ValidationError(
                "opmerking",
                "Deze opmerking staat al op het scherm. Haal hem daar weg met Delete.",
            )
        new = replace(old, state=Moderation.HIDDEN)
        self.file.save_remarks([new])
        self._put_remarks([new])
        return new

    def _accept(self, remarks: list[PhoneRemark]) -> list[PhoneRemark]:
        made = [
            Contribution(
                text=r.text,
                group=r.group,
                phase=r.phase,
                step=r.step,
                author=r.name,
                created=r.created,
                source=Source.PHONE,
                language=r.language,
            )
            for r in remarks
        ]
        accepted = [
            replace(r, state=Moderation.ACCEPTED, contribution=c.id)
            for r, c in zip(remarks, made, strict=True)
        ]
        self.file.save_remarks(accepted, made)
        self.contributions = sorted([*self.contributions, *made], key=lambda c: c.created)
        self._put_remarks(accepted)
        return accepted

    def _put_remarks(self, changed: list[PhoneRemark]) -> None:
        by_id = {r.id: r for r in changed}
        known = {r.id for r in self.remarks}
        self.remarks = [by_id.get(r.id, r) for r in self.remarks] + [
            r for r in changed if r.id not in known
        ]

    # -- switches and notes -------------------------------------------------------------------

    def set_show_at_once(self, on: bool) -> None:
        self._commit(
            lambda s: setattr(s, "participation", replace(s.participation, show_at_once=on))
        )

    def open_voting(self, budget: int | None = None) -> Participation:
        """Open dot voting on phones for the current step (closing any other)."""
        settings = self.session.participation
        budget = settings.vote_budget if budget is None else budget
        if budget not in VOTE_BUDGET:
            raise ValidationError("stemmen", f"Het aantal stemmen moet {VOTE_BUDGET.text} zijn.")
        position = Position(self.session.position.phase, self.session.position.step)
        new = replace(settings, vote_budget=budget, voting=position)
        self._commit(lambda s: setattr(s, "participation", new))
        return new

    def close_voting(self) -> list[Contribution]:
        """Close the vote; the step's contributions, most votes first."""
        voting = self.session.participation.voting
        self._commit(lambda s: setattr(s, "participation", replace(s.participation, voting=None)))
        if voting is None:
            return []
        return self.contributions_at(voting.phase, voting.step, by_votes=True)

    def open_scan(self, scan_id: str | None) -> None:
        """Let phones fill in a scan (None: none)."""
        if scan_id is not None:
            get_scan(scan_id)  # NotFoundError for an unknown scan
        self._commit(lambda s: setattr(s, "participation", replace(s.participation, scan=scan_id)))

    def add_note(self, text: str) -> Note:
        note = Note(
            text=required_line(text, TEXT_MAX, "notitie", "De notitie"),
            phase=self.session.position.phase,
            created=self.clock.now(),
        )
        self._commit(lambda s: setattr(s, "notes", [*s.notes, note]))
        return note

    # -- votes and scan answers ----------------------------------------------------------------

    def dots_of(self, phone: str) -> dict[str, int]:
        return {v.contribution: v.dots for v in self.phone_votes if v.phone == phone}

    def dots_left(self, phone: str, mine: dict[str, int] | None = None) -> int:
        """The dots ``phone`` may still give in the open vote: its budget minus those it gave on
        that step's contributions (0 when no vote is open). ``mine``: its ``dots_of``, when the
        caller has it already."""
        settings, voting = self.session.participation, self.session.participation.voting
        if voting is None:
            return 0
        step_ids = {c.id for c in self.contributions_at(voting.phase, voting.step)}
        given = self.dots_of(phone) if mine is None else mine
        used = sum(dots for cid, dots in given.items() if cid in step_ids)
        return settings.vote_budget - used

    def phone_vote(self, phone: str, contribution_id: str, delta: int) -> PhoneVote:
        """One dot more (+1) or less (-1) from a phone, within its budget and at most two on one."""
        voting = self.session.participation.voting
        target = self.contribution(contribution_id)
        if voting is None or (target.phase, target.step) != (voting.phase, voting.step):
            raise ValidationError("stemmen", "Er kan nu niet gestemd worden.")
        mine = self.dots_of(phone)
        dots = mine.get(contribution_id, 0) + delta
        if delta not in (1, -1) or dots not in PHONE_DOTS:
            raise ValidationError(
                "stemmen",
                f"Op één opmerking kun je hoogstens {PHONE_DOTS.highest} stemmen geven.",
            )
        if delta > 0 and self.dots_left(phone, mine) <= 0:
            raise ValidationError("stemmen", "Je stemmen zijn op.")
        vote = PhoneVote(phone=phone, contribution=contribution_id, dots=dots)
        counted = replace(target, votes=max(0, target.votes + delta))
        self.file.save_phone_vote(vote, counted)
        self.contributions = [counted if c.id == target.id else c for c in self.contributions]
        self.phone_votes = [v for v in self.phone_votes if v.id != vote.id] + [vote]
        return vote

    def save_scan_answers(
        self, phone: str, group: Group, scores: dict[str, int | None]
    ) -> list[ScanAnswer]:
        """A phone's answers to the open scan (None: "weet niet"), replacing its earlier ones."""
        scan_id = self.session.participation.scan
        if scan_id is None:
            raise ValidationError("scan", "Er is nu geen scan om in te vullen.")
        codes = {s.code for s in get_scan(scan_id).statements}
        if not set(scores) <= codes or any(
            v is not None and v not in SCALE for v in scores.values()
        ):
            raise ValidationError("scan", "Dit antwoord past niet bij de scan.")
        answers = [
            ScanAnswer(scan=scan_id, code=code, group=group, phone=phone, score=score)
            for code, score in scores.items()
        ]
        self.file.save_scan_answers(answers)
        ids = {a.id for a in answers}
        self.scan_answers = [a for a in self.scan_answers if a.id not in ids] + answers
        return answers
