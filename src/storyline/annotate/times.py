"""The ``time`` stage: TIMEX3 expressions resolved against each article's own date.

A blurb cut out of a page is its own Article with its own ``published``, so its "next year"
resolves against the blurb's date, not the page's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.model import AnnotatedArticle
from storyline.time import tag_times


@stage("time", provides=("times",), version=4)  # 4: "the Easter holidays" is no day
def time_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Tag time expressions in English articles, anchored on the article's publication date."""
    for doc in docs:
        article = doc.article
        language = article.language
        if language and language not in options.english:
            doc.skipped["time"] = f"language is {language}; the time tagger is English-only"
            continue
        published = article.published
        times = tag_times(article.text, published)
        if published is not None and article.published_precision in ("month", "year"):
            # Resolved against the first day of a month (or year) we only know coarsely:
            # the anchor says so by its own precision.
            coarse = published.isoformat()[: 7 if article.published_precision == "month" else 4]
            times = [dataclasses.replace(t, anchor=coarse) for t in times]
        doc.times = times


DEFAULT_STAGES.append("time")
