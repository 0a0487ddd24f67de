"""CLI subcommands; the only layer that turns typed errors into user messages."""
from .zh import install

install()
