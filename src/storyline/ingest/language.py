"""Language identification with py3langid, loaded on first use.

The model takes about a second to load, so it is built lazily and shared; importing this
module loads nothing.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Below this many letters py3langid's answer is noise ("Afvis" comes out as Serbian).
MIN_LETTERS = 10
# A best guess this unsure is reported as "don't know" rather than as a language.
MIN_CONFIDENCE = 0.4


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    logger.debug("loading the py3langid model from %s", MODEL_FILE)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> int:
    # A Hangul syllable or a Han character carries about as much as three Latin letters.
    return sum(3 if ch >= "\u2e80" else 1 for ch in text if ch.isalpha())


def rank_languages(text: str) -> list[tuple[str, float]]:
    """Every language py3langid knows with its normalized probability, best first.

    Empty for text with fewer than :data:`MIN_LETTERS` letters. Never raises.
    """
    if _letters(text) < MIN_LETTERS:
        return []
    try:
        ranked = _identifier().rank(text)
    except Exception:  # a third-party model must not turn odd input into a crash
        logger.warning("language identification failed on %d characters", len(text))
        return []
    return [(str(lang), float(prob)) for lang, prob in ranked]


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None.

    None for empty or too-short text (fewer than :data:`MIN_LETTERS` letters) and when the
    best guess has a probability below :data:`MIN_CONFIDENCE`. Never raises.
    """
    ranked = rank_languages(text)
    if not ranked:
        return None
    lang, prob = ranked[0]
    return lang if prob >= MIN_CONFIDENCE else None


def is_foreign_line(line: str, content_language: str | None) -> str | None:
    """The language of ``line`` when it is confidently not ``content_language``, else None.

    Short lines fool the model (a headline full of Korean names scores as Bikol), so a line
    counts as foreign only when its best guess is sure (>= 0.5) and the content language
    scores at most a fifth of it.
    """
    if content_language is None:
        return None
    ranked = rank_languages(line)
    if not ranked:
        return None
    lang, prob = ranked[0]
    if lang == content_language or prob < 0.5:
        return None
    content_prob = dict(ranked).get(content_language, 0.0)
    return lang if content_prob * 5 <= prob else None
