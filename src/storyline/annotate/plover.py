"""The PLOVER 2.0 event taxonomy: its 16 types, their quads and CAMEO pentacodes.

Also the remap of PLOVER 0.5b1 labels (the 2016 gold records) to 2.0, a reader for the
CAMEO→PLOVER conversion table, and the trigger lexicon the ``events`` stage codes with.
Everything here follows ``PLOVER_MANUAL.tex`` (draft 2.0) and ``CAMEO2PLOVER-2021.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

VERBAL_COOPERATION: Final = "verbal cooperation"
MATERIAL_COOPERATION: Final = "material cooperation"
VERBAL_CONFLICT: Final = "verbal conflict"
MATERIAL_CONFLICT: Final = "material conflict"

# CAMEO pentacode: 0 neutral statements and appeals (CAMEO 01-02), then one code per quad.
STATEMENT_PENTACODE: Final = 0
QUAD_PENTACODE: Final[dict[str, int]] = {
    VERBAL_COOPERATION: 1,
    MATERIAL_COOPERATION: 2,
    VERBAL_CONFLICT: 3,
    MATERIAL_CONFLICT: 4,
}
PENTACODE_NAMES: Final[dict[int, str]] = {
    0: "statement",
    1: VERBAL_COOPERATION,
    2: MATERIAL_COOPERATION,
    3: VERBAL_CONFLICT,
    4: MATERIAL_CONFLICT,
}

# The 16 PLOVER 2.0 event types and the quad each belongs to (the manual's "Quad category").
PLOVER_QUADS: Final[dict[str, str]] = {
    "AGREE": VERBAL_COOPERATION,
    "CONSULT": VERBAL_COOPERATION,
    "SUPPORT": VERBAL_COOPERATION,
    "CONCEDE": VERBAL_COOPERATION,
    "COOPERATE": MATERIAL_COOPERATION,
    "AID": MATERIAL_COOPERATION,
    "RETREAT": MATERIAL_COOPERATION,
    "REQUEST": VERBAL_CONFLICT,
    "ACCUSE": VERBAL_CONFLICT,
    "REJECT": VERBAL_CONFLICT,
    "THREATEN": VERBAL_CONFLICT,
    "PROTEST": MATERIAL_CONFLICT,
    "SANCTION": MATERIAL_CONFLICT,
    "MOBILIZE": MATERIAL_CONFLICT,
    "COERCE": MATERIAL_CONFLICT,
    "ASSAULT": MATERIAL_CONFLICT,
}
PLOVER_TYPES: Final[tuple[str, ...]] = tuple(PLOVER_QUADS)

# 0.5b1 (2016) categories that 2.0 merged or renamed; the others kept their names.
# DEMAND became REQUEST; DISAPPROVE and INVESTIGATE are ACCUSE 'disapprove'/'investigate';
# FIGHT (organised armed conflict) and ASSAULT (one-sided violence) are both ASSAULT now.
LEGACY_REMAP: Final[dict[str, str]] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}


def quad_of(plover_type: str) -> str:
    return PLOVER_QUADS[plover_type]


def pentacode_of(plover_type: str) -> int:
    return QUAD_PENTACODE[PLOVER_QUADS[plover_type]]


# Where the CAMEO codes a type came from straddle pentacodes (CAMEO2PLOVER-2021.txt): 02
# "appeal" (pentacode 0) became REQUEST; 08 "yield" (material cooperation) became CONCEDE;
# 16 "reduce relations" (sanctions, expulsions, suspensions), which PLOVER folds into
# SANCTION, is verbal conflict in the ConfliBERT pentacode data (train.tsv codes 8 of 8
# "expelled" and 24 of 28 "suspended" sentences 3).
_EXTRA_PENTACODES: Final[dict[str, int]] = {
    "REQUEST": STATEMENT_PENTACODE,
    "CONCEDE": 2,
    "SANCTION": 3,
}


def compatible_pentacodes(plover_type: str) -> frozenset[int]:
    """Pentacodes an event of this type may carry: its quad's, and its CAMEO sources'."""
    codes = {pentacode_of(plover_type)}
    if plover_type in _EXTRA_PENTACODES:
        codes.add(_EXTRA_PENTACODES[plover_type])
    return frozenset(codes)


# The 2.0 manual's modes of the two coercive material types (its COERCE and ASSAULT mode
# tables). 0.5b1 filed some acts under the other one: "destroy" property and "firearms" were
# COERCE modes; 2.0 lists them under ASSAULT, as CAMEO2PLOVER-2021 does (1712 → ASSAULT).
_COERCE_MODES = """seize restrict censor curfew martial-law arrest deport withhold
    misinformation cyber"""
_ASSAULT_MODES = """abduct beat torture sexual targeted destroy primitive firearms explosives
    suicide-attack aerial drone heavy-weapons crowd-control unconventional"""
MATERIAL_MODES_2_0: Final[dict[str, frozenset[str]]] = {
    "COERCE": frozenset(_COERCE_MODES.split()),
    "ASSAULT": frozenset(_ASSAULT_MODES.split()),
}


def remap_legacy(label: str, mode: str | None = None) -> str | None:
    """A PLOVER 0.5b1 category as its 2.0 type; None for non-events ("DOCUMENT"). With the
    record's ``mode``, a coercive act whose mode 2.0 lists under the other coercive type
    takes that type ("COERCE" 'destroy' is ASSAULT)."""
    label = label.strip().upper()
    label = LEGACY_REMAP.get(label, label)
    if label not in PLOVER_QUADS:
        return None
    wanted = (mode or "").strip().lower()
    if label in MATERIAL_MODES_2_0 and wanted not in MATERIAL_MODES_2_0[label]:
        for other, modes in MATERIAL_MODES_2_0.items():
            if wanted in modes:
                return other
    return label


def cameo_pentacode(code: str) -> int:
    """The pentacode of a CAMEO code ("0231", "19", "173") from its two-digit root."""
    root = int(code.strip()[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"not a CAMEO code: {code!r}")
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 else 4


@dataclass(frozen=True)
class CameoMapping:
    """One row of the CAMEO→PLOVER conversion table."""

    cameo: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    description: str


_CAMEO_ROW = re.compile(r"^(\d{3,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


def read_cameo_map(path: Path) -> dict[str, CameoMapping]:
    """Parse ``CAMEO2PLOVER-2021.txt``: ``code: EVENT, mode, context # description``."""
    table: dict[str, CameoMapping] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _CAMEO_ROW.match(line.strip())
        if not m:
            continue  # comments, headers ("03: AGREE"), separators
        fields = [f.strip() for f in m.group(2).split(",")]
        fields += [""] * (3 - len(fields))
        event = fields[0].upper()
        if event not in PLOVER_QUADS:
            continue
        context = tuple(c.strip() for c in fields[2].split(";") if c.strip())
        table[m.group(1)] = CameoMapping(
            m.group(1), event, fields[1] or None, context, (m.group(3) or "").strip()
        )
    return table


