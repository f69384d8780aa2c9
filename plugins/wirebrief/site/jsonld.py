"""schema.org NewsArticle for each briefing's page, and WebSite (with its SearchAction) for
the front page; serialised in the templates with |tojson."""

from __future__ import annotations

from .feeds import plain

# The agencies' English datelines abbreviate months as AP style does: BEIJING, Nov. 29 (Xinhua)
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def search_page(settings: dict) -> str:
    """The search page's path (Pelican's direct template `search`)."""
    return settings.get("SEARCH_SAVE_AS") or "search.html"


def dateline(article) -> str | None:
    """The briefing's dateline: the copy's own, as printed; else, where its place and date are
    known (not just the day the seed was received), one in the agencies' style: the city in
    capitals, the AP-style day, the agency in parentheses when known (`BEIJING, Nov. 29 (Xinhua)`)."""
    if getattr(article, "dateline", None):
        return plain(article.dateline)
    place = getattr(article, "city", None) or (getattr(article, "location", None) or "").split(",")[0].strip()
    if not place or getattr(article, "date_source", None) == "received":
        return None
    day = article.date
    agency = f" ({plain(article.source)})" if getattr(article, "source", None) else ""
    return f"{plain(place).upper()}, {AP_MONTHS[day.month - 1]} {day.day}{agency}"


def website(site: str, settings: dict) -> dict:
    """schema.org WebSite with a SearchAction: search engines and browsers can search the
    site through search.html?q=… (the search page runs the query it is given)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": plain(settings.get("SITENAME")),
        "url": site + "/",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site}/{search_page(settings)}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def jsonld(article, site: str, settings: dict) -> dict:
    """schema.org NewsArticle; serialised in the template with |tojson, never pasted."""
    url = f"{site}/{article.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain(article.title),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "description": plain(getattr(article, "summary", "")),
        "articleSection": str(article.category),
        "inLanguage": getattr(article, "lang", None) or settings.get("DEFAULT_LANG", "en"),
        "keywords": [str(t) for t in getattr(article, "tags", [])],
        "publisher": {"@type": "NewsMediaOrganization", "name": plain(settings.get("SITENAME")), "url": site + "/"},
    }
    if line := dateline(article):
        data["dateline"] = line
    if getattr(article, "location", None):
        address = {k: plain(v) for k, v in (("addressLocality", getattr(article, "city", None)),
                                            ("addressRegion", getattr(article, "region", None)),
                                            ("addressCountry", getattr(article, "country", None))) if v}
        data["locationCreated"] = {"@type": "Place", "name": plain(article.location), "address": {"@type": "PostalAddress", **address}}
    about = [{"@type": "Person", "name": plain(p.name), **({"jobTitle": plain(p.role)} if p.role else {})} for p in article.people_list]
    mentions = [{"@type": "Country", "name": plain(c)} for c in article.countries_list]
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    if getattr(article, "source", None):
        data["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": plain(article.source)}
    if getattr(article, "byline", None):
        data["author"] = {"@type": "Person", "name": plain(article.byline)}
    elif getattr(article, "source", None):
        data["author"] = {"@type": "Organization", "name": plain(article.source)}
    if getattr(article, "image_large", None):
        data["image"] = {"@type": "ImageObject", "url": f"{site}/{article.image_large}"}
    if getattr(article, "photo_caption", None) or getattr(article, "photo_credit", None):
        image = dict(data.get("image", {"@type": "ImageObject"}))
        if getattr(article, "photo_caption", None):
            image["caption"] = plain(article.photo_caption)
        if getattr(article, "photo_credit", None):
            image["creditText"] = plain(article.photo_credit)
        data["associatedMedia"] = image
        if "image" in data:
            data["image"] = image
    if getattr(article, "correction", None):
        data["correction"] = {"@type": "CorrectionComment", "text": plain(article.correction),
                              "datePublished": getattr(article, "modified", article.date).isoformat()}
    return data
