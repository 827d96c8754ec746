"""The application layer: every operation of the command line and the app goes through here.

- ``workshop.app.workspace.Workspace``: what spans sessions (list, open, create, import, export,
  delete, forget, doctor, unlock, agreements across sessions, templates).
- ``workshop.app.live.LiveSession``: the operations on one open session (capture, edit, move,
  delete and undo, votes, agreements, review, goals, scans, the timer).
- ``workshop.app.participation.Room``: phones taking part in an open session (remarks and their
  moderation, votes, scans, private notes), every change through the session's single writer.

Front ends (``workshop.cli``, the screens in ``screens``) parse input, call one operation and show
its result; they never touch the store themselves. This package never imports Textual, and imports
nothing here so that holding a workspace stays cheap: import the module you need.
"""
