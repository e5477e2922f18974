"""Position and holder rules for stances, on a spaCy dependency parse.

From an issue trigger the rules walk up the parse to the sentence root. Each *stance cue*
on the way ("open", "willing", "reject", "dismiss", "efforts", "against") is a layer with a
polarity; a negation on the way flips it; the position a layer's holder takes is the product
of the polarities below and at it, so "Kim dismissed South Korea's efforts to engage" gives
South Korea *support* (its efforts) and Kim *oppose* (dismissing them).

A trigger inside a condition or a hypothetical ("unless it took steps toward giving up its
stockpile", "before the North Koreans have demonstrated a willingness to dismantle", a clause
that is a sentence's subject) asserts nothing and gives no stance; a condition clause hanging
off the path ("willing to talk if the U.S. drops its hostile policy") makes it conditional.
"Even if" is a concession, not a condition. A modal of possibility or obligation ("China could
play a role", "North Korea must be willing") keeps its own subject from being the holder.

Holders are actors: the entity of the subject's mention, a possessor ("Pyongyang's stance"),
the speaker of the quote a pronoun sits in ("it would not bargain away its weapons"), or the
nearest preceding actor for a pronoun outside quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate import identity as ident
from storyline.annotate.issues import Issue, IssueTrigger, term_pattern
from storyline.annotate.roles import TITLE_HEADS
from storyline.model import AnnotatedArticle, Mention, Quote, Span, StancePosition

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lemmas (lowercase) whose clause states a position toward what they govern.
SUPPORT_CUES = _words("""open openness willing willingness support favor favour seek pledge
    invite invitation engage pursue determined propose expect priority want welcome agree vow
    push overture effort commit commitment ready offer extend back endorse embrace
    positively eager keen interested intend intention plan aim""")
OPPOSE_CUES = _words("""reject refuse dismiss resist oppose against deny deride denounce
    hostility hostile condemn rebuff spurn decline dampen hinder undermine block obstruct
    derail""")
NEUTRAL_CUES = _words("consider review weigh discuss")
# Cues that need no complement: "China was not ready yet" takes its issue from the context.
ELLIPTICAL_CUES = _words("ready reluctant unwilling refuse decline")
# A clause under these is someone's guess about the holder, not the holder's stance.
PREDICTION_VERBS = _words("predict assess speculate suspect fear doubt estimate")
CONDITION_MARKS = _words("if unless provided providing until once")
NON_ASSERTIVE_MARKS = CONDITION_MARKS | _words("before whether lest")
# Condition marks that only make a condition under a negation ("won't talk until ...").
TEMPORAL_MARKS = _words("until")
QUESTION_MARKS = _words("why")
HYPOTHETICAL_MODALS = _words("could might may must should")
REPORTING_VERBS = _words("say tell state add note confirm announce report claim")
PRONOUNS_OF_SPEAKER = _words("i we me us my our")
THIRD_PRONOUNS = _words("it they he she them him her its their his")
RELATIVE_PRONOUNS = _words("who which that")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Words that make "that" a conjunction of an adverbial clause ("so that", "now that").
_THAT_CONJUNCTIONS = _words("so such now given except provided in")


@dataclass(frozen=True)
class Layer:
    """A stance cue on the path from a trigger up, and who holds it."""

    cue: Token
    holder: str | None
    polarity: int  # +1 support, -1 oppose, 0 neutral, after negation below and at the cue


@dataclass(frozen=True)
class Reading:
    """What the parse says about one trigger: the layers and any condition clause."""

    layers: tuple[Layer, ...]
    condition: Span | None


def negated(token: Token) -> bool:
    """A negation on ``token``: "not", "never", or a "no" on its subject or itself."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ in SUBJECT_DEPS | {"det"} and child.lower_ == "no":
            return True
        if child.dep_ in SUBJECT_DEPS and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children
        ):
            return True
    return False


def cue_polarity(token: Token) -> int | None:
    """+1/-1/0 when ``token`` is a stance cue, else None."""
    lemma = token.lemma_.lower()
    if lemma in OPPOSE_CUES:
        return -1
    if lemma in SUPPORT_CUES and token.pos_ != "PROPN":
        return 1
    if lemma in NEUTRAL_CUES:
        return 0
    if any(c.lower_ == "positively" for c in token.children):
        return 1  # "looks positively at South-North Korean dialogue"
    if lemma == "time" and any(c.lower_ == "more" for c in token.children):
        return -1 if token.head.lower_ == "for" and token.head.head.lemma_ == "need" else None
    return None


