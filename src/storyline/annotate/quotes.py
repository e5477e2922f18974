"""The ``quotes`` stage: who said what, from the spaCy parse.

Three passes over an English article, each giving :class:`~storyline.model.Quote` spans that
are offsets into the text (verbatim by construction):

1. **Direct** quotes are text between quotation marks (an unclosed one ends with its
   paragraph) attributed to the nearest verb of saying in the sentences around it — the
   sentence it sits in, the one right after it (``“…” he said.``) or the one before it when
   that ends with a colon. A quote with no cue that follows a quote directly (or opens the
   paragraph after ``“…,” he said.``) continues it; a cue-less quote paragraph right before
   a quote paragraph with a cue goes with that cue. A paragraph after one ending
   ``he added:`` is a block quote even without marks.
   A quote sitting inside a clause (``described … as “appeasement.”``) is **partial**: its
   content is the cue's whole complement.
2. **Indirect** quotes are the clausal complement of a verb of saying (``said that …``), the
   rest of the clause around a parenthetical ``he said``, or the clause around
   ``according to X``.
3. The **speaker** is the cue's subject (climbing from "…, saying" and "and added" to the
   governing verb); "according to his spokesman, Kim" on a cue keeps Kim as ``via``. See
   :mod:`storyline.annotate.quote_speakers` for how a speaker is named.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.annotate.comments import comment_zone
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.quote_rules import (
    Quoted,
    according_source,
    cue_lemma,
    find_quoted,
    is_according,
    is_speech_verb,
    phrase,
    reported_content,
    runs,
    subject_of,
    subtree,
    trim,
    via_of,
)
from storyline.annotate.quote_speakers import Speaker, SpeakerResolver, transcript_speaker
from storyline.annotate.span_index import SpanIndex
from storyline.model import AnnotatedArticle, Quote, QuoteKind, Span, TimeExpression

log = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
# Characters that may stand between a quote and a sentence around it that still cues it.
_GAP = 3
_REACH = 60
# Marks that open a quotation (a block after "X said:" that has them is a direct quote).
_MARKS = "\"“”«„'‘`"
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# A demonstrative never speaks: "That said, ...", "That is not to say that ..." are the
# writer's own turns of phrase, not reported words.
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_OBJECT_CASE = frozenset({"him", "her", "them", "me", "us"})
# Verbs whose passive subject is the one spoken to.
_TELLING = frozenset({"tell", "inform", "assure", "warn", "brief", "advise", "remind", "promise"})
# Verbs whose passive "it" is a thing named: "It was once called the Venice of the East".
_NAMING = frozenset({"call", "dub", "name"})
# Verbs of an impersonal passive: "It is said (suggested, believed) that ...".
_IMPERSONAL = frozenset(
    {"say", "suggest", "report", "believe", "claim", "think", "argue", "allege"}
)


def _speaks(head: Token, cue: Token) -> bool:
    """Whether a pronoun subject is someone who spoke: not a bare demonstrative ("That
    said", "That is not to say"), not a pronoun in the object case ("calls for him to
    accuse"), not the "it" of an impersonal passive ("It can not be said that ...")."""
    word = head.lower_
    if head.pos_ != "PRON":
        return True
    if word in _DEMONSTRATIVES and not any(head.children):
        return False  # but "Those close to him say" speak
    if word in _OBJECT_CASE:
        return False  # "calls for him to accuse Mr Blair": asked of him, not said
    if word == "it" and head.head.i != cue.i and _infinitive(cue):
        return False  # "It is fair to suggest that …": the writer's own words
    if word == "it" and head.dep_ == "nsubjpass" and cue_lemma(cue) in _NAMING:
        return False  # "It was once called the Venice of the East": a thing named
    # But "it was labeled 'Mostly True'" is the statement.
    return not (word == "it" and head.dep_ == "nsubjpass" and cue.lemma_.lower() in _IMPERSONAL)


def _infinitive(cue: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def _hearer(head: Token, cue: Token) -> bool:
    """Whether the cue's subject is who was told, not who told: "we were told that the war
    would be quick", "Blair was warned that …"."""
    return head.dep_ == "nsubjpass" and head.head.i == cue.i and cue.lemma_.lower() in _TELLING


def _agent(cue: Token) -> Token | None:
    """Who told, when the passive names them ("was told by officials")."""
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


class _Extractor:
    def __init__(self, doc: AnnotatedArticle, parsed: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.parsed = parsed
        self.starts = [t.idx for t in parsed]
        bounds = [(s.start, s.end) for s in parsed.sents]
        self.sent_starts = [start for start, _ in bounds]
        self.sent_ends = [end for _, end in bounds]
        self.quoted = find_quoted(self.text)  # in text order, never overlapping
        self.quoted_starts = [q.outer.start for q in self.quoted]
        self.speakers = SpeakerResolver(doc, parsed, [q.outer for q in self.quoted])
        self._narrated: bool | None = None
        self._editorial: bool | None = None
        zone = comment_zone(self.text)
        self.comments = len(self.text) if zone is None else zone
        self.found: list[tuple[Quote, Token | None]] = []
        # The quotes found so far by their content, in the order found.
        self._found_at: SpanIndex[Quote] = SpanIndex((), lambda q: (q.content.start, q.content.end))
        self._times: SpanIndex[TimeExpression] = SpanIndex(
            doc.times, lambda t: (t.span.start, t.span.end)
        )

    def sentence(self, token: Token) -> SpacySpan:
        """The token's sentence (``Token.sent`` walks the whole document each time)."""
        at = bisect.bisect_right(self.sent_starts, token.i) - 1
        return self.parsed[self.sent_starts[at] : self.sent_ends[at]]

    def token_at(self, char: int) -> Token:
        return self.parsed[max(0, bisect.bisect_right(self.starts, char) - 1)]

    def in_quoted(self, token: Token) -> bool:
        at = bisect.bisect_right(self.quoted_starts, token.idx) - 1
        return at >= 0 and token.idx < self.quoted[at].outer.end

    # -- direct and partial ------------------------------------------------------------

    def direct(self) -> None:
        previous: tuple[Quoted, Quote] | None = None
        cues = [self.cue_for(q) for q in self.quoted]
        pending: list[Span] = []  # cue-less quote paragraphs that the next quote's cue takes
        for i, (q, cue) in enumerate(zip(self.quoted, cues, strict=True)):
            if cue is None:
                after = self.quoted[i + 1] if i + 1 < len(self.quoted) else None
                backward = previous is not None and self.continues(*previous, q)
                if (
                    after is not None
                    and cues[i + 1] is not None
                    and not (backward and previous is not None and not previous[0].closed)
                    and self.leads_into(q, after)
                ):
                    pending.append(q.inner)
                    previous = None
                elif backward and previous is not None:
                    last = previous[1]
                    quote = Quote(
                        q.inner,
                        last.cue,
                        last.speaker,
                        last.speaker_entity,
                        last.speaker_name,
                        "direct",
                        last.date,
                        last.via,
                    )
                    self.record(quote, None)
                    previous = (q, quote)
                else:
                    previous = None
                    pending = []
                continue
            if self.is_partial(q, cue):
                content = reported_content(cue) if not is_according(cue) else None
                spans = self.in_paragraph(cue, runs(self.text, content)) if content else []
                if not any(s.overlaps(q.inner) for s in spans):
                    spans = self.right_of(cue, q)
                quotes = self.emit(cue, spans, "partial")
            else:
                quotes = self.emit(cue, [*pending, q.inner], "direct")
            pending = []
            previous = (q, quotes[-1]) if quotes else None

    def leads_into(self, q: Quoted, after: Quoted) -> bool:
        """``q`` is a cue-less quote that ends its paragraph and ``after`` opens the next
        one with a cue of its own: annotators give both to that cue (“A.” / “B,” X said.)."""
        opens = self.text.rfind("\n", 0, q.outer.start) + 1
        head = self.text[opens : q.outer.start].rstrip()
        if head and head[-1] not in ".!?:":
            return False  # a quote inside a sentence is not a paragraph of quotation
        gap = self.text[q.outer.end : after.outer.start]
        return gap.count("\n") >= 1 and not gap.strip(" \n\t\u00a0.")

    def continues(self, before: Quoted, quote: Quote, q: Quoted) -> bool:
        """``q`` goes on from ``before``: nothing between them, or only its cue
        (“A,” he said. “B.”), or its cue ending the paragraph before (“A,” he said. / “B.”)."""
        between = Span(before.outer.end, q.outer.start)
        gap = between.text(self.text)
        if not gap.strip():
            return True
        if quote.cue is None or not between.contains(quote.cue) or len(gap) >= 150:
            return False
        if "\n" not in gap:
            return True
        cue_line, _, rest = gap.partition("\n")
        return (
            not rest.strip()
            and quote.cue.end <= before.outer.end + len(cue_line)
            and self.text.rfind("\n", 0, q.outer.start) < q.outer.start
            and not self.text[self.text.rfind("\n", 0, q.outer.start) + 1 : q.outer.start].strip()
        )

    def right_of(self, cue: Token, q: Quoted) -> list[Span]:
        """What follows the cue up to the end of the quote inside it, else the quote."""
        if cue.idx < q.outer.start and self.sentence(cue).start_char <= q.outer.start:
            span = trim(self.text, cue.idx + len(cue.text), q.outer.end, ",:")
            if span is not None and "\n" not in span.text(self.text):
                return [span]
        return [q.inner]

    def cue_for(self, q: Quoted) -> Token | None:
        """The verb of saying that introduces ``q``, from the sentences around it."""
        first, last = (
            self.token_at(q.outer.start),
            self.token_at(max(q.outer.start, q.outer.end - 1)),
        )
        first_sent, last_sent = self.sentence(first), self.sentence(last)
        sents = {first_sent.start: first_sent, last_sent.start: last_sent}
        after = self.parsed[last_sent.end] if last_sent.end < len(self.parsed) else None
        if after is not None and after.idx - q.outer.end <= _GAP:
            sents[last_sent.end] = self.sentence(after)
        before = self.parsed[first_sent.start - 1] if first_sent.start > 0 else None
        while before is not None and before.is_space and before.i > 0:
            before = self.parsed[before.i - 1]  # the parse keeps line breaks as tokens
        colon_sent = -1
        if before is not None and before.text == ":" and q.outer.start - before.idx <= _GAP + 1:
            before_sent = self.sentence(before)
            sents[before_sent.start] = before_sent
            colon_sent = before_sent.start
        introduced = self.text[: q.outer.start].rstrip().endswith(":")
        best: tuple[int, int, Token] | None = None
        for sent in sents.values():
            # A cue is near its quote: look no further than _REACH tokens either side.
            lo, hi = max(sent.start, first.i - _REACH), min(sent.end, last.i + _REACH)
            for tok in self.parsed[lo:hi] if lo < hi else ():
                if q.outer.start <= tok.idx < q.outer.end or self.in_quoted(tok):
                    continue
                if not (is_speech_verb(tok) or is_according(tok)):
                    continue
                left, right = min(tok.idx, q.outer.start), max(tok.idx, q.outer.end)
                if (
                    "\n" in self.text[left:right]
                    and self.sentence(tok).start != colon_sent
                    and not (tok.idx < q.outer.start and introduced)
                ):
                    continue  # a cue stays in its quote's paragraph, unless "he said:" ends it
                content = reported_content(tok) if not is_according(tok) else None
                inside = bool(content) and any(
                    q.outer.start <= t.idx < q.outer.end for t in content or []
                )
                own = (
                    bool(content)
                    and not inside
                    and any(not self.in_quoted(t) for t in content or [])
                )
                if own and self.sentence(tok).start not in (first_sent.start, last_sent.start):
                    continue  # a cue with a clause of its own elsewhere reports that clause
                distance = min(abs(tok.idx - q.outer.end), abs(q.outer.start - tok.idx))
                rank = (0 if inside else 1 if not own else 2, distance, tok)
                if best is None or rank[:2] < best[:2]:
                    best = rank
        if best is None:
            return self.closing_cue(first_sent, q)
        if best[0] == 2 and self.is_partial(q, best[2]):
            return None  # words inside a clause need the cue that governs that clause
        return best[2]

    def closing_cue(self, sent: SpacySpan, q: Quoted) -> Token | None:
        """The cue that ends the sentence right before ``q`` ("…, Schiff said. “…”")."""
        if sent.start == 0 or sent.start_char < q.outer.start - _GAP:
            return None  # the quote does not open its sentence
        words = [t for t in self.sentence(self.parsed[sent.start - 1]) if not t.is_punct]
        last = words[-1] if words else None
        if (
            last is None
            or not is_speech_verb(last)
            or self.in_quoted(last)
            or "\n" in self.text[last.idx : q.outer.start]
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in last.children)
        ):
            return None
        return last

    def is_partial(self, q: Quoted, cue: Token) -> bool:
        """A quote inside a clause, not set off by punctuation or by its cue."""
        before = self.text[: q.outer.start].rstrip()
        if not before or before[-1] in ":,.!?;—–-(\n" or before.endswith(cue.text):
            return False
        if "\n" in self.text[len(before) : q.outer.start]:
            return False  # a quote that opens its paragraph (the parse ran the last one in)
        sentence_start = self.sentence(self.token_at(q.outer.start)).start_char
        return q.outer.start > sentence_start

    def blocks(self) -> None:
        """A paragraph ending "X added:" introduces the next paragraph as quoted words even
        without quotation marks (a block quote)."""
        start = 0
        lines = self.text.split("\n")
        offsets = []
        for line in lines:
            offsets.append(start)
            start += len(line) + 1
        for i, line in enumerate(lines):
            if not line.rstrip().endswith(":"):
                continue
            following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if following is None:
                continue
            block = trim(self.text, offsets[following], offsets[following] + len(lines[following]))
            if block is None or block.text(self.text)[0] in _MARKS or len(block) < 20:
                continue
            cue = self.colon_cue(offsets[i], offsets[i] + len(line.rstrip()) - 1)
            if cue is not None and not self.overlaps_found([block]):
                self.emit(cue, [block], "direct", need_speaker=True)

    def colon_cue(self, start: int, colon: int) -> Token | None:
        """The verb of saying of the sentence that ends with the colon at ``colon``."""
        sentence = self.sentence(self.token_at(colon))
        for tok in reversed(sentence):
            if tok.idx < start:
                break
            if is_speech_verb(tok) and not self.in_quoted(tok) and tok.idx < colon:
                content = reported_content(tok)
                return tok if not content or content[-1].idx >= colon - 1 else None
        return None

    # -- indirect ------------------------------------------------------------------------

    def indirect(self) -> None:
        for tok in self.parsed:
            if self.in_quoted(tok):
                continue
            if is_according(tok):
                if is_speech_verb(tok.head):
                    continue  # "said, according to his spokesman": the spokesman conveys
                clause = tok.head if tok.head.pos_ in ("VERB", "AUX") else self.sentence(tok).root
                content = _outside(subtree(clause), tok)
            elif is_speech_verb(tok):
                found = reported_content(tok)
                if found is None and tok.dep_ == "parataxis":
                    # "The museum, he said, would …": the clause around the cue's own phrase;
                    # a parse that hangs the cue on a noun gives the sentence.
                    around = tok.head if tok.head.pos_ in ("VERB", "AUX") else None
                    around = around or self.sentence(tok).root
                    found = _around(subtree(around), tok)
                if found is None:
                    continue
                content = found
            else:
                continue
            spans = self.in_paragraph(tok, runs(self.text, content))
            if not spans or sum(len(s) for s in spans) < 8 or self.overlaps_found(spans):
                continue
            kind: QuoteKind = (
                "partial"
                if any(s.overlaps(q.inner) for s in spans for q in self.quoted)
                else "indirect"
            )
            # A clause complement is reported words even when the parse lost the subject
            # ("In a meeting with the board Trump said that …"); an object is not.
            clausal = any(c.dep_ == "ccomp" for c in tok.children)
            self.emit(tok, spans, kind, need_speaker=not clausal)

    def in_paragraph(self, cue: Token, spans: Sequence[Span]) -> list[Span]:
        """``spans`` clipped to the cue's paragraph: the parse may run a headline into the
        paragraph below it."""
        start = self.text.rfind("\n", 0, cue.idx) + 1
        end = self.text.find("\n", cue.idx)
        end = len(self.text) if end < 0 else end
        clipped = (trim(self.text, max(s.start, start), min(s.end, end), ",;:") for s in spans)
        return [s for s in clipped if s is not None]

    def overlaps_found(self, spans: Sequence[Span]) -> bool:
        return any(self._found_at.any_overlapping(s.start, s.end) for s in spans)

    def record(self, quote: Quote, cue: Token | None) -> None:
        self.found.append((quote, cue))
        self._found_at.add(quote)

    # -- speaker and emission ----------------------------------------------------------------

    def emit(
        self, cue: Token, spans: Sequence[Span], kind: QuoteKind, need_speaker: bool = False
    ) -> list[Quote]:
        head = according_source(cue) if is_according(cue) else subject_of(cue)
        if head is not None and _hearer(head, cue):
            head = _agent(cue)  # "we were told (by officials) that …": they told us
        if cue.idx >= self.comments:
            return []  # a reader's post: nobody's quote in the story
        if head is not None and not self.in_quoted(head) and not _speaks(head, cue):
            return []  # the writer's turn of phrase (inside quotation marks, trust the cue)
        speaker = phrase(self.text, head) if head is not None else None
        if need_speaker and speaker is None:
            return []
        entity, name = None, None
        if head is not None and speaker is not None:
            first = None
            if head.lower_ in _FIRST_PERSON:
                first = self.first_person(head)
            elif head.lower_ == "you":
                first = transcript_speaker(self.text, head.idx, addressee=True)
            named = first or self.speakers.resolve(head, speaker)
            entity, name = named.entity, named.name
        cue_span = self.cue_span(cue)
        via = via_of(self.text, cue) if not is_according(cue) else None
        when = self.date_of(cue, spans)
        quotes = [Quote(s, cue_span, speaker, entity, name, kind, when, via) for s in spans]
        for q in quotes:
            self.record(q, cue)
        return quotes

    def first_person(self, head: Token) -> Speaker | None:
        """Who "I"/"we" is: the speaker of the quotation it sits in (or of one opened a line
        or two before and not closed: a quotation running over paragraphs), else the speaker
        whose turn it is in a transcript ("AZUZ: I'm Carl Azuz"); outside all of them "I" is
        the writer of the piece."""
        for q in reversed(self._found_at.overlapping(head.idx, head.idx + 1)):
            if q.kind == "direct":
                return Speaker(q.speaker_entity, q.speaker_name) if q.speaker_name else None
        turn = transcript_speaker(self.text, head.idx)
        if turn is not None:
            return turn
        running = self.running_quote(head.idx)
        if running is not None:
            return running
        if head.lower_ not in ("i", "me") and not (self.narrated() or self.editorial()):
            return None  # "we" is the writer's only in a piece the writer narrates
        article = self.doc.article
        if article.author:
            return Speaker(None, article.author)
        return Speaker(None, f"the author ({article.source})" if article.source else "the author")

    def narrated(self) -> bool:
        """Whether the writer speaks in the first person: "I" outside quotation marks at
        least twice."""
        if self._narrated is None:
            mine = (t for t in self.parsed if t.lower_ in ("i", "me", "my"))
            self._narrated = sum(1 for t in mine if not self.in_quoted(t)) >= 2
        return self._narrated

    def editorial(self) -> bool:
        """Whether the piece speaks as "we" (a leader column, an open letter): "we", "us" or
        "our" outside quotation marks three times at least."""
        if self._editorial is None:
            ours = (t for t in self.parsed if t.lower_ in ("we", "us", "our"))
            self._editorial = sum(1 for t in ours if not self.in_quoted(t)) >= 3
        return self._editorial

    def running_quote(self, position: int) -> Speaker | None:
        """The speaker of a quotation left open a line or two before ``position``."""
        at = bisect.bisect_right(self.quoted_starts, position) - 1
        if at < 0 or self.quoted[at].closed or self.quoted[at].outer.end > position:
            return None
        between = self.text[self.quoted[at].outer.end : position]
        if between.count("\n") > 2 or any(mark in between for mark in _MARKS):
            return None
        inner = self.quoted[at].inner
        for q in reversed(self._found_at.overlapping(inner.start, inner.end)):
            if q.speaker_name:
                return Speaker(q.speaker_entity, q.speaker_name)
        return None

    def cue_span(self, cue: Token) -> Span:
        last = cue
        if is_according(cue):
            last = next(c for c in cue.children if c.lower_ == "to")
        else:
            # Keep a particle with its verb ("pointed out").
            last = max((c for c in cue.children if c.dep_ == "prt"), key=lambda c: c.i, default=cue)
        return Span(cue.idx, last.idx + len(last.text))

    def date_of(self, cue: Token, content: Sequence[Span]) -> str | None:
        """A date expression on the cue ("said on Tuesday"), else the article's date."""
        around = self.sentence(cue)
        for t in self._times.overlapping(around.start_char, around.end_char):
            if (
                around.start_char <= t.span.start < around.end_char
                and not any(s.overlaps(t.span) for s in content)
                and _ISO_DATE.match(t.value)
            ):
                governor = self.token_at(t.span.start).head
                if governor.i == cue.i or governor.head.i == cue.i:
                    return t.value
        published = self.doc.article.published
        return published.isoformat() if published is not None else None


def _outside(tokens: list[Token], cue: Token) -> list[Token]:
    """``tokens`` less the cue's own phrase ("he said", "according to X")."""
    left, right = cue.left_edge.i, cue.right_edge.i
    return [t for t in tokens if not left <= t.i <= right]


def _around(tokens: list[Token], cue: Token) -> list[Token]:
    """``tokens`` less the cue's comma-delimited phrase ("…, he said on Friday, …")."""
    left, right = cue.left_edge.i, cue.right_edge.i
    commas = [t.i for t in cue.doc[left : cue.i] if t.text == ","]
    left = commas[-1] + 1 if commas else left
    commas = [t.i for t in cue.doc[cue.i + 1 : right + 1] if t.text == ","]
    right = commas[0] - 1 if commas else right
    return [t for t in tokens if not left <= t.i <= right]


def extract_quotes(doc: AnnotatedArticle) -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed English article, in text order.

    Needs the parse of the ``sentences`` stage; without it there is nothing to go on and
    the result is empty.
    """
    parsed = spacy_doc(doc)
    if parsed is None or len(parsed) == 0:
        return []
    extractor = _Extractor(doc, parsed)
    extractor.direct()
    extractor.blocks()
    extractor.indirect()
    quotes = [q for q, _ in extractor.found]
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))


@stage(
    "quotes",
    requires=("parse",),
    uses=("mentions", "entity_records", "times"),
    provides=("quotes",),
    # 2: posts under a header ("jd_1962 wrote:") are a comment thread; 3: "That said" is no
    # quote, "In London, the government" is Britain's, "this topic has now closed" marks a thread;
    # 4: "he"/"she" carry a person through the narrative, a leader column's "we" is the paper
    version=4,
)
def quotes_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Direct, partial and indirect quotes with their cue and speaker (English only)."""
    for doc in docs:
        language = doc.article.language or "en"
        if language not in options.english:
            doc.skipped["quotes"] = f"language is {language}, stage is English-only"
            continue
        if spacy_doc(doc) is None:
            doc.skipped["quotes"] = "no spaCy parse (run the sentences stage first)"
            continue
        # An article this raises on is recorded as failed by the pipeline (one error policy).
        doc.quotes = extract_quotes(doc)


DEFAULT_STAGES.append("quotes")
