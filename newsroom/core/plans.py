"""The plans a language process builds from: both trees as the build driver read them.

For each language process the driver writes one file: the process's own tree as read (headers
and text) and the other tree's headers only (its counterparts' titles and addresses), so no
Markdown file is read twice. At 2,000 pairs the Arabic one is 15 MB of pickle: 0.1 s to write
and 0.16 s to load, at every build.

The preview's language processes (make serve) stay between saves. Each keeps the plans of its
last build (`held()` names them) and is then sent only what changed: the files whose header or
text differ, and the list of files when files were added, removed or renamed. The driver sends a change
only over the plans the process says it holds; anything else gets the whole plans again.
"""

from __future__ import annotations

import copy
import pickle
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from newsroom.core import languages
from newsroom.core.contract import Source, TreePlan

__all__ = ["PlansLost", "Sent", "held", "load", "unchanged", "write"]


class PlansLost(RuntimeError):
    """A change was sent over plans this process does not hold (it said it held them)."""


@dataclass(frozen=True)
class Sent:
    """What the driver last wrote for one language process: its name, and every tree's
    sources as read (the other tree's with their text, to compare with the next build's)."""

    token: str
    sources: dict[str, dict[str, Source]]


def _headers_only(source: Source) -> Source:
    cut = copy.copy(source)
    cut.header = replace(source.header, body="")
    cut.digest = ""  # (of the text, which the other process is not sent)
    return cut


def _for_process(plan: TreePlan, own: bool, sources: dict[str, Source]) -> TreePlan:
    """`plan` with `sources` (all, or the changed ones); the other tree's without their text."""
    return TreePlan(
        lang=plan.lang,
        root=plan.root,
        sources=dict(sources) if own else {rel: _headers_only(s) for rel, s in sources.items()},
    )


def _differs(before: Source | None, now: Source, own: bool) -> bool:
    """Whether the process must be sent `now`: of the other tree, only its header counts."""
    if before is None or own or before.header is now.header:
        return before != now
    return replace(before, header=replace(before.header, body=now.header.body), digest=now.digest) != now


def _trees(plans: dict[str, TreePlan], lang: str) -> dict[str, TreePlan]:
    """The trees `lang`'s process is sent: its own and the other language's."""
    return {name: plans[name] for name in (lang, languages.other(lang)) if name in plans}


def _changes(
    trees: dict[str, TreePlan], lang: str, base: Sent
) -> dict[str, tuple[dict[str, Source], list[str] | None]]:
    """For each tree: the sources that differ from `base`'s, and its list of files when that
    changed (a file added, removed or renamed), else None."""
    changes = {}
    for name, plan in trees.items():
        before = base.sources[name]
        changed = {rel: s for rel, s in plan.sources.items() if _differs(before.get(rel), s, name == lang)}
        same_files = len(before) == len(plan.sources) and list(before) == list(plan.sources)
        changes[name] = (changed, None if same_files else list(plan.sources))
    return changes


def write(plans: dict[str, TreePlan], lang: str, path: Path, base: Sent | None = None) -> Sent:
    """The plans for the language process of `lang`, into `path`: whole, or (with `base`, what
    the process holds) only what changed since `base`."""
    token = uuid.uuid4().hex
    trees = _trees(plans, lang)
    if base is None or set(base.sources) != set(trees):
        data: dict[str, object] = {
            "token": token,
            "plans": {name: _for_process(plan, name == lang, plan.sources) for name, plan in trees.items()},
        }
    else:
        changes = {
            name: (_for_process(trees[name], name == lang, changed), files)
            for name, (changed, files) in _changes(trees, lang, base).items()
        }
        data = {"token": token, "base": base.token, "changes": changes}
    with path.open("wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return Sent(token, {name: dict(plan.sources) for name, plan in trees.items()})


def unchanged(plans: dict[str, TreePlan], lang: str, base: Sent | None) -> bool:
    """Whether the process of `lang`, holding `base`, would be sent no change by `write`: the
    same files of both trees, its own as they were, the other's headers as they were."""
    trees = _trees(plans, lang)
    if base is None or set(base.sources) != set(trees):
        return False
    return all(not changed and files is None for changed, files in _changes(trees, lang, base).values())


_HELD: tuple[str, dict[str, TreePlan]] | None = None


def held() -> str:
    """The name of the plans this process holds ("" before its first build)."""
    return _HELD[0] if _HELD is not None else ""


def load(path: str | Path) -> dict[str, TreePlan]:
    """The plans in `path` (whole, or a change over the plans this process holds); kept."""
    global _HELD  # noqa: PLW0603 (one language process, one set of plans)
    with Path(path).open("rb") as handle:
        data = pickle.load(handle)  # noqa: S301 (written by this build's driver, in its own work folder)
    if "base" not in data:
        trees: dict[str, TreePlan] = data["plans"]
    else:
        if _HELD is None or _HELD[0] != data["base"]:
            _HELD = None
            raise PlansLost(
                f"{path}: this language process no longer holds the plans the build sent changes to; "
                "save again (the next build sends them whole)"
            )
        trees = {}
        for name, (changed, files) in data["changes"].items():
            sources = {**_HELD[1][name].sources, **changed.sources}
            if files is not None:  # files added, removed or renamed: the new list, in its order
                sources = {rel: sources[rel] for rel in files}
            trees[name] = TreePlan(lang=changed.lang, root=changed.root, sources=sources)
    _HELD = (data["token"], trees)
    return trees
