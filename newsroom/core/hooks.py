"""Declared hooks between plugins: what a page shows, without knowing another plugin's names.

A plugin that adds items to the template context (the achievements plugin's awards, the
home page's lead story) declares which of them each template's pages show; a plugin that
needs to know what a page shows (the incremental plugin, which renders a page again only
when something it shows changed) asks here. Neither imports the other, and neither knows the
other's template names or context keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["SHOWN_KEY", "declare_shown", "shown_by"]

# The context key that holds the declarations: {template name: [pick, ...]}.
SHOWN_KEY = "NEWSROOM_SHOWN"
Pick = Callable[[dict[str, Any]], list[Any]]


def declare_shown(context: dict[str, Any], template: str, pick: Pick) -> None:
    """Pages made from `template` show the items `pick(context)` returns."""
    context.setdefault(SHOWN_KEY, {}).setdefault(template, []).append(pick)


def shown_by(context: dict[str, Any], template: str) -> list[Any]:
    """Every item the declarations say a page made from `template` shows."""
    items: list[Any] = []
    for pick in context.get(SHOWN_KEY, {}).get(template, []):
        items += pick(context) or []
    return items