def _is_hypothetical(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in token.children)


def _is_condition_edge(token: Token) -> bool:
    """``token`` heads a clause that is a condition, a hypothetical or a subject clause."""
    if token.dep_ == "csubj" and token.tag_ == "VBG":
        return True  # "Agreeing to talks before ... would be a shift": nobody's stance
    if token.dep_ not in {"advcl", "pcomp", "pobj", "ccomp"}:
        return False
    marks = [c for c in token.children if c.dep_ in {"mark", "advmod"}]
    if any(m.lower_ in NON_ASSERTIVE_MARKS for m in marks):
        return True
    # "questioned why Obama wasn't condemning Mubarak": an embedded question; "that is why
    # I think" (under a copula) gives a reason and asserts.
    if any(m.lower_ in QUESTION_MARKS for m in marks) and token.head.lemma_ != "be":
        return True
    # "before the North Koreans have demonstrated ..." parses as a preposition over a clause.
    return token.dep_ == "pcomp" and token.head.lower_ in NON_ASSERTIVE_MARKS


def condition_of(path: Sequence[Token]) -> Span | None:
    """A condition clause hanging off the path ("if the U.S. drops its hostile policy")."""
    for token in path:
        for child in token.children:
            if child.dep_ != "advcl" or child in path:
                continue
            marks = [c for c in child.children if c.dep_ == "mark"]
            if not any(m.lower_ in CONDITION_MARKS for m in marks):
                continue
            if all(m.lower_ in TEMPORAL_MARKS for m in marks) and not negated(token):
                continue  # "step aside until elections are held": a time, not a condition
            if any(m.i > 0 and m.doc[m.i - 1].lower_ == "even" for m in marks):
                continue  # "even if": a concession, the stance holds regardless
            start = min(child.left_edge.idx, *(m.idx for m in marks))
            end = child.right_edge.idx + len(child.right_edge)
            return Span(start, end)
    return None


def path_up(token: Token, limit: int = 12) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < limit:
        path.append(path[-1].head)
    return path


def asserted(path: Sequence[Token]) -> bool:
    """Whether the clause of ``path[0]`` asserts: not under a condition, a hypothetical, a
    subject clause or someone's prediction ("analysts suspect Beijing would back ...")."""
    if any(_is_condition_edge(token) for token in path[:-1]):
        return False
    return not any(token.lemma_.lower() in PREDICTION_VERBS for token in path[1:])


def read_trigger(
    trigger: IssueTrigger, actors: ActorIndex, act_polarity: int | None = None
) -> Reading | None:
    """The layers of stance above ``trigger``, or None where it sits in a non-assertion."""
    path = path_up(trigger.root)
    for token in path[:-1]:
        if _is_condition_edge(token):
            return None
        if token.lemma_.lower() in PREDICTION_VERBS and token.i != trigger.root.i:
            path = path[: path.index(token)]
            break
    layers: list[Layer] = []
    polarity = 1  # the product of the polarities below
    blocked = False  # a modal below: the subject found next is not a holder
    k = 0
    while k < len(path):
        token = path[k]
        cue = act_polarity if k == 0 and act_polarity is not None else cue_polarity(token)
        if cue is None:
            cue = _copular_subject_cue(token)
        polarity *= _flips(token, trigger.issue)
        blocked = blocked or _is_hypothetical(token)
        if cue is None:
            k += 1
            continue
        polarity = polarity * cue
        holder, level = actors.holder_at(token, path[k:])
        # Negations between the cue and where its holder stands are the holder's too:
        # "no amount of pressure will lead Mr. Kim to give up his arsenal".
        for above in path[k + 1 : k + level + 1]:
            polarity *= _flips(above, trigger.issue)
            blocked = blocked or _is_hypothetical(above)
        layers.append(Layer(token, None if blocked else holder, polarity))
        blocked = False
        polarity = polarity or 1
        k += level + 1
    if not layers:
        return None
    return Reading(tuple(layers), condition_of(path))


def _flips(token: Token, issue: Issue) -> int:
    """-1 where ``token`` turns the stance around (a negation, "cancel" the exercises)."""
    flip = -1 if negated(token) else 1
    inverse = term_pattern(issue.inverse)
    if inverse is not None and (inverse.fullmatch(token.lower_) or inverse.fullmatch(token.lemma_)):
        flip = -flip
    return flip


