"""``python -m service``: the command line (serve, annotate, models)."""

from service.cli import main

raise SystemExit(main())
