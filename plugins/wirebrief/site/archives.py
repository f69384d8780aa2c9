"""Day and month pages, keyed by date, in one pass over the briefings."""

from __future__ import annotations

import calendar
from collections import defaultdict


def period_archives(articles: list, settings: dict, save_as: dict[str, str | None]) -> dict[str, list[dict]]:
    """Day and month pages, in the form Pelican gives its period archives (oldest first;
    each with the period's articles newest first). Wirebrief makes them itself in one pass:
    Pelican's own way tests every article against every period, which grows with the
    square of the site (its *_ARCHIVE_SAVE_AS are left empty in pelicanconf.py)."""
    archives: dict[str, list[dict]] = {}
    for granularity, width in (("day", 3), ("month", 2)):
        pattern = save_as.get(granularity) or settings.get(f"{granularity.upper()}_ARCHIVE_URL")
        if not pattern:
            continue
        groups: dict[tuple, list] = defaultdict(list)
        for article in articles:
            groups[(article.date.year, article.date.month, article.date.day)[:width]].append(article)
        archives[granularity] = []
        for period_num in sorted(groups):
            items = groups[period_num]
            first = items[-1].date
            period = (period_num[0], calendar.month_name[period_num[1]], *period_num[2:])
            archives[granularity].append({
                "save_as": pattern.format(date=first), "url": settings[f"{granularity.upper()}_ARCHIVE_URL"].format(date=first),
                "period": period, "period_num": period_num, "articles": items, "dates": items[::-1]})
    return archives


def link_days(archives: list[dict]) -> None:
    """Previous and next period on each day and month archive (Pelican lists them oldest first)."""
    for i, archive in enumerate(archives):
        archive["previous"] = archives[i - 1] if i > 0 else None
        archive["next"] = archives[i + 1] if i + 1 < len(archives) else None
