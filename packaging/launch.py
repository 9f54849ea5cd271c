"""The frozen app's entry point: the same `trainer` command as an installed package."""

from trainer.cli import main

raise SystemExit(main())
