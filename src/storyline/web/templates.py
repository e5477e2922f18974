"""One Jinja2 environment for every HTML storyline writes; autoescape is always on.

Article text, titles, outlets and URLs are untrusted: the templates never mark them safe,
and links pass :func:`safe_href` (http(s) only, plus file: for the static page).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, StrictUndefined


def safe_href(link: str | None, allow_files: bool = True) -> str | None:
    """The link if it is http(s) (or file: / a local path made a file: URI), else None.

    A served page sets ``allow_files=False``: a path on the server means nothing to a reader.
    """
    if not link:
        return None
    scheme = urlparse(link).scheme.lower()
    if scheme in ("http", "https"):
        return link
    if not allow_files:
        return None
    if scheme == "file":
        return link
    if scheme == "" or len(scheme) == 1:  # a path (a Windows drive letter looks like a scheme)
        try:
            return Path(link).resolve().as_uri()
        except ValueError:
            return None
    return None


@cache
def environment() -> Environment:
    """Built on first use (no work at import)."""
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every template, whatever its name: all output is HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["safe_href"] = safe_href
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def static_file(name: str) -> bytes:
    """A file the served page loads from storyline itself (its script)."""
    folder = Path(__file__).parent / "static"
    path = (folder / name).resolve()
    if path.parent != folder.resolve() or not path.is_file():
        raise FileNotFoundError(name)
    return path.read_bytes()
