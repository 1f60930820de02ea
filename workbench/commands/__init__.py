"""CLI command modules registered by workbench/cli.py."""

__all__: list[str] = []
