"""A deterministic newsroom: N wire seeds in the mix of formats real copy arrives in.

Each seed is 150 to 800 words, dated over two years (the file's modification time is set
to its day, as if an editor dropped it then), datelined in one of a few hundred real
cities, naming people and countries with the repetition real news has.

    python benchmarks/generate.py OUTPUT_DIR --n 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from wirebrief.extract import gazetteer  # noqa: E402

FIRST = ["Li", "Wang", "Maria", "John", "Aisha", "Kenji", "Olga", "Pedro", "Amara", "Lucas", "Fatima", "Hans",
         "Priya", "Tomas", "Elena", "Samuel", "Mei", "Ahmed", "Sofia", "David", "Ines", "Yuki", "Omar", "Anna"]
LAST = ["Keqiang", "Lifeng", "Lopez", "Smith", "Bello", "Sato", "Ivanova", "Alves", "Okafor", "Martin", "Haddad",
        "Weber", "Sharma", "Novak", "Rossi", "Brooks", "Chen", "Karimi", "Garcia", "Miller", "Costa", "Tanaka"]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Trade Minister", "Mayor", "Governor", "Chancellor",
         "Finance Minister", "Ambassador", "Energy Minister"]
TOPICS = ["trade talks", "gas supply", "rail strike", "grain harvest", "chip exports", "museum opening",
          "marathon", "heat wave", "election campaign", "drone deliveries", "olive oil prices", "metro line"]
VERBS = ["said", "told reporters", "added", "announced", "stressed"]
FILLER = ("Officials expect the plan to take effect next month, and analysts said the move reflected "
          "growing pressure on budgets across the region. ").split()
AGENCIES = ["xinhua", "ap", "reuters", "afp", "tass", "yonhap", "kyodo", "pti", "dpa", "efe", "plain"]


def cities(rng: random.Random, count: int = 300) -> list[tuple[str, str]]:
    """Real cities from the gazetteer: the most populous, as (name, country)."""
    gz = gazetteer
    all_cities = sorted(gz._geo().get_cities().values(), key=lambda c: -c["population"])[:count * 2]
    picked = [(c["name"], gz.countries().get(c["countrycode"], "")) for c in all_cities if c["name"].isascii()]
    return picked[:count]


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(words)).capitalize() + "."


def seed_text(rng: random.Random, day: datetime, city: str, country: str, people: list[tuple[str, str]],
              countries: list[str], topic: str) -> str:
    agency = rng.choice(AGENCIES)
    person, role = people[0]
    headline = f"{country or city} {rng.choice(['weighs', 'backs', 'delays', 'opens', 'rejects'])} {topic} plan"
    month = day.strftime("%b.")
    up = city.upper()
    datelines = {
        "xinhua": f"{up}, {month} {day.day} (Xinhua) -- ",
        "ap": f"{up} (AP) — ",
        "reuters": f"{up}, {day:%b} {day.day} (Reuters) - ",
        "afp": f"{city} (AFP) - ",
        "tass": f"{up}, {day:%B} {day.day}. /TASS/. ",
        "yonhap": f"{up}, {month} {day.day} (Yonhap) -- ",
        "kyodo": f"{up}, {day:%B} {day.day} Kyodo - ",
        "pti": f"{city}, {day:%b} {day.day} (PTI) ",
        "dpa": f"{city} (dpa) - ",
        "efe": f"{city}, {day:%b} {day.day} (EFE).- ",
        "plain": "",
    }
    lede = (f"{datelines[agency]}{role} {person} {rng.choice(VERBS)} on {day:%A} that talks on the {topic} "
            f"with {', '.join(countries)} would go on, officials in {city} said.")
    caption = ""
    if rng.random() < 0.6:
        caption = (f"{person} speaks in {city}, {country}, {day:%B} {day.day}, {day.year}. "
                   + rng.choice(["(Photo: Xinhua)", "(AP Photo/Ana Ruiz)", "REUTERS/Tom Ashford",
                                 "Photo by Claire DUVAL / AFP", "Photo: Anna Keller/dpa"])) + "\n\n"
    body = [lede]
    words = rng.randint(150, 800)
    while sum(len(p.split()) for p in body) < words:
        extra = rng.choice(people)
        body.append(f"{extra[1]} {extra[0]} {rng.choice(VERBS)} the {topic} mattered. " + paragraph(rng, rng.randint(30, 70)))
    trailer = {"xinhua": "\n\nEnditem", "reuters": "\n\nReporting by Alice Turner; Editing by Mark Heller",
               "yonhap": "\n\n(END)", "kyodo": "\n\n==Kyodo"}.get(agency, "")
    return f"{headline}\n\n{caption}" + "\n\n".join(body) + trailer + "\n"


def generate(out: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    places = cities(rng)
    names = [(f"{f} {l}", rng.choice(ROLES)) for f in FIRST for l in LAST]
    rng.shuffle(names)
    famous = names[:300]
    country_names = sorted({c for _, c in places if c})
    start = datetime(2024, 1, 1, 8, tzinfo=timezone.utc)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        day = start + timedelta(minutes=int(i * (2 * 365 * 24 * 60) / max(n, 1)))
        city, country = places[min(int(rng.paretovariate(1.2)) - 1, len(places) - 1)]
        people = [famous[min(int(rng.paretovariate(1.1)) - 1, len(famous) - 1)] for _ in range(rng.randint(1, 3))]
        countries = rng.sample(country_names, rng.randint(1, 3))
        text = seed_text(rng, day, city, country, people, countries, rng.choice(TOPICS))
        path = out / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (day.timestamp(), day.timestamp()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
