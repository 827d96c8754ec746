"""Goals, self-scans and the balance of an open session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from workshop.app.live_base import LiveBase
from workshop.balance import Balance
from workshop.balance import balance as count_balance
from workshop.errors import NotFoundError, ValidationError
from workshop.goals import Goal, Judgement, evaluate, make_goal
from workshop.model import Agreement, Group
from workshop.scan import ScanScore, get_scan


class GoalsMixin(LiveBase):
    def add_goal(
        self,
        description: str,
        criterion: str,
        target_percent: int | str | None = None,
        by: date | str | None = None,
    ) -> Goal:
        goal = make_goal(description, criterion, target_percent, by)
        self.file.save_goal(goal)
        self.goals.append(goal)
        return goal

    def goal(self, goal_id: str) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise NotFoundError("Dit doel bestaat niet meer.")

    def update_goal(
        self,
        goal_id: str,
        *,
        description: str | None = None,
        criterion: str | None = None,
        target_percent: int | str | bool | None = False,  # False: leave as it is
        by: date | str | bool | None = False,
    ) -> Goal:
        old = self.goal(goal_id)
        checked = make_goal(
            old.description if description is None else description,
            old.criterion if criterion is None else criterion,
            old.target_percent if target_percent is False else target_percent,  # type: ignore[arg-type]
            old.by if by is False else by,  # type: ignore[arg-type]
        )
        new = replace(
            old,
            description=checked.description,
            criterion=checked.criterion,
            target_percent=checked.target_percent,
            by=checked.by,
        )
        return self._replace_goal(old, new)

    def evaluate_goal(self, goal_id: str, result: str, judgement: Judgement | str) -> Goal:
        old = self.goal(goal_id)
        return self._replace_goal(old, evaluate(old, result, judgement))

    def delete_goal(self, goal_id: str) -> Goal:
        """Remove a goal; the agreements linked to it stay, without the link."""
        old = self.goal(goal_id)
        unlinked = [replace(a, goal=None) for a in self.agreements if a.goal == goal_id]
        self.file.remove_goal(goal_id, unlinked)
        by_id = {a.id: a for a in unlinked}
        self.agreements[:] = [by_id.get(a.id, a) for a in self.agreements]
        self.goals.remove(old)
        return old

    def agreements_for_goal(self, goal_id: str) -> list[Agreement]:
        return [a for a in self.agreements if a.goal == goal_id]

    def _replace_goal(self, old: Goal, new: Goal) -> Goal:
        self.file.save_goal(new)
        self.goals[self.goals.index(old)] = new
        return new

    # -- self-scans and balance -----------------------------------------------------------------

    def set_scan_score(self, scan_id: str, code: str, group: Group, score: int | None) -> ScanScore:
        """A group's score for one statement (None: "weet niet"); replaces its earlier score."""
        scan = get_scan(scan_id)
        scan.statement(code)
        try:
            new = ScanScore(scan.id, code, Group(group), score)
        except ValueError:
            raise ValidationError(
                "score", "Kies een score van 1 tot en met 4, of 'weet niet'."
            ) from None
        self.file.save_scan_score(new)
        same = [
            i
            for i, s in enumerate(self.all_scan_scores)
            if (s.scan, s.code, s.group) == (new.scan, new.code, new.group)
        ]
        if same:
            self.all_scan_scores[same[0]] = new
        else:
            self.all_scan_scores.append(new)
        return new

    def scan_scores(self, scan_id: str) -> list[ScanScore]:
        return [s for s in self.all_scan_scores if s.scan == scan_id]

    def balance(self) -> Balance:
        """Contributions and agreements per partnership form and per aim."""
        return count_balance(self.contributions, self.agreements)