# Trigger lexicon: lemma → PLOVER types it can signal, most likely first. Verbs and the
# nouns news uses for the same acts ("talks", "summit", "airstrike"). Ambiguous lemmas list
# several types; the stage breaks ties with the pentacode classifier and a few context
# rules, so a verb's types should span quads only where English really does.
TRIGGERS: Final[dict[str, tuple[str, ...]]] = {}


def _add(plover_type: str, words: str) -> None:
    for word in words.split():
        word = word.replace("_", " ")
        TRIGGERS[word] = (*TRIGGERS.get(word, ()), plover_type)


_add(
    "AGREE",
    "agree agreement pledge promise offer propose proposal commit invite invitation accept "
    "intend plan vow reconcile settle",
)
_add(
    "CONSULT",
    "meet meeting talk talks summit visit host discuss discussion negotiate negotiation "
    "consult consultation confer telephone phone call dialogue mediate mediation hold "
    "gather convene",
)
_add(
    "SUPPORT",
    "praise endorse support back defend welcome recognize recognise apologize apologise "
    "apology forgive sign commend congratulate thank applaud hail laud approve ratify "
    "reaffirm express appreciate",
)
_add(
    "CONCEDE",
    "concede yield ease lift shorten pardon amnesty acquit regret relent accede compromise soften "
    "waive drop allow",
)
_add(
    "COOPERATE",
    "cooperate collaborate cooperation partner share extradite exchange joint trade coordinate",
)
_add(
    "AID",
    "aid assist assistance help donate provide supply deliver fund rescue evacuate "
    "contribute grant give send shelter hand",
)
_add(
    "RETREAT",
    "withdraw withdrawal retreat release free return surrender disarm demobilize resign "
    "repatriate ceasefire truce pull reopen pull_out step_down",
)
_add(
    "REQUEST",
    "urge demand ask request appeal call plead press seek petition implore insist order summon",
)
_add(
    "ACCUSE",
    "accuse accusation allege blame criticize criticise criticism condemn condemnation "
    "denounce charge sue indict investigate investigation probe complain slam decry "
    "deplore rebuke lambaste chide censure disapprove protest lawsuit prosecute try "
    "question summon",
)
_add(
    "REJECT",
    "reject refuse deny decline veto oppose rebuff dismiss defy spurn snub bar resist "
    "rejection refusal cancel renege",
)
_add("THREATEN", "threaten threat warn warning ultimatum vow")
_add(
    "PROTEST",
    "protest demonstrate demonstration rally march strike riot boycott picket block "
    "obstruct demonstrator protester",
)
_add(
    "SANCTION",
    "sanction embargo expel suspend cut sever break recall halt freeze downgrade convict "
    "sentence withdraw",
)
_add(
    "MOBILIZE",
    "mobilize mobilise deploy deployment mass station alert launch test drill exercise "
    "reinforce patrol fire",
)
_add(
    "COERCE",
    "arrest detain seize confiscate raid ban censor restrict impose deport occupy "
    "blockade jail imprison crackdown shut close search hack detention outlaw deface "
    "reimpose blackout prevent crack_down",
)
_add(
    "ASSAULT",
    "attack kill bomb bombing shell shelling shoot strike airstrike assault clash fight "
    "fighting ambush invade invasion murder assassinate kidnap abduct hijack torture rape "
    "beat wound injure massacre explode detonate destroy burn raze storm hit target "
    "bombard behead stab slay execute battle launch fire abuse",
)