def _copular_subject_cue(token: Token) -> int | None:
    """ "the top priority ... is to bring Kim to the table": the cue is the copula's subject."""
    if token.lemma_ != "be":
        return None
    for child in token.children:
        if child.dep_ == "nsubj":
            return cue_polarity(child)
    return None


def position_of(polarity: int, condition: Span | None, issue: Issue) -> StancePosition:
    """The position a layer's polarity gives, with the issue's reading of a condition."""
    if polarity == 0:
        return "neutral"
    if condition is not None:
        conditional = issue.conditional_is or "conditional"
        return "oppose" if conditional == "oppose" else "conditional"
    return "support" if polarity > 0 else "oppose"


class ActorIndex:
    """Which actor a token stands for, from the entities stage and the quotes stage."""

    def __init__(
        self,
        parsed: Doc,
        mentions: Sequence[Mention],
        quotes: Sequence[Quote],
        governments: Mapping[str, str],
    ) -> None:
        self.parsed = parsed
        self.governments = governments
        self.mentions = sorted((m for m in mentions if m.entity), key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self.mentions]
        self.quotes = [q for q in quotes if q.speaker_entity]

    def government_at(self, token: Token) -> str | None:
        """The government of the actor ``token`` names (a pronoun resolved), if any."""
        entity = self.entity_at(token)
        if entity is None and token.pos_ == "PRON":
            entity = self.resolve_pronoun(token)
        return government_of(entity, self.governments)

    def entity_at(self, token: Token) -> str | None:
        """The actor whose mention covers ``token``."""
        k = bisect_right(self._starts, token.idx) - 1
        # Mentions may nest ("the South Korean president" around "South Korean"): look back.
        for m in self.mentions[max(0, k - 3) : k + 1][::-1]:
            if m.span.start <= token.idx < m.span.end:
                entity = m.entity or ""
                return entity if _is_actor(entity) else None
        return None

    def actor_of_phrase(self, token: Token) -> str | None:
        """The actor of a noun phrase headed by ``token``: itself, or its possessor."""
        found = self.entity_at(token)
        if found:
            return found
        for child in token.children:
            if child.dep_ == "poss":
                return self.entity_at(child) or self.resolve_pronoun(child)
        # "the co-chairs of the commission, Bill Reilly and Bob Graham,": the names in
        # apposition say who the description is.
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return self.entity_at(child)
        return None

    def resolve_pronoun(self, token: Token) -> str | None:
        word = token.lower_
        if word in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.actor_of_phrase(token.head.head)
        if word not in PRONOUNS_OF_SPEAKER | THIRD_PRONOUNS:
            return None
        quote = self.quote_around(token)
        if quote is not None:
            speaker = quote.speaker_entity or ""
            if not _is_actor(speaker):
                return None
            personal = word in _words("he she him her his")
            # In someone's own words "he" is someone else, and a government is no "he".
            other = personal and (quote.kind == "direct" or ":" in speaker)
            if word in PRONOUNS_OF_SPEAKER or (speaker.startswith("gov:") and not personal):
                return speaker
            if personal and not other:
                return speaker
        if word in PRONOUNS_OF_SPEAKER:
            return None
        person = word in _words("he she him her his")
        bound = self._clause_subject(token, person)
        if bound is not None:
            if bound.ent_type_ == "NORP" and bound.tag_ in ("NNS", "NNPS"):
                return None  # "Egyptians ... show their support": people, not a government
            return self.actor_of_phrase(bound)  # bound to a phrase naming no actor: None
        return self._antecedent(token, person, plural=word in _words("they them their"))

    def _clause_subject(self, token: Token, person: bool) -> Token | None:
        """The noun phrase a pronoun is bound to inside its sentence, if any:

        - the subject of a clause that reports a statement is whoever reports it: "Mubarak
          has announced that he will not seek re-election";
        - "their"/"its" is the subject of the clauses its noun phrase sits in, when the
          number agrees: "Coptic Christians are gathering to show their support".
        """
        reporter = reporter_of(token.head) if token.dep_ in SUBJECT_DEPS else None
        if reporter is not None:
            subject = _subject_of(reporter)
            if subject is None or subject.pos_ == "PRON":
                return None
            found = self.actor_of_phrase(subject)
            if found is not None and person != (":" not in found):
                return None
            return subject
        if token.dep_ != "poss" or token.lower_ not in ("their", "its"):
            return None
        head = token.head
        for _ in range(6):
            if head.dep_ not in _NOUN_CHAIN or head.head.i == head.i:
                break
            head = head.head
            subject = _subject_of(head) if head.pos_ in ("VERB", "AUX") else None
            if subject is None:
                continue
            plural = subject.tag_ in ("NNS", "NNPS") or any(
                c.dep_ == "conj" for c in subject.children
            )
            if subject.pos_ == "PRON" or plural != (token.lower_ == "their"):
                return None
            if token.lower_ == "its" and subject.ent_type_ == "PERSON":
                return None  # "Ben Ali provided cooperation to the US in its campaign"
            return subject
        return None

    def quote_around(self, token: Token) -> Quote | None:
        for q in self.quotes:
            if q.content.start <= token.idx < q.content.end:
                return q
        return None

    def _continued_subject(self, token: Token, person: bool, plural: bool) -> str | None:
        """A pronoun that is a main clause's subject continues the last sentence's subject
        ("The report criticises the EU. It adds that ..."): that subject's actor, "" when
        it names none, None when it says nothing (a pronoun, another kind of actor)."""
        if token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ROOT":
            return None
        previous = self.parsed[token.sent.start - 1].sent
        subject = _subject_of(previous.root)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            return None
        if plural != (subject.tag_ in ("NNS", "NNPS")) or (plural and subject.ent_type_ == "NORP"):
            return None  # "France hosted the talks. They ...": not France
        found = self.entity_at(subject)
        if found is None and any(c.dep_ in ("poss", "appos") for c in subject.children):
            return None  # "its principal goal", "Mubarak, head of ...": unclear
        if found is None:
            return "" if person == (subject.ent_type_ == "PERSON") else None
        return found if person == (":" not in found) else None

    def _antecedent(self, token: Token, person: bool, plural: bool = False) -> str | None:
        """The actor a pronoun refers to, this sentence or the last, only when it is clear:
        the one actor of its kind named there, else the subject of a main clause."""
        sent = token.sent
        start = sent.start_char
        if sent.start > 0:
            start = self.parsed[sent.start - 1].sent.start_char
            topic = self._continued_subject(token, person, plural)
            if topic is not None:
                return topic or None
        named: list[str] = []
        subjects: list[str] = []
        # Only the mentions from the last sentence's start on: no scan from the top.
        for m in self.mentions[bisect_left(self._starts, start) :]:
            if m.span.start >= token.idx:
                break
            if not m.entity or not _is_actor(m.entity):
                continue
            if person != (":" not in m.entity):
                continue
            head = self.parsed.char_span(m.span.start, m.span.end, alignment_mode="expand")
            root = head.root if head is not None else None
            if plural and (root is None or root.tag_ not in ("NNS", "NNPS")):
                continue  # "they" is seldom a government or one organisation
            if plural and root is not None and root.ent_type_ == "NORP":
                continue  # "Egyptians ... they": people, not their government
            named.append(m.entity)
            if root is not None and root.dep_ in SUBJECT_DEPS and _main_clause(root.head):
                subjects.append(m.entity)
        if len(set(named)) == 1:
            return named[0]
        return subjects[-1] if subjects else None

    def holder_at(self, cue: Token, above: Sequence[Token]) -> tuple[str | None, int]:
        """Who holds ``cue`` and how far up the path they stand: a possessor or a subject."""
        for k, token in enumerate(above):
            if k > 0 and token.lemma_.lower() in REPORTING_VERBS:
                return None, k - 1  # the reporter is not the holder
            if token.pos_ in {"NOUN", "PROPN"}:
                for child in token.children:
                    if child.dep_ == "poss":
                        return self.entity_at(child) or self.resolve_pronoun(child), k
            for child in token.children:
                if child.dep_ not in SUBJECT_DEPS:
                    continue
                if child.pos_ == "PRON":
                    return self.resolve_pronoun(child), k
                found = self.actor_of_phrase(child)
                if found:
                    return found, k
            if token.dep_ == "xcomp" and k + 1 < len(above):
                # Object control: "lead Mr. Kim to give up his arsenal".
                for child in token.head.children:
                    controller = self.actor_of_phrase(child) if child.dep_ == "dobj" else None
                    if controller:
                        return controller, k + 1
            shared = k > 0 and above[k - 1].dep_ == "conj"  # "support X and seek Y": one subject
            if k > 0 and not shared and cue_polarity(token) is not None:
                return None, k - 1  # the next layer up has its own holder
        return None, len(above) - 1


