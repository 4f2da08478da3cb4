"""Deploying: a real local S3-compatible server (moto), and rsync releases switched under load."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from nginxserver import free_port, running_nginx
from sitebuild import PROJECT, Build, build_fixture, copy_fixture, run_build

from newsroom.pipeline import deploy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "deploy")


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    try:
        import moto  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("the S3 deploy tests must run in CI: moto is not installed (make test installs it)")
        pytest.skip("moto is not installed (make test installs it)")
    import boto3

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    from botocore.exceptions import EndpointConnectionError  # noqa: PLC0415

    deadline = time.monotonic() + 20
    while True:  # until the server answers (a connection refused means: not up yet)
        try:
            client.list_buckets()
            break
        except EndpointConnectionError:
            assert server.poll() is None, "the S3-compatible server (moto) stopped at start"
            assert time.monotonic() < deadline, "the S3-compatible server (moto) did not start in 20 s"
            time.sleep(0.05)
    client.create_bucket(Bucket="news")
    yield client
    server.terminate()
    server.wait(timeout=10)


def test_s3_assets_first_pages_next_deletions_last(
    built: Build, s3: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("S3_BUCKET", "news")
    monkeypatch.delenv("DRY_RUN", raising=False)
    log = deploy.deploy_s3(built.output, s3)
    kinds = [
        "page" if deploy.Path(k).suffix in deploy.DOCUMENTS or k.startswith("_") else "asset"
        for action, k in log
        if action == "put"
    ]
    assert kinds == sorted(kinds)  # every asset before the first page ("asset" < "page")
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="news")["Contents"]}
    assert "ar/news/arab-city-day/index.html" in keys and not [k for k in keys if k.endswith((".br", ".gz"))]
    css = next(k for k in keys if re.fullmatch(r"theme/css/site\.[0-9a-f]{10}\.css", k))
    for key, kind in (
        (css, "text/css; charset=utf-8"),
        ("ar/index.html", "text/html; charset=utf-8"),
        ("en/feed.atom", "application/atom+xml; charset=utf-8"),
        (next(k for k in keys if k.endswith(".woff2")), "font/woff2"),
    ):
        assert s3.head_object(Bucket="news", Key=key)["ContentType"] == kind, key
    assert s3.head_object(Bucket="news", Key=css)["CacheControl"] == "public, max-age=31536000, immutable"

    # Nothing changed: nothing is sent again.
    assert deploy.deploy_s3(built.output, s3) == []

    # An article removed from the site is deleted from the bucket, after the uploads.
    site = tmp_path / "site"
    shutil.copytree(built.output.resolve(), site)
    shutil.rmtree(site / "en/news/beach-cleanup")
    (site / "en/index.html").write_text((site / "en/index.html").read_text("utf-8") + "\n", "utf-8")
    monkeypatch.setenv("CDN_PURGE_COMMAND", f"touch {tmp_path}/purged")
    log = deploy.deploy_s3(site, s3)
    actions = [a for a, _ in log]
    assert ("delete", "en/news/beach-cleanup/index.html") in log
    assert actions.index("delete") > max(i for i, a in enumerate(actions) if a == "put")
    assert actions[-1] == "purge" and (tmp_path / "purged").exists()
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="news")["Contents"]}
    assert "en/news/beach-cleanup/index.html" not in keys


def test_dry_run_changes_nothing(
    built: Build, s3: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    s3.create_bucket(Bucket="empty")
    monkeypatch.setenv("S3_BUCKET", "empty")
    monkeypatch.setenv("DRY_RUN", "1")
    log = deploy.deploy_s3(built.output, s3)
    assert log and "dry run" in capsys.readouterr().out
    assert "Contents" not in s3.list_objects_v2(Bucket="empty")


@pytest.mark.parametrize(
    ("target", "variable"),
    [("s3", "S3_BUCKET"), ("rsync", "DEPLOY_TARGET"), ("rollback", "DEPLOY_TARGET"), ("gh-pages", "GH_PAGES_REMOTE")],
)
def test_missing_settings_are_named(built: Build, target: str, variable: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("S3_BUCKET", "DEPLOY_TARGET", "GH_PAGES_REMOTE")}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "deploy", target, "--output", str(built.output)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert f"Not deployed: {variable} is not set" in result.stderr


def test_rsync_releases_switch_without_a_404_or_mixed_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not shutil.which("rsync"):
        if os.environ.get("CI") == "true":
            pytest.fail("rsync must be installed in CI")
        pytest.skip("rsync is not installed")
    # Two versions of the site whose stylesheet differs (so its hashed name differs).
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    builds = []
    for number in (1, 2):
        with (theme / "static/css/site.css").open("a") as sheet:
            sheet.write(f"\n/* version {number} */\n")
        build = run_build(copy_fixture(tmp_path / f"c{number}"), tmp_path / f"b{number}", "--theme", str(theme))
        assert build.returncode == 0, build.text
        builds.append(build)
    target = tmp_path / "server"
    monkeypatch.setenv("DEPLOY_TARGET", str(target))
    monkeypatch.delenv("DRY_RUN", raising=False)
    deploy.deploy_rsync(builds[0].output, "20260101T000000Z")
    failures: list[str] = []
    seen: set[str] = set()
    stop = threading.Event()
    snippet = builds[0].work / "deploy" / "nginx-snippet.conf"
    with running_nginx(target / "current", snippet, tmp_path / "nginx") as server:
        visits = threading.Condition()
        count = [0]

        def visitor() -> None:
            deadline = time.monotonic() + 60
            try:
                while not stop.is_set() and time.monotonic() < deadline:
                    status, _, body = server.get("/ar/")
                    css = re.search(rb'href="(/theme/css/site\.([0-9a-f]{10})\.css)"', body) if status == 200 else None
                    if css is None:
                        failures.append(f"/ar/ answered {status} without its stylesheet")
                    else:
                        status, _, sheet = server.get(css.group(1).decode())
                        seen.add(css.group(2).decode())
                        if status != 200:
                            failures.append(f"{css.group(1).decode()} answered {status}")
                        elif deploy.hashlib.sha256(sheet).hexdigest()[:10] != css.group(2).decode():
                            failures.append("a page got a stylesheet from another release")
                    with visits:
                        count[0] += 1
                        visits.notify_all()
            except Exception as exc:  # noqa: BLE001 (reported to the test, not lost in the thread)
                failures.append(f"the visitor failed: {exc!r}")
                with visits:
                    visits.notify_all()

        def visited(more: int) -> None:
            """Wait until the visitor has loaded the page `more` more times (not a fixed sleep)."""
            with visits:
                target_count = count[0] + more
                assert visits.wait_for(lambda: count[0] >= target_count or failures, timeout=30), "no visits"

        thread = threading.Thread(target=visitor)
        thread.start()
        visited(3)
        for number, build in enumerate([builds[1], builds[0], builds[1]], 2):
            deploy.deploy_rsync(build.output, f"2026010{number}T000000Z")
            visited(3)
        deploy.rollback()
        visited(3)
        stop.set()
        thread.join()
    assert not failures, failures[:5]
    assert len(seen) == 2  # both versions were really served
    releases = sorted(p.name for p in (target / "releases").iterdir())
    assert len(releases) == 4 and os.readlink(target / "current") == "releases/20260103T000000Z"


def test_rsync_makes_no_release_when_nothing_changed(
    built: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not shutil.which("rsync"):
        if os.environ.get("CI") == "true":
            pytest.fail("rsync must be installed in CI")
        pytest.skip("rsync is not installed")
    target = tmp_path / "server"
    monkeypatch.setenv("DEPLOY_TARGET", str(target))
    monkeypatch.delenv("DRY_RUN", raising=False)
    first = deploy.deploy_rsync(built.output, "20260101T000000Z")
    again = deploy.deploy_rsync(built.output, "20260101T000100Z")
    assert again == first and sorted(p.name for p in (target / "releases").iterdir()) == [first]
    # one changed file: a new release
    changed = tmp_path / "changed"
    shutil.copytree(built.output, changed, symlinks=False)
    (changed / "robots.txt").write_text("User-agent: *\nAllow: /\n# changed\n", "utf-8")
    third = deploy.deploy_rsync(changed, "20260101T000200Z")
    assert third == "20260101T000200Z" and (target / "current").resolve().name == third


def test_s3_old_assets_wait_their_grace_period_and_redirects_are_real(
    s3: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = copy_fixture(tmp_path / "content")
    article = content / "ar/news/road-opening.md"
    article.write_text(
        article.read_text("utf-8").replace("\n\n", "\nRedirect-From: /ar/2019/old-road/\n\n", 1), "utf-8"
    )
    first = run_build(content, tmp_path / "one")
    assert first.returncode == 0, first.text
    s3.create_bucket(Bucket="grace")
    monkeypatch.setenv("S3_BUCKET", "grace")
    monkeypatch.delenv("DRY_RUN", raising=False)
    deploy.deploy_s3(first.output, s3)
    old = s3.head_object(Bucket="grace", Key="ar/2019/old-road/index.html")
    assert old["WebsiteRedirectLocation"] == "/ar/news/road-opening/"
    # A new stylesheet: the old one is no longer used, but stays (cached pages still name it).
    site = tmp_path / "two"
    shutil.copytree(first.output.resolve(), site)
    css = next((site / "theme/css").glob("site.*.css"))
    css.rename(css.with_name("site.0123456789.css"))
    log = deploy.deploy_s3(site, s3)
    old_key = f"theme/css/{css.name}"
    assert ("delete", old_key) not in log
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="grace")["Contents"]}
    assert old_key in keys and "theme/css/site.0123456789.css" in keys
    state = json.loads(s3.get_object(Bucket="grace", Key=deploy.STATE_KEY)["Body"].read())
    assert old_key in state
    # past the grace period, the next deploy deletes it
    since = deploy.dt.datetime.fromisoformat(state[old_key])
    unused = dict(state)
    plan = deploy.plan_s3(deploy.site_files(site), {old_key: "x"}, unused, since + deploy.ASSET_GRACE)
    assert plan.deletions == [old_key] and old_key not in unused
    plan = deploy.plan_s3(deploy.site_files(site), {old_key: "x"}, dict(state), since + deploy.dt.timedelta(days=1))
    assert plan.deletions == []
