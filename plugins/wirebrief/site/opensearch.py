"""opensearch.xml: the OpenSearch description every page links to (<link rel="search">), so a
browser can add the site as a search engine and search it from its address bar. The query
goes to the search page (search.html?q=…), which runs it on load."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr, escape as xml_escape

from ..files import write_if_changed
from .feeds import plain
from .jsonld import search_page

NAME = "opensearch.xml"
SHORT_NAME_MAX = 16   # the specification's limit for ShortName


def description(site: str, settings: dict) -> str:
    name = plain(settings.get("SITENAME")) or "Briefings"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"  <ShortName>{xml_escape(name[:SHORT_NAME_MAX].strip())}</ShortName>\n"
        f"  <Description>{xml_escape(f'Search the briefings of {name}')}</Description>\n"
        f"  <Language>{xml_escape(settings.get('DEFAULT_LANG', 'en'))}</Language>\n"
        "  <InputEncoding>UTF-8</InputEncoding>\n"
        f"  <Url type=\"text/html\" method=\"get\" template={quoteattr(f'{site}/{search_page(settings)}?q={{searchTerms}}')}/>\n"
        f"  <Url type=\"application/opensearchdescription+xml\" rel=\"self\" template={quoteattr(f'{site}/{NAME}')}/>\n"
        "</OpenSearchDescription>\n"
    )


def write_opensearch(output_path: str, site: str, settings: dict, plan) -> None:
    """Written when the site's settings or code change (plan: the build's RenderPlan, whose
    fingerprint holds them; None renders every time)."""
    if plan is not None and plan.fresh(NAME, NAME):
        return
    write_if_changed(Path(output_path) / NAME, description(site, settings).encode())
    if plan is not None:
        plan.made(NAME, NAME)
