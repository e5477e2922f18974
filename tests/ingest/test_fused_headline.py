"""A headline run into its lead is told apart by the words the lead says again."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.ingest.headline import split_fused_headline
from storyline.ingest.readers.t17 import read_t17


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        (
            "Harbour strike ends after pay deal Dock workers ended their strike at the harbour "
            "on Monday after a pay deal was agreed.",
            "Harbour strike ends after pay deal",
        ),
        # The headline's object is a name: the split is after the whole headline.
        (
            "Mayor blames Ministry over flood defences RIVERTON | Mon May 3 The mayor of "
            "Riverton blamed the ministry for weak flood defences.",
            "Mayor blames Ministry over flood defences",
        ),
        # Not headlines: a sentence that goes on, a byline, a dateline, a speaker's cue.
        ("The mayor said the Ministry had known of the flood risk for years.", None),
        ("By Anna Reed Flood defences failed in Riverton on Monday, flood officials said.", None),
        ("RIVERTON, Ohio | Mon May 3 Flood defences failed in Riverton, officials said.", None),
        ("Flood defences failed, says Mayor Reed of Riverton, blaming flood officials.", None),
    ],
)
def test_split_fused_headline(line: str, headline: str | None) -> None:
    found = split_fused_headline(line)
    assert (found[0] if found else None) == headline
    if found:
        assert found[0] + " " + found[1] == line


def test_timeline17_document_keeps_its_headline_as_the_title() -> None:
    text = (
        "Harbour strike ends after pay deal Dock workers ended their strike at the harbour "
        "on Monday after a pay deal was agreed .\nThe union called it a victory .\n"
    )
    record = read_t17("t/harbour_planet/InputDocs/2010-05-03/1.htm.txt", text, date(2010, 5, 3))
    assert record.title == "Harbour strike ends after pay deal"
    assert record.text.startswith("Dock workers ended their strike")
    assert record.source == "planet"
