"""The build's errors: what a curator reads when a build fails or is interrupted."""

from __future__ import annotations


class BuildError(RuntimeError):
    """The build stopped; the message says why, and the previous warehouse is intact."""


class BuildInterrupted(BuildError):
    """A signal (Ctrl-C, SIGTERM, SIGHUP) stopped the build; dbt was stopped with it."""

    def __init__(self, message: str, signum: int):
        super().__init__(message)
        self.signum = signum
