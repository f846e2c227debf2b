"""``python -m corroborate`` runs the command line."""

from __future__ import annotations

from corroborate.cli.app import main

main()
