"""The stage registry: validation before running, flow order whatever the import order."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import pytest

from storyline.annotate import pipeline
from storyline.errors import PipelineError
from storyline.model import AnnotatedArticle, Article, StageFailure


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


def test_a_stage_raising_on_one_article_fails_that_article_only() -> None:
    seen: list[str] = []

    @pipeline.stage("brittle", requires=("sentences",), provides=("brittle",))
    def brittle(docs: Sequence[AnnotatedArticle], options: pipeline.PipelineOptions) -> None:
        for d in docs:
            d.skipped["brittle"] = "half-done"  # undone when the batch is run again
            if "odd" in d.text:
                raise ValueError(f"cannot read {d.article.id}")
        for d in docs:
            del d.skipped["brittle"]

    @pipeline.stage("after", requires=("brittle",), provides=("after",))
    def after(docs: Sequence[AnnotatedArticle], options: pipeline.PipelineOptions) -> None:
        seen.extend(d.article.id for d in docs)

    docs = [
        AnnotatedArticle(Article(id=i, text=text, language="fr"))
        for i, text in (("a", "Plain words."), ("b", "An odd one."), ("c", "More words."))
    ]
    pipeline.run_pipeline(docs, ["sentences", "brittle", "after"])
    assert [d.failure for d in docs] == [
        None,
        StageFailure("brittle", "ValueError: cannot read b"),
        None,
    ]
    assert seen == ["a", "c"]  # later stages pass the failed article by
    assert docs[1].sentences  # it keeps what the stages before gave it
    assert "brittle" not in docs[1].provided
    assert all("brittle" not in d.skipped for d in docs)
    assert all({"brittle", "after"} <= d.provided for d in (docs[0], docs[2]))


def test_a_set_up_error_stops_the_run() -> None:
    @pipeline.stage("unconfigured", provides=("unconfigured",))
    def unconfigured(docs: Sequence[AnnotatedArticle], options: pipeline.PipelineOptions) -> None:
        raise PipelineError("no such model; install it")

    doc = AnnotatedArticle(Article(id="x", text="Words."))
    with pytest.raises(PipelineError, match="no such model"):
        pipeline.run_pipeline([doc], ["unconfigured"])
