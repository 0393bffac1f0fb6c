"""Command-line interface (typer + rich); every read command takes ``--json``."""
