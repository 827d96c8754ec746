"""Group commit for phones' remarks: many remarks, one journal record.

Each remark costs one journal append and fsync; with 40 phones sending at once they queue behind
each other in the session's single writer. Here, remarks that come in while a write is queued or
running are collected into ONE writer job, which stores them all as one record (atomic: a torn
record is dropped whole). Nothing about durability changes: each remark's future is done only
after that record is on disk, and when the write fails every future of the batch fails with the
same Dutch error and nothing is changed in memory.

Order is kept: a remark joins the queued batch only while that batch is still the last job handed
to the writer (``SessionWriter.join_last``) and has not started; otherwise it starts a new batch
behind whatever was handed in before it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workshop.model import Group

if TYPE_CHECKING:
    from workshop.app.writer import SessionWriter
    from workshop.errors import WorkshopError
    from workshop.participation import PhoneRemark


@dataclass(frozen=True)
class RemarkRequest:
    """What a phone sent, before it is checked."""

    text: str
    group: Group
    language: str
    phone: str
    name: str = ""


Store = Callable[[Sequence[RemarkRequest]], "list[PhoneRemark | WorkshopError]"]
Delivered = Callable[["list[PhoneRemark]"], None]


@dataclass
class _Batch:
    items: list[tuple[RemarkRequest, Future[PhoneRemark]]] = field(default_factory=list)
    job: Future[Any] | None = None


class RemarkBatcher:
    """Hands phones' remarks to ``writer`` in batches; ``store`` writes one batch in one record
    (``LiveSession.add_remarks``); ``delivered`` gets the stored remarks, in order, on the writer's
    thread, after their futures are done and before the next change starts."""

    def __init__(self, writer: SessionWriter, store: Store, delivered: Delivered) -> None:
        self._writer = writer
        self._store = store
        self._delivered = delivered
        self._lock = threading.Lock()
        self._open: _Batch | None = None  # queued, not started: new remarks may join it

    def send(self, request: RemarkRequest) -> Future[PhoneRemark]:
        future: Future[PhoneRemark] = Future()
        item = (request, future)
        with self._lock:
            # A batch in ``_open`` has its job and has not started: both change under this lock.
            batch = self._open
            joinable = batch is not None and batch.job is not None
            if joinable and self._writer.join_last(batch.job, lambda: batch.items.append(item)):
                return future
            batch = _Batch(items=[item])
            # The job cannot start taking items before ``batch.job`` is set: it needs our lock.
            batch.job = self._writer.submit(
                lambda: self._run(batch), on_done=lambda done: self._finish(batch, done)
            )
            self._open = batch
        return future

    def _run(self, batch: _Batch) -> list[PhoneRemark | WorkshopError]:
        with self._lock:
            if self._open is batch:
                self._open = None
        # A remark whose sender cancelled it before the write is left out.
        batch.items = [i for i in batch.items if i[1].set_running_or_notify_cancel()]
        return self._store([request for request, _ in batch.items])

    def _finish(self, batch: _Batch, done: Future[Any]) -> None:
        error = done.exception()
        if error is not None:  # the write failed (or could not start): the whole batch fails
            for _, future in batch.items:
                if not future.done():
                    future.set_exception(error)
            return
        stored: list[PhoneRemark] = []
        for (_, future), outcome in zip(batch.items, done.result(), strict=True):
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
                stored.append(outcome)
        if stored:
            self._delivered(stored)
