"""Taking part from phones: a small web server for one open session.

It sits above the application layer (like the CLI) and never imports Textual. The API for the
app (the join panel, the moderation screen) and for ``workshop meedoen``:

- ``workshop.app.participation.Room(live)``: every change (a remark, a vote, accepting ...) as a
  future through the session's single writer, and events (``room.subscribe``).
- ``workshop.phone.server.PhoneServer(room, host=..., port=0)``: ``start()``, ``stop()``,
  ``links`` (one per role: ouderpanel, team, begeleider), ``phone_count``, ``qr_matrix(role)``.
- ``workshop.phone.network``: ``lan_address()`` (None: none found, show ``HOTSPOT_ADVICE``),
  ``wifi_payload(name, password)`` for a laptop's hotspot, ``qr_matrix(payload)`` for a QR code.

See docs/meedoen.md.
"""
