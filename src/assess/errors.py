"""Typed errors of the library. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, with its place and how to fix it."""

    file: str
    message: str
    line: int | None = None
    where: str | None = None  # e.g. "control VOR-03" or "answers.VOR-03.status"
    fix: str | None = None

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [place]
        if self.where:
            parts.append(self.where)
        text = ": ".join([*parts, self.message])
        if self.fix:
            text += f" – {self.fix}"
        return text


class AssessError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 2


class InputError(AssessError):
    """One or more problems in an input file; all are reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFoundError(AssessError):
    """A file, bundled catalog or profile that does not exist."""


class OutputError(AssessError):
    """An output file could not be written."""

    exit_code = 3


class FetchError(AssessError):
    """A download or update was refused or failed (network, TLS, hash, size, version); nothing
    was stored."""
