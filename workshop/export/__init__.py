"""Exports of a session: the plan as Markdown or HTML, and the JSON interchange file.

- ``workshop.export.markdown``: ``render_markdown``, the plan of approach and minutes;
- ``workshop.export.html``: ``render_html``, the same document as a printable web page;
- ``workshop.export.files``: ``export_session``, writing any of them to a safe file name;
- ``workshop.export.escape``: how user text is kept from changing a document's structure.
"""
