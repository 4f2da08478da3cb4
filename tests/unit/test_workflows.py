"""The GitHub workflows as an operator relies on them: every action pinned to a commit (its
version in a comment), publishing only from main and only with DEPLOY set, rollback by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parent.parent.parent / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.M)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    text = workflow.read_text("utf-8")
    yaml.safe_load(text)
    found = USES.findall(text)
    assert found
    for action, rest in found:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{workflow.name}: {action} is not pinned"
        assert re.search(r"#\s*v\d", rest), f"{workflow.name}: {action} has no version comment"


def test_publishing_needs_deploy_and_main() -> None:
    text = (WORKFLOWS[0].parent / "publish.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    guard = " ".join(step.get("run", "") for step in data["jobs"]["due"]["steps"])
    assert "vars.DEPLOY" in guard and "exit 1" in guard and "refs/heads/main" in guard
    assert data["permissions"] == {"contents": "read"}


def test_rollback_is_by_hand_and_never_with_a_publish() -> None:
    data = yaml.safe_load((WORKFLOWS[0].parent / "rollback.yml").read_text("utf-8"))
    assert list(data[True]) == ["workflow_dispatch"]  # yaml reads the key `on` as True
    assert data["concurrency"]["group"] == "publish"
