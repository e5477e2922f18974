"""The tagger on Timeline17's tokenized text (``February 10 , 2011``, ``who 's``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.time import tag_times


def test_tokenized_cnn_article(eval_dir: Path) -> None:
    path = eval_dir / "tls" / "t17" / "EgyptianProtest_cnn" / "InputDocs" / "2011-02-09"
    text = (path / "172.htm.txt").read_text(encoding="utf-8")
    found = {(t.span.text(text), t.value) for t in tag_times(text, date(2011, 2, 9))}
    assert ("Wednesday", "2011-02-09") in found
    assert ("Monday", "2011-02-07") in found
    assert ("January 25", "2011-01-25") in found
    assert ("February 10 , 2011 at 7:36 am", "2011-02-10T07:36") in found
    assert ("February 9 , 2011 at 11:03 pm", "2011-02-09T23:03") in found
    assert ("more than two weeks", "P2W") in found
