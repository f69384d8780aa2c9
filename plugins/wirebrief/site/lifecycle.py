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

from ..extract.lifecycle import URGENCIES

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


def hold_back(generator, now: datetime | None = None) -> None:
    """article_generator_pretaxonomy: withdrawn and embargoed briefings leave the article list
    before anything is built from it (categories, tags, archives, facets, feeds, related)."""
    now = now or datetime.now(timezone.utc)
    kept, withdrawn, held = [], [], []
    for article in generator.articles:
        status = getattr(article, "wire_status", None)
        if status == "canceled":
            withdrawn.append(article)
        elif status == "withheld" and not embargo_lifted(article, now):
            held.append(article)
        else:
            kept.append(article)
    generator.articles = kept
    generator.context["withdrawn_articles"] = withdrawn
    if withdrawn or held:
        log.info("wirebrief: %d withdrawn briefing(s) replaced by a notice, %d held under embargo", len(withdrawn), len(held))


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
