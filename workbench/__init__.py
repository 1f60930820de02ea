"""The workbench application: store, review, sign-off, export, CLI and dashboard."""

__all__: list[str] = []
