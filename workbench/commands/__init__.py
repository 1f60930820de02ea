"""CLI commands grouped by topic; each module registers its commands on ``workbench.cli.cli``."""

__all__: list[str] = []
