"""Moved to ``core.blocks``; old migrations import ``language_choices`` from here."""

from core.blocks import language_choices

__all__ = ["language_choices"]
