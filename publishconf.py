"""Settings for publishing: absolute URLs from the environment, feeds, stale output deleted."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://briefings.example.org").rstrip("/")
FEED_DOMAIN = os.environ.get("FEED_DOMAIN", SITEURL)
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
WIREBRIEF_REVIEW_PAGE = False  # the editors' review page is never published
