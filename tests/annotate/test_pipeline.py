"""The stage registry: validation before running, flow order whatever the import order."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import pytest

from storyline.annotate import pipeline
from storyline.errors import PipelineError
from storyline.model import AnnotatedArticle, Article


def test_default_order_follows_requirements() -> None:
    importlib.import_module("storyline.annotate.stances")  # imported "too early" on purpose
    names = pipeline.default_stage_names()
    assert names[0] == "sentences"
    for i, name in enumerate(names):
        provided = {p for n in names[:i] for p in pipeline.get_stage(n).provides}
        assert set(pipeline.get_stage(name).requires) <= provided, name
    pipeline.check_pipeline(names)


def test_missing_requirement_is_reported_before_running() -> None:
    with pytest.raises(PipelineError, match="requires parse"):
        pipeline.check_pipeline(["entities"])
    with pytest.raises(PipelineError, match="no stage named"):
        pipeline.check_pipeline(["sentences", "nonesuch"])


def test_a_user_stage_plugs_in() -> None:
    @pipeline.stage("shouting", requires=("sentences",), provides=("shouting",))
    def shouting(docs: Sequence[AnnotatedArticle], options: pipeline.PipelineOptions) -> None:
        for d in docs:
            d.scratch["shouting"] = sum(1 for s in d.sentences if d.text[s.end - 1] == "!")

    doc = AnnotatedArticle(
        Article(id="x", text="Talks resumed! Nobody expected it.", language="fr")
    )
    pipeline.run_pipeline([doc], ["sentences", "shouting"])
    assert doc.scratch["shouting"] == 1
    assert "shouting" in doc.provided
