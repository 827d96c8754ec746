"""Why the operating system refused a file operation, in plain Dutch.

Python's ``OSError.strerror`` is English ("Permission denied"); a message to the user names the
reason in Dutch instead. Reasons we do not know by name keep their error number, so they can still
be looked up. Where this program refuses a file itself, it raises ``OwnOSError`` with the reason
already in Dutch, and that reason is kept.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOENT: "het bestaat niet",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de ruimte die je mag gebruiken is op",
    errno.EROFS: "de schijf is alleen te lezen",
    errno.EISDIR: "het is een map, geen bestand",
    errno.ENOTDIR: "het is geen map",
    errno.EEXIST: "het bestaat al",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EBUSY: "het is in gebruik",
    errno.EIO: "de schijf gaf een leesfout of schrijffout",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EMFILE: "er zijn te veel bestanden tegelijk open",
    # Files are opened without following links (O_NOFOLLOW): then this error means a link.
    errno.ELOOP: "het is een koppeling (link), geen gewoon bestand",
    errno.EXDEV: "het staat op een andere schijf",
}


class OwnOSError(OSError):
    """An OSError this program raises itself, with its reason (``strerror``) in plain Dutch."""


def os_reason(error: BaseException) -> str:
    """The reason of an OSError in Dutch; for any other error, its own text."""
    if not isinstance(error, OSError):
        return str(error)
    if isinstance(error, OwnOSError) and error.strerror:
        return error.strerror
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if error.errno:
        return f"fout {error.errno} van het systeem"
    return "een fout van het systeem"
