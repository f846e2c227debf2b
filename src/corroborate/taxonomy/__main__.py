"""``python -m corroborate.taxonomy`` prints the generated docs page (docs/taxonomy.md)."""

from __future__ import annotations

import sys

from corroborate.taxonomy import render_markdown

sys.stdout.write(render_markdown())
