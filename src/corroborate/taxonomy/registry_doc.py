"""The source registry's section of docs/taxonomy.md: how it is built and extended, and its
counts per kind, computed from the bundled files so that the page cannot drift."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import yaml

from corroborate.taxonomy.source_entries import KINDS

ABOUT = """\
## Source registry

Who says what is graded by who they are: `src/corroborate/taxonomy/sources/*.yaml` lists
real outlets and institutions that report on armed conflicts — wires, international
media, the state media and state bodies of the parties, the independent media of their
countries, UN bodies and other intergovernmental organisations, monitoring missions,
courts, the Red Cross and Red Crescent, and NGOs. `sources.yaml` holds the fictional
training scenario of `samples/` (with the `parties:` names used in role texts).

Each entry was written from the public page in its `reference` (usually the outlet's
Wikipedia article, else its own "about" page) and has these fields:

| field | meaning |
|---|---|
| `name` | the name the registry reports it under |
| `aliases` | other ways it is written: short forms, former names, Cyrillic, Arabic, Hebrew… |
| `kind` | `state_media`, `media`, `wire`, `ngo`, `intergovernmental`, `government` or `military` |
| `country` | ISO 3166-1 alpha-2 code of its seat (`INT` for an international body) |
| `state_owned` | `true`, `false`, or `null` where its statute leaves it open (`note` says why) |
| `party` | the party to a conflict it belongs to, only where it does |
| `hosts` | its web domains (`tass.ru`); subdomains match too (`edition.cnn.com`) |
| `reference` | the public page it was classified from |
| `exact` | common-word names ("Time"): a source only as the whole name, not inside a text |
| `note` | a word of explanation where a value needs one |

`sources/conflicts.yaml` lists the conflicts covered and their parties side by side:
the principal belligerents named in the infobox of each conflict's article; states that
only support a side (arms, money, territory, occasional strikes) are `supporters`, not
parties. The rules the data obeys are tests (`tests/taxonomy/test_registry_data.py`):
every state-owned outlet or body of a party state belongs to that party, no outlet of a
state that is no party names one, and every side of every conflict has its voices
registered — where one side's outlets are, the others' are too, or the conflict says why
a side has none (`no_outlet`). A privately owned outlet of a party's country is not that
party's.

**Parties per conflict.** A source's `party` is the party of its state, but it is a party
origin only in the conflicts where that party fights (`taxonomy/conflicts.py`): Voice of
America and Anadolu are the United States' and Turkey's in an incident of the Syrian civil
war, and in one of the Russia–Ukraine war the state outlets of states that are no party
there, graded as the registry grades such a source (a state outlet as independent media,
reliability C; a ministry as an unknown origin), kind and ownership kept. TASS is Russia's
in the Russia–Ukraine war, the Syrian civil war and the Sahel, and no party's on Gaza. The
same holds for a party named in words ("US officials"). An analyst's party stands
everywhere. A party no listed conflict names (a user's own) is a party wherever it appears.

Which conflict an incident belongs to is read from the incident, one rule for every party,
in this order: (1) the parties it names — its speakers, their roles and affiliations,
analysts' decisions and the accused, not the outlets reporting it, which report on every
conflict: a conflict of which it names a party is ahead of one of which it names none,
wherever the incident is, so the parties weigh against the place (an incident in a
Ukrainian town whose statements name only Hezbollah and Israel is of the Israel–Hezbollah
conflict; one in Lebanon naming only Russia and Ukraine is of the Russia–Ukraine war);
(2) among those alike, the country of its places (each conflict lists where it is fought,
`territory`); (3) then how many of a conflict's parties it names. The conflict ahead of
every other is the incident's; a tie (a place in Israel, with Israel alone named: Gaza,
Lebanon or Iran; Hezbollah alone named in Ukraine: Lebanon or Syria) or nothing to go on
leaves it unknown, and then every source keeps its party, as before. An incident naming no
party is of the conflict fought where it is. The fictional scenario's parties fight in its
own war (`sources.yaml`: *Coalition–Republic war (fictional scenario)*, fought nowhere on the
map), so the sample corpus's incidents that name them are of that war, not of the
Russia–Ukraine war their real town names point to. Tests swap every pair
of opposing parties through the whole table and check every registered party source
against every conflict (`tests/taxonomy/test_conflicts.py`). The grading rules are
otherwise unchanged. The results do not yet name the conflict an incident was read in: an
analyst who disagrees corrects the speaker's party (`correct_party`).

**Lookup.** A name is found whole (case, accents, punctuation and a leading "The" do not
matter), by a web address's host, or inside a longer text (as written, whole words, the
longest match wins: "Amnesty International Ukraine" is that section). Registered names
come before party names: the country in "UN Human Rights Monitoring Mission in Ukraine"
never makes the mission a party. A report's own outlet is read from its site name, web
address, byline ("By Jane Doe, Reuters") and dateline ("MINSK, 7 February (BelTA) –",
"MOSCOW, Feb 7 /TASS/"); an outlet that is named but not registered is *media,
unregistered* (reliability E, docs/grading.md). Picture credits ("EPA Reuters", "AFP via
Getty Images") are never outlets.

**Extending.** Set `CORROBORATE_SOURCES=/path/to/sources.yaml`, a file of the same form
(`sources:` list; `parties:` as in `sources.yaml`). Its entries are added to the bundled
ones; an entry with the name of a bundled one replaces it. Only `name` and `kind` are
required there. Every entry is checked when the registry loads, and a bad one stops it
with one coded error naming the file and the entry: C020 the file cannot be read, C021
not YAML or not a mapping with a `sources` list, C022 a bad field (unknown field, kind,
country, ownership, host, reference), C023 a name, alias or host that two sources claim.
It may also list `conflicts:` in the form of `sources/conflicts.yaml` (`name`, `sides`,
`territory`): they are added, or replace a bundled one of the same name; a bad one is C076.
"""


def bundled_counts() -> Counter[str]:
    """Entries per kind in the bundled real-source files (the fictional scenario apart)."""
    counts: Counter[str] = Counter()
    folder = resources.files("corroborate.taxonomy").joinpath("sources")
    for item in folder.iterdir():
        if item.name.endswith(".yaml"):
            data = yaml.load(item.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
            counts.update(str(entry["kind"]) for entry in data.get("sources", []))
    return counts


def registry_section() -> list[str]:
    """The section's lines: the text above, then the counts per kind."""
    counts = bundled_counts()
    lines = [*ABOUT.splitlines(), "", "| kind | entries |", "|---|---|"]
    lines += [f"| `{kind}` | {counts[kind]} |" for kind in sorted(KINDS)]
    lines += [f"| all | {sum(counts.values())} |", ""]
    return lines
