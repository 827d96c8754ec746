"""Template texts shared by the template, template-library, CLI and new-session tests."""

from __future__ import annotations

from pathlib import Path

# A small valid template. The malformed cases in test_templates.py change one piece of it; the
# expected line numbers refer to the lines as numbered here (1-based).
VALID = """\
name = "Proef"
description = "Een klein sjabloon om mee te testen."

[[phases]]
number = 1
name = "Behoefte en kansen vaststellen"
minutes = 20
opbrengst = "We weten wat ouders willen."

[phases.hints]
vuistregels = ["Luister eerst."]
valkuilen = ["Te snel oplossen."]

[[phases.steps]]
title = "Ouders en hun kind"
questions = ["Wat doen ouders thuis?", "Hoe gaat het brengen?"]

[[phases.steps]]
title = "Ouders en de groep"
questions = [
    "Wie komt er in de groep?",
    "Waarom blijven ouders weg?",
]

[[phases]]
number = 3
name = "Plan opstellen"
minutes = 30
opbrengst = "Een plan met afspraken."

[[phases.steps]]
title = "Doelen kiezen"
questions = ["Wat willen we bereiken?"]
kind = "gesprek"
"""


def changed(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


BROKEN = changed("minutes = 20", "minutes = -5")  # line 7, phases[1].minutes


def own_templates(data: Path, files: dict[str, str]) -> Path:
    folder = data / "sjablonen"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
