"""What the render plan learns from the theme's templates (site/template_reads.py)."""

from jinja2 import DictLoader, Environment

from wirebrief.site.template_reads import reads

TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block content %}{% endblock %}"
                 "{% for p in pages %}<a href='{{ p.url }}'>{{ p.title }}</a>{% endfor %}",
    "_macros.html": "{% macro item(article) %}<h2>{{ article.title }}</h2>{{ line(article) }}{% endmacro %}"
                    "{% macro line(a) %}<p>{{ a.city }} {{ a.date }}</p>{% endmacro %}",
    "index.html": "{% extends 'base.html' %}{% from '_macros.html' import item with context %}"
                  "{% block content %}{% for day, items in front_days %}<h2>{{ day }}</h2>"
                  "{% for article in items %}{{ item(article) }}{% endfor %}{% endfor %}{% endblock %}",
    "places.html": "{% extends 'base.html' %}{% set facets = places %}{% block content %}"
                   "{% for f in facets %}{{ f.name }} ({{ f.articles|length }}){% endfor %}{% endblock %}",
    "archives.html": "{% for day, items in articles|groupby('day') %}{{ day }}: {{ items|count }}{% endfor %}",
    "article.html": "{% extends 'base.html' %}{% block content %}{{ article.content }}"
                    "{% if article.related %}{% for r in article.related %}{{ r.title }}{% endfor %}{% endif %}{% endblock %}",
}


def env() -> Environment:
    return Environment(loader=DictLoader(TEMPLATES))


def test_names_include_what_the_templates_it_extends_and_imports_read():
    r = reads(env(), "index.html")
    assert {"SITENAME", "pages", "front_days"} <= r.names
    assert {"title", "city", "date"} <= r.attributes


def test_the_items_of_a_list_are_asked_what_loops_and_macros_ask_of_them():
    r = dict(reads(env(), "index.html").items)
    assert {"title", "city", "date"} <= r["items"]          # through item() and line()
    assert r["pages"] == {"url", "title"}
    assert dict(reads(env(), "index.html").unpacked)["front_days"] == ("day", "items")
    assert dict(reads(env(), "archives.html").items)["articles"] == {"day"}   # groupby("day")
    assert dict(reads(env(), "article.html").items)[".related"] == {"title"}


def test_a_list_only_counted_is_keyed_by_its_length():
    assert ".articles" in reads(env(), "places.html").counted
    assert dict(reads(env(), "places.html").items)["places"] >= {"name", "articles"}   # through `set facets`
    assert "articles" not in reads(env(), "index.html").counted


def test_the_page_subject_is_not_a_listed_item():
    r = reads(env(), "article.html")
    assert {"title", "url"} <= r.listed and "content" in r.attributes
    assert "content" not in r.listed and all("content" not in asked for _, asked in r.items)
