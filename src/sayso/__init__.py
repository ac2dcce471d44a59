"""sayso: who said what, when, through which channel - from news articles."""

from __future__ import annotations

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