# Links from a noun phrase up to the clause it belongs to ("show *their support*", "gather
# to show": an infinitive of purpose shares its subject).
_NOUN_CHAIN = frozenset({"dobj", "pobj", "prep", "conj", "xcomp", "advcl", "acomp", "attr"})


def _main_clause(verb: Token) -> bool:
    """The sentence's main verb, or the clause its main verb of saying reports ("Biden spoke
    with Suleiman, the White House said"): in news the reported clause carries the story."""
    if verb.dep_ == "ROOT":
        return True
    head = verb.head
    return verb.dep_ == "ccomp" and head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING_VERBS


def reporter_of(clause: Token) -> Token | None:
    """The verb whose complement ``clause`` is: its head for a ``ccomp``; for a "that" clause
    the parser hung on an earlier verb as a conjunct or adverbial ("where Ben Ali left power,
    and in Egypt, where Mubarak has announced, amid unrest, that he will not seek
    re-election"), the nearest verb of saying before it in the sentence."""
    if clause.dep_ == "ccomp":
        return clause.head
    if clause.dep_ not in ("conj", "advcl"):
        return None
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or mark.i == 0 or clause.doc[mark.i - 1].lower_ in _THAT_CONJUNCTIONS:
        return None  # "so that", "now that": an adverbial after all
    for k in range(mark.i - 1, max(clause.sent.start, clause.head.i) - 1, -1):
        verb = clause.doc[k]
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS:
            return verb
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; a transcript's speaker label ("CROWLEY: Yet, Mubarak ...") is none."""
    for c in verb.children:
        labelled = c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == ":"
        if c.dep_ in SUBJECT_DEPS and not labelled:
            return c
    return None


