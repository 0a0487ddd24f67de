"""考评工作台: a small server-rendered web app over the same pipeline functions as the CLI."""
from .app import create_app

__all__ = ["create_app"]
