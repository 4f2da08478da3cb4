"""`shared("partials/x.html", name=value, ...)` in templates: a partial rendered once per
process for the same values, then reused.

For partials whose output depends only on the values passed and on the site (its address,
language and translations): an article's card appears on the home page, the archive, its
category and each of its tags, and a date on every card and page that shows it. The
partial sees only the values given, `SITEURL` and the template globals, so it cannot
depend on the page it is shown on by mistake (StrictUndefined makes that an error).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

__all__ = ["shared_function"]


def _identity(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    if hasattr(value, "source_path"):  # content objects live as long as the process
        return ("id", id(value))
    return value


def shared_function() -> Callable[..., Markup]:
    """The `shared(...)` template function, with its own memo of rendered partials."""
    memo: dict[tuple[Any, ...], Markup] = {}

    @pass_context
    def shared(context: Context, name: str, **values: Any) -> Markup:
        key = (name, context.get("SITEURL", ""), *sorted((k, _identity(v)) for k, v in values.items()))
        found = memo.get(key)
        if found is None:
            template = context.environment.get_template(name)
            found = memo[key] = Markup(template.render(SITEURL=context.get("SITEURL", ""), **values))
        return found

    return shared