def _is_actor(entity: str) -> bool:
    return not entity.startswith("place:")


# --- people and the governments they speak for ----------------------------------------------

_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:,[^\n]{0,30}?)?\s*[—–-]{1,2}\s")
_OF_COUNTRY = re.compile(r"\bof\s+(?:the\s+)?(.+)$", re.I)


def government_of(entity: str | None, governments: Mapping[str, str]) -> str | None:
    """The government an actor is or speaks for: itself for a ``gov:`` id, else the mapping."""
    if not entity:
        return None
    if entity.startswith("gov:"):
        return entity
    return governments.get(entity)


def _country_in_title(title: str) -> str | None:
    """ "President of South Korea", "sister and special envoy of the North Korean leader"."""
    words = title.replace(",", " ").split()
    of = _OF_COUNTRY.search(title)
    if of:
        country = ident.country_in(of.group(1))
        if country:
            return country.id
    for size in (3, 2, 1):
        for k in range(len(words) - size + 1):
            country = ident.country_named(" ".join(words[k : k + size])) or (
                ident.country_of_demonym(" ".join(words[k : k + size]))
            )
            if country:
                return country.id
    return None


def holder_governments(docs: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """People → the government the text makes them speak for, by votes over the batch.

    A vote comes from a role the entities stage recorded ("President of South Korea"), from
    a title written before a name ("U.S. President Donald Trump", "the North Korean leader"),
    and, for a national title without a country ("Vice President Mike Pence"), from the
    article's dateline ("WASHINGTON —").
    """
    votes: dict[str, Counter[str]] = {}

    def vote(person: str, gov: str | None) -> None:
        if gov and ":" not in person:
            votes.setdefault(person, Counter())[gov] += 1

    for d in docs:
        for entity in d.entity_records.values():
            for role in entity.roles:
                vote(entity.id, _country_in_title(role.title))
        dateline = _DATELINE.match(d.text[:80])
        home = ident.country_of_seat(dateline.group(1).strip()) if dateline else None
        for m in d.mentions:
            if not m.entity or ":" in m.entity:
                continue
            if m.label == "TITLE":
                vote(m.entity, _country_in_title(m.span.text(d.text)))
                continue
            before = d.text[max(0, m.span.start - 60) : m.span.start].split("\n")[-1]
            words = before.replace(",", " ").split()[-5:]
            if not words or words[-1].lower() not in TITLE_HEADS:
                continue
            vote(m.entity, _country_in_title(" ".join(words)) or (home.id if home else None))
    return {p: c.most_common(1)[0][0] for p, c in votes.items()}
