"""``python -m germanclusters``: the command line."""

from germanclusters.cli import main

raise SystemExit(main())
