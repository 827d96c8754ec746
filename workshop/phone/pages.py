"""The phone pages as HTML: built here, every value escaped, no external resource.

Each page carries its own small style and (for live updates) one small script, both allowed by
the Content-Security-Policy through a nonce made per response (``workshop.phone.routes``). Sending
works without the script: every action is a plain form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from workshop.model import Contribution
from workshop.participation import Moderation, PhoneRemark
from workshop.phone.i18n import NAMES, RTL
from workshop.text import NAME_MAX, TEXT_MAX

Translate = Callable[[str], str]
TranslatePlural = Callable[[str, str, int], str]  # gettext's ngettext(singular, plural, n)

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;
background:#fff;color:#111;font-size:1.1rem;line-height:1.4}
textarea,input,button{font-size:1.1rem;width:100%;box-sizing:border-box;margin:.3rem 0}
button{padding:.6rem;background:#0b5;color:#fff;border:0;border-radius:.3rem}
button.stil{background:#666;width:auto}
.ok{background:#dfd;padding:.6rem;border-radius:.3rem}
.fout{background:#fdd;padding:.6rem;border-radius:.3rem}
nav a{margin-inline-end:.6rem}
li{margin:.4rem 0}
"""

_LIVE = """
(function(){var m=document.body.dataset.mark,c=document.body.dataset.csrf;
setInterval(function(){var t=document.querySelector('textarea');
if(t&&(t.value||document.activeElement===t))return;
fetch('/live',{method:'POST',referrerPolicy:'same-origin',credentials:'same-origin',
headers:{'X-CSRF':c}}).then(function(r){return r.json()}).then(function(d){
if(d.mark!==m)location.reload()}).catch(function(){})},4000)})();
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def page(
    t: Translate,
    language: str,
    nonce: str,
    body: str,
    *,
    mark: str = "",
    csrf: str = "",
    switch: bool = True,
) -> str:
    direction = "rtl" if language in RTL else "ltr"
    languages = " ".join(
        f'<a href="/taal/{code}" lang="{code}">{e(name)}</a>' for code, name in NAMES.items()
    )
    script = f'<script nonce="{e(nonce)}">{_LIVE}</script>' if mark else ""
    return (
        f'<!DOCTYPE html><html lang="{e(language)}" dir="{direction}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(t('Meedoen'))}</title>"
        f'<style nonce="{e(nonce)}">{_STYLE}</style></head>'
        f'<body data-mark="{e(mark)}" data-csrf="{e(csrf)}">'
        + (f"<nav>{languages}</nav>" if switch else "")
        + body
        + script
        + "</body></html>"
    )


def message_page(t: Translate, language: str, nonce: str, text: str) -> str:
    """A short page with one sentence: refusals (403, 413, 429) and errors."""
    return page(t, language, nonce, f"<p>{e(t(text))}</p>", switch=False)


def hidden(csrf: str, **fields: str) -> str:
    pairs = {"csrf": csrf, **fields}
    return "".join(f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in pairs.items())


def step_block(t: Translate, phase: str, step: str, questions: Iterable[str]) -> str:
    # dir="auto": a question that falls back to Dutch reads left to right on an Arabic page
    items = "".join(f'<li dir="auto">{e(q)}</li>' for q in questions)
    return (
        f'<h1 dir="auto">{e(step)}</h1><p>{e(t("Fase"))}: <bdi>{e(phase)}</bdi></p><ul>{items}</ul>'
    )


def remark_form(t: Translate, csrf: str, anonymous_default: bool) -> str:
    hint = t("Laat leeg als je anoniem wilt blijven.") if anonymous_default else ""
    return (
        '<form method="post" action="/stuur">'
        + hidden(csrf)
        + f'<label>{e(t("Jouw opmerking"))}<textarea name="tekst" rows="4" '
        f'maxlength="{TEXT_MAX}" required></textarea></label>'
        f'<label>{e(t("Je naam (mag leeg)"))}<input name="naam" maxlength="{NAME_MAX}" '
        f'autocomplete="off"></label><small>{e(hint)}</small>'
        f'<button type="submit">{e(t("Versturen"))}</button></form>'
    )


STATE_WORDS = {
    Moderation.WAITING: "Ontvangen",
    Moderation.ACCEPTED: "Op het scherm",
    Moderation.HIDDEN: "Niet getoond",
}


def own_remarks(t: Translate, csrf: str, remarks: list[PhoneRemark]) -> str:
    if not remarks:
        return ""
    items = []
    for remark in reversed(remarks):
        action = ""
        if remark.state is Moderation.WAITING:
            action = (
                '<form method="post" action="/intrekken">'
                + hidden(csrf, id=remark.id)
                + f'<button class="stil" type="submit">{e(t("Intrekken"))}</button></form>'
            )
        items.append(
            f"<li><bdi>{e(remark.text)}</bdi> — {e(t(STATE_WORDS[remark.state]))}{action}</li>"
        )
    return f"<h2>{e(t('Wat je stuurde'))}</h2><ul>{''.join(items)}</ul>"


def vote_list(
    t: Translate,
    plural: TranslatePlural,
    csrf: str,
    choices: list[Contribution],
    mine: dict[str, int],
    left: int,
) -> str:
    rows = []
    for c in choices:
        dots = mine.get(c.id, 0)
        buttons = "".join(
            '<form method="post" action="/stem">'
            + hidden(csrf, id=c.id, delta=delta)
            + f'<button class="stil" type="submit">{sign}</button></form>'
            for delta, sign in (("1", "+"), ("-1", "−"))
        )
        rows.append(f"<li><bdi>{e(c.text)}</bdi> {'●' * dots}{buttons}</li>")
    return (
        f"<h2>{e(t('Stemmen'))}</h2>"
        f"<p>{e(plural('Nog {n} stem', 'Nog {n} stemmen', left).format(n=left))}</p>"
        f"<ul>{''.join(rows)}</ul>"
    )


def flash(t: Translate, text: str, *, good: bool = True) -> str:
    return f'<p class="{"ok" if good else "fout"}" role="status">{e(t(text))}</p>'
