"""What the site does with a story's life on the wire (ingest/stories.py, extract/lifecycle.py).

- A withdrawn (killed) briefing is on no page, feed, sitemap or search index: a notice stands
  at its address instead, served as 410 Gone where the host reads `_redirects` (Netlify).
- An embargoed briefing is nowhere in output/ until its time; the first build after it lifts
  publishes it (the publish workflow builds on a schedule for that). Copy held with no time
  that can be read waits until an editor releases it (by removing `wire_status` from the post).
- Flash, bulletin and urgent copy leads the front page for WIREBRIEF_URGENT_HOURS.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..extract.lifecycle import URGENCIES
from ..ingest.sync import kept_edits

log = logging.getLogger(__name__)

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "ps", "yi"}


def embargo_lifted(article, now: datetime) -> bool:
    when = getattr(article, "embargo", None)
    if not when:
        return False   # held with no time that can be read: an editor releases it
    try:
        moment = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
    except ValueError:
        return False
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)) <= now


def next_embargo(held: list) -> datetime | None:
    """When the first embargo with a time lifts (the next build that must run, nothing else changed)."""
    times = []
    for article in held:
        try:
            moment = datetime.fromisoformat(str(getattr(article, "embargo", "") or "").replace("Z", "+00:00"))
        except ValueError:
            continue
        times.append(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))
    return min(times, default=None)


def killed_by_the_agency(posts_dir: Path) -> set[str]:
    """Seeds of posts an editor changed whose story the agency has since withdrawn: the kill
    wins over the edit, which stays in content/ for the record."""
    return {seed for seed, _, why in kept_edits(posts_dir) if why.startswith("withdrawn by the agency")}


def _images(article) -> set[str]:
    found = {getattr(article, name, None) for name in ("image", "image_large")}
    found.update(path for path, _ in getattr(article, "image_candidates", []) or [])
    return {p for p in found if p}


def hold_back(generator, now: datetime | None = None) -> None:
    """article_generator_pretaxonomy: withdrawn and embargoed briefings leave every list of
    articles (and drafts, hidden ones, translations) before anything is built from them
    (categories, tags, archives, facets, feeds, related); their photos are not copied."""
    now = now or datetime.now(timezone.utc)
    killed = killed_by_the_agency(Path(generator.path) / generator.settings.get("WIREBRIEF_POSTS_DIR", "briefings"))
    withdrawn, held = [], []
    for name in ("articles", "hidden_articles", "drafts", "translations", "hidden_translations", "drafts_translations"):
        kept = []
        for article in getattr(generator, name, []):
            status = getattr(article, "wire_status", None)
            if status == "canceled" or getattr(article, "seed", None) in killed:
                withdrawn.append(article)
            elif status == "withheld" and not embargo_lifted(article, now):
                held.append(article)
            else:
                kept.append(article)
        setattr(generator, name, kept)
    generator.context["withdrawn_articles"] = withdrawn
    generator.context["held_articles"] = held
    generator.context["held_images"] = set().union(*(_images(a) for a in withdrawn + held))
    if withdrawn or held:
        log.info("wirebrief: %d withdrawn briefing(s) replaced by a notice, %d held under embargo", len(withdrawn), len(held))


def hold_back_photos(generator) -> None:
    """static_generator_finalized: the lead photos of withdrawn and embargoed briefings are not
    copied into output/ (their names carry the headline's slug)."""
    held = generator.context.get("held_images") or set()
    if held:
        generator.staticfiles = [f for f in generator.staticfiles if f.save_as not in held]
        generator.context["staticfiles"] = [f for f in generator.context.get("staticfiles", []) if f.save_as not in held]


def leading(articles: list, hours: int) -> list:
    """Flash, bulletin and urgent briefings of the last `hours` before the newest briefing, most
    urgent first, then newest: counted back from the newest briefing, not the clock, so the
    same commit builds the same front page on any day."""
    if not articles:
        return []
    newest = max(a.date for a in articles)
    found = [a for a in articles if getattr(a, "urgency", None) in URGENCIES and a.date >= newest - timedelta(hours=hours)]
    return sorted(found, key=lambda a: (URGENCIES.index(a.urgency), -a.date.timestamp(), a.slug))


def text_direction(lang: str | None) -> str:
    return "rtl" if (lang or "").split("-")[0] in RIGHT_TO_LEFT else "ltr"