# Lemmas too vague to be an event alone: they only count with an object that says what
# was done ("provide aid", "launch a missile", "hold talks", "express regret").
WEAK_TRIGGERS: Final[frozenset[str]] = frozenset(
    {
        "hold", "give", "send", "provide", "express", "call", "order", "fire", "launch",
        "test", "exercise", "return", "free", "question", "try", "pull", "break", "cut",
        "drop", "allow", "plan", "intend", "press", "back", "hit", "target", "mass",
        "station", "close", "shut", "search", "exchange", "trade", "share",
        "sign", "gather", "march", "block", "bar", "ease", "lift", "burn", "storm",
        "settle", "accept", "defend", "impose", "extend", "violate", "conduct", "stage",
        "hand", "lodge", "file", "undertake", "pay", "end", "relax", "call off", "open",
    }
)  # fmt: skip

# Objects that make a weak trigger an event, and the type they signal.
OBJECT_CUES: Final[dict[str, str]] = {
    "missile": "MOBILIZE",
    "rocket": "MOBILIZE",
    "icbm": "MOBILIZE",
    "projectile": "MOBILIZE",
    "satellite": "MOBILIZE",
    "warhead": "MOBILIZE",
    "drill": "MOBILIZE",
    "exercise": "MOBILIZE",
    "test": "MOBILIZE",
    "troop": "MOBILIZE",
    "shell": "ASSAULT",
    "shot": "ASSAULT",
    "attack": "ASSAULT",
    "offensive": "ASSAULT",
    "assault": "ASSAULT",
    "airstrike": "ASSAULT",
    "raid": "ASSAULT",
    "strike": "ASSAULT",
    "fire": "ASSAULT",
    "demonstration": "PROTEST",
    "rally": "PROTEST",
    "protest": "PROTEST",
    "march": "PROTEST",
    "sit": "PROTEST",
    "talk": "CONSULT",
    "mediation": "CONSULT",
    "meeting": "CONSULT",
    "summit": "CONSULT",
    "discussion": "CONSULT",
    "negotiation": "CONSULT",
    "consultation": "CONSULT",
    "conference": "CONSULT",
    "aid": "AID",
    "assistance": "AID",
    "support": "SUPPORT",
    "help": "AID",
    "fund": "AID",
    "loan": "AID",
    "food": "AID",
    "asylum": "AID",
    "invitation": "AGREE",
    "agreement": "SUPPORT",
    "accord": "SUPPORT",
    "deal": "SUPPORT",
    "treaty": "SUPPORT",
    "pact": "SUPPORT",
    "regret": "CONCEDE",
    "condolence": "SUPPORT",
    "sympathy": "SUPPORT",
    "concern": "ACCUSE",
    "opposition": "REJECT",
    "investigation": "ACCUSE",
    "probe": "ACCUSE",
    "inquiry": "ACCUSE",
    "prisoner": "RETREAT",
    "hostage": "RETREAT",
    "detainee": "RETREAT",
    "force": "RETREAT",
    "curfew": "COERCE",
    "ban": "COERCE",
    "relation": "SANCTION",
    "tie": "SANCTION",
    "ambassador": "SANCTION",
    "diplomat": "SANCTION",
    "border": "COERCE",
    "prison": "COERCE",
    "jail": "COERCE",
}

