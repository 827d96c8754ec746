"""Exports of a session: the plan as Markdown or HTML, the JSON interchange file, a calendar.

- ``workshop.export.markdown``: ``render_markdown``, the plan of approach and minutes;
- ``workshop.export.agreements``: its agreements table and the to-do list per owner;
- ``workshop.export.followup``: its sections on self-scans, the review, goals and the balance;
- ``workshop.export.html``: ``render_html``, the same document as a printable web page;
- ``workshop.export.pdf``: ``render_pdf``, the same document as an A4 PDF (Typst);
- ``workshop.export.files``: ``export_session``, writing any of them (or the session's
  agreements as ``.ics``) to a safe file name (``-zonder-namen`` when names were left out);
- ``workshop.export.todo``: agreements across sessions, per owner (``workshop afspraken --md``);
- ``workshop.export.escape``: how user text is kept from changing a document's structure.
"""
