"""Short prefixes typed before a remark, so the facilitator never leaves the input line.

    #knelpunt / #kn   kind        (#kans #ka, #wens #w, #idee #i, #observatie #obs)
    +did / +ped ...   partnership form (+did +ped +inf +for +maa)
    =ped / =toe ...   aim of partnership (=ped =toe =org =dem)
    @Naam             author: a participant whose name starts with it, else the word as typed
    ouder: / team:    whose voice it is

Only prefixes at the start of the line count, so a '#' or '@' later in a remark stays text.
Unknown prefixes are left in the text: nothing typed is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from workshop.model import Aim, Group, Kind, Participant, PartnershipForm

KIND_PREFIXES: dict[str, Kind] = {
    "kn": Kind.KNELPUNT,
    "knelpunt": Kind.KNELPUNT,
    "ka": Kind.KANS,
    "kans": Kind.KANS,
    "w": Kind.WENS,
    "wens": Kind.WENS,
    "i": Kind.IDEE,
    "idee": Kind.IDEE,
    "obs": Kind.OBSERVATIE,
    "observatie": Kind.OBSERVATIE,
}
GROUP_PREFIXES: dict[str, Group] = {
    "team:": Group.TEAM,
    "t:": Group.TEAM,
    "ouder:": Group.OUDERPANEL,
    "ouders:": Group.OUDERPANEL,
    "o:": Group.OUDERPANEL,
}


@dataclass(frozen=True)
class Capture:
    """What a typed line says: the remark and whatever its prefixes set (None: not set)."""

    text: str
    group: Group | None = None
    kind: Kind | None = None
    form: PartnershipForm | None = None
    author: str | None = None
    aim: Aim | None = None


Option = TypeVar("Option", PartnershipForm, Aim)


def _unique_start(word: str, options: type[Option]) -> Option | None:
    """The one option whose value starts with ``word`` (three letters at least), else None."""
    matches = [o for o in options if len(word) >= 3 and o.value.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def _form(word: str) -> PartnershipForm | None:
    return _unique_start(word, PartnershipForm)


def _aim(word: str) -> Aim | None:
    return _unique_start(word, Aim)


def _author(word: str, participants: list[Participant]) -> str:
    named = [p.name for p in participants if p.name]
    matches = [n for n in named if n.casefold().startswith(word.casefold())]
    return matches[0] if len(matches) == 1 else word


def parse_capture(line: str, participants: list[Participant] = ()) -> Capture:  # type: ignore[assignment]
    words = line.strip().split(" ")
    group = kind = form = author = aim = None
    used = 0
    for word in words:
        lowered = word.casefold()
        if lowered in GROUP_PREFIXES and group is None:
            group = GROUP_PREFIXES[lowered]
        elif lowered.startswith("#") and lowered[1:] in KIND_PREFIXES and kind is None:
            kind = KIND_PREFIXES[lowered[1:]]
        elif lowered.startswith("+") and _form(lowered[1:]) and form is None:
            form = _form(lowered[1:])
        elif lowered.startswith("=") and _aim(lowered[1:]) and aim is None:
            aim = _aim(lowered[1:])
        elif lowered.startswith("@") and len(word) > 1 and author is None:
            author = _author(word[1:], list(participants))
        else:
            break
        used += 1
    return Capture(
        text=" ".join(words[used:]).strip(),
        group=group,
        kind=kind,
        form=form,
        author=author,
        aim=aim,
    )