# Restraints whose lifting or easing is a concession (the manual's CONCEDE).
_RELAXABLE: Final = (
    "curfew", "ban", "restriction", "measure", "emergency", "siege", "sanction", "strike",
    "law", "embargo",
)  # fmt: skip

# Verb and object pairs whose type neither word gives alone.
VERB_OBJECT_TYPES: Final[dict[tuple[str, str], str]] = {
    ("impose", "sanction"): "SANCTION",
    ("impose", "embargo"): "SANCTION",
    ("impose", "tariff"): "SANCTION",
    ("impose", "curfew"): "COERCE",
    ("impose", "restriction"): "COERCE",
    ("impose", "ban"): "COERCE",
    ("impose", "law"): "COERCE",
    ("lift", "sanction"): "CONCEDE",
    ("ease", "sanction"): "CONCEDE",
    ("lift", "ban"): "CONCEDE",
    ("lift", "curfew"): "CONCEDE",
    ("ease", "restriction"): "CONCEDE",
    ("lift", "restriction"): "CONCEDE",
    ("sign", "agreement"): "SUPPORT",
    ("break", "ceasefire"): "ASSAULT",
    ("violate", "ceasefire"): "ASSAULT",
    **{
        (verb, thing): "SANCTION"  # withholding help is a sanction, not help
        for verb in ("cut", "halt", "suspend", "freeze", "stop", "reduce", "withhold", "end")
        for thing in ("aid", "assistance", "supply", "loan", "fund", "funding", "credit")
    },
    ("send", "troop"): "MOBILIZE",
    ("call", "strike"): "PROTEST",
    **{
        (verb, measure): "CONCEDE"
        for verb in ("lift", "ease", "relax", "cancel", "end", "call off", "shorten")
        for measure in _RELAXABLE
    },
    ("open", "fire"): "ASSAULT",
    **{
        (verb, demand): "CONCEDE"  # the manual's CONCEDE: "accede to demands" (CAMEO 083)
        for verb in ("accept", "meet", "heed", "satisfy", "grant", "accede")
        for demand in ("demand", "ultimatum")
    },
    ("lift", "blockade"): "RETREAT",
    ("ease", "blockade"): "RETREAT",
    ("pay", "compensation"): "AID",
    ("pay", "reparation"): "AID",
    ("lodge", "protest"): "ACCUSE",
    ("lodge", "complaint"): "ACCUSE",
    ("file", "complaint"): "ACCUSE",
    ("file", "lawsuit"): "ACCUSE",
    ("block", "road"): "PROTEST",
    ("block", "roadway"): "PROTEST",
    ("block", "bridge"): "PROTEST",
    ("block", "highway"): "PROTEST",
    ("block", "transport"): "PROTEST",
    ("block", "traffic"): "PROTEST",
    **{
        (verb, thing): "AID"
        for verb in ("send", "provide", "supply", "give", "deliver", "ship", "hand")
        for thing in ("arm", "weapon", "medicine", "intelligence", "good", "equipment")
    },
}

# Fallback type for each pentacode when the classifier is sure an event is there but no
# trigger names it: the broadest type of the quad in the manual.
RESIDUAL_TYPE: Final[dict[int, str]] = {
    1: "SUPPORT",
    2: "COOPERATE",
    3: "ACCUSE",
    4: "COERCE",
}
