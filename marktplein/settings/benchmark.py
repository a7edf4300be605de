"""The load benchmark (scripts/benchmark_load): production settings on loopback, plus a
bare view to measure the rest against. Never for a real site."""

import os

from .production import *  # noqa: F403

ROOT_URLCONF = "marktplein.benchmark_urls"
# Plain http on loopback: no redirect to https.
SECURE_SSL_REDIRECT = False
STATIC_ROOT = os.environ["MARKTPLEIN_STATIC_ROOT"]
# The load client sends many requests from one address.
ACCOUNT_RATE_LIMITS = False
