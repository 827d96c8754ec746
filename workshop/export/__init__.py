"""Exports of a session: the plan as Markdown or HTML, the JSON interchange file, a calendar.

- ``workshop.export.markdown``: ``render_markdown``, the plan of approach and minutes;
- ``workshop.export.followup``: its sections on self-scans, the review, goals and the balance;
- ``workshop.export.html``: ``render_html``, the same document as a printable web page;
- ``workshop.export.files``: ``export_session``, writing any of them (or the session's dated
  agreements as ``.ics``) to a safe file name;
- ``workshop.export.todo``: agreements across sessions, per owner (``workshop afspraken --md``);
- ``workshop.export.escape``: how user text is kept from changing a document's structure.
"""
