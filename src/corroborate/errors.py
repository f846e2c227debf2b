"""One exception tree for the whole project.

Every message is coded and fits on one line, e.g.
``[I003] report.pdf: truncated or damaged PDF (no xref table)``::

    CorroborateError
     +-- ConfigError        [C...] bad settings or options
     +-- InputError         [I...] a file or item that cannot be read as a report
     +-- StoreError         [S...] the store cannot be opened, migrated or written
     +-- IntegrityError     [V...] verify found evidence altered, missing or reordered
     +-- ExtractionError    [E...] extraction could not run on a report
     +-- ReviewConflict     [R...] an analyst action conflicts with the current state
     +-- NotFound           [N...] no record with the id asked for
     +-- SealingError       [K...] the witness key is missing, wrong or unusable
     +-- AccessDenied       [A...] not signed in, or not allowed to do this in this case

The CLI prints ``str(error)`` on one stderr line and exits 1.
"""

from __future__ import annotations


class CorroborateError(Exception):
    """Root of every error the project raises on purpose."""

    prefix = "X"

    def __init__(self, code: int, message: str, *, subject: str | None = None) -> None:
        self.code = f"{self.prefix}{code:03d}"
        self.subject = subject
        self.message = message
        where = f"{subject}: " if subject else ""
        super().__init__(f"[{self.code}] {where}{message}")

    def __reduce__(self) -> tuple[object, ...]:
        # errors cross process boundaries (ingest workers), so they must pickle
        return (_rebuild, (type(self), int(self.code[1:]), self.message, self.subject))


def _rebuild(
    cls: type[CorroborateError], code: int, message: str, subject: str | None
) -> CorroborateError:
    return cls(code, message, subject=subject)


class ConfigError(CorroborateError):
    prefix = "C"


class InputError(CorroborateError):
    """A file or feed item that cannot become a report; the batch goes on."""

    prefix = "I"


class StoreError(CorroborateError):
    prefix = "S"


class IntegrityError(CorroborateError):
    prefix = "V"


class ExtractionError(CorroborateError):
    prefix = "E"


class ReviewConflict(CorroborateError):
    prefix = "R"


class NotFound(CorroborateError):
    prefix = "N"


class SealingError(CorroborateError):
    """Witness identities are sealed with a key kept outside the store; it is missing,
    does not match the store, or cannot be used."""

    prefix = "K"


class AccessDenied(CorroborateError):
    """The service refuses a request: no valid credentials, too many failed logins, no
    role in the case, or a grant the request needs."""

    prefix = "A"
