"""Settings for publishing: absolute URLs from the environment, feeds, stale output deleted."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = WIREBRIEF_PUBLIC_URL.rstrip("/")  # noqa: F405 (pelicanconf.py: $SITEURL, else the example address)
FEED_DOMAIN = os.environ.get("FEED_DOMAIN", SITEURL)
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
WIREBRIEF_REVIEW_PAGE = False  # the editors' review page is never published
WIREBRIEF_SHOW_SEED_PATH = False  # nor the seed file a briefing came from
# `make publish` builds beside output/ and then swaps the build in: the folder it replaces,
# which the seeds folder must not be inside
WIREBRIEF_PUBLISH_OUTPUT = os.environ.get("WIREBRIEF_PUBLISH_OUTPUT")
