"""CLI commands grouped by topic; each module registers its commands on ``workbench.cli.cli``."""
