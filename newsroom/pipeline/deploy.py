"""Deploy the built site (output/) to a host.

    newsroom deploy s3         # any S3-compatible bucket (make deploy-s3)
    newsroom deploy rsync      # a releases folder on a server (make deploy-rsync)
    newsroom deploy rollback   # back to the previous release there (make rollback)
    newsroom deploy gh-pages   # a gh-pages branch (make deploy-gh-pages)
    newsroom deploy cloudfront # prints the S3 + CloudFront template (CloudFormation) to apply once

Everything comes from environment variables (below); a missing one is named, with what
to set, and the exit status is non-zero. DRY_RUN=1 prints the plan and changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from newsroom import PROJECT

from .headers import cache_control

DOCUMENTS = {".html", ".xml", ".atom", ".txt", ".json"}
TYPES = {
    ".atom": "application/atom+xml",
    ".woff2": "font/woff2",
    ".js": "text/javascript",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".xml": "application/xml",
    ".pagefind": "application/wasm",
    ".pf_meta": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
KEEP_RELEASES = 5
# S3: an old hashed asset (theme/…) is deleted only this long after it stopped being used:
# pages cached by browsers and the CDN still name it meanwhile.
ASSET_GRACE = dt.timedelta(days=7)
STATE_KEY = ".newsroom/unused-assets.json"  # {key: when it stopped being used}, kept in the bucket
UPLOADS = 8  # uploads at once


class DeployError(Exception):
    """Something the person deploying can fix; the text says what."""


def need(name: str, what: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise DeployError(f"{name} is not set: {what}")
    return value


def dry_run() -> bool:
    return os.environ.get("DRY_RUN") == "1"


def content_type(path: str) -> str:
    suffix = Path(path).suffix
    kind = TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or suffix in (".atom", ".xml", ".json") else kind


def site_files(output: Path) -> dict[str, Path]:
    """Files to publish, keyed by their path in the bucket (precompressed copies left out:
    an object store cannot choose between them; the CDN compresses)."""
    root = output.resolve()
    if not (root / "index.html").exists():
        raise DeployError(f"{output} has no built site: run `make publish` first")
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix not in (".br", ".gz")
    }


# --- S3 -------------------------------------------------------------------------------------------
@dataclass
class S3Plan:
    assets: list[str] = field(default_factory=list)  # first: nothing refers to them yet
    documents: list[str] = field(default_factory=list)  # then the pages that refer to them
    deletions: list[str] = field(default_factory=list)  # last: nothing refers to them any more
    unchanged: int = 0


def plan_s3(
    local: dict[str, Path],
    remote: dict[str, str],
    unused: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> S3Plan:
    """What to upload and delete. `unused`: old assets and since when (updated in place): an
    asset under theme/ no longer in the site is deleted only ASSET_GRACE after it stopped being used."""
    plan = S3Plan()
    unused = {} if unused is None else unused
    moment = now or dt.datetime.now(dt.UTC)
    for key, path in local.items():
        unused.pop(key, None)  # in use again
        if remote.get(key) == hashlib.md5(path.read_bytes()).hexdigest():  # noqa: S324 (S3's ETag)
            plan.unchanged += 1
        elif Path(key).suffix in DOCUMENTS or key in ("_headers", "_redirects"):
            plan.documents.append(key)
        else:
            plan.assets.append(key)
    for key in sorted(set(remote) - set(local)):
        if key.startswith("theme/"):
            since = dt.datetime.fromisoformat(unused.setdefault(key, moment.isoformat()))
            if moment - since < ASSET_GRACE:
                continue
            unused.pop(key)
        plan.deletions.append(key)
    for key in [k for k in unused if k not in remote]:  # deleted by hand meanwhile
        del unused[key]
    return plan


def redirect_targets(output: Path, local: dict[str, Path]) -> dict[str, str]:
    """{key of the page at an old address: the new address} from `_redirects`: uploaded with
    `x-amz-website-redirect-location`, so an S3 website endpoint (and a CDN before it) answers
    the old address with a real 301."""
    found: dict[str, str] = {}
    rules = output / "_redirects"
    if not rules.exists():
        return found
    for line in rules.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[2] != "301" or "*" in parts[0]:
            continue
        old = unquote(parts[0]).lstrip("/")
        for key in [old + "index.html"] if old.endswith("/") else [old + "/index.html", old]:
            if key in local:
                found[key] = parts[1]
                break
    return found


def _unused_assets(client: Any, bucket: str) -> dict[str, str]:
    """The old assets kept for their grace period, and since when (empty if none yet)."""
    try:
        body = client.get_object(Bucket=bucket, Key=STATE_KEY)["Body"].read()
        found = json.loads(body)
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
    except Exception:  # noqa: BLE001 (no such object yet, or damaged: start again, nothing deleted early)
        return {}


def s3_client() -> Any:
    import boto3  # noqa: PLC0415

    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
    )


def deploy_s3(output: Path, client: Any = None) -> list[tuple[str, str]]:
    """Upload changed files (assets, then pages), then delete what is gone; return the log."""
    bucket = need(
        "S3_BUCKET", "the bucket to publish to, e.g. S3_BUCKET=news-site (and S3_ENDPOINT_URL for a non-AWS endpoint)"
    )
    if client is None:
        if not (os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY")):
            raise DeployError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: the bucket's access keys")
        client = s3_client()
    local = site_files(output)
    remote: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            if not item["Key"].startswith(".newsroom/"):
                remote[item["Key"]] = item["ETag"].strip('"')
    unused = _unused_assets(client, bucket)
    plan = plan_s3(local, remote, unused)
    redirects = redirect_targets(output, local)
    log: list[tuple[str, str]] = []
    print(
        f"S3 {bucket}: {len(plan.assets)} assets and {len(plan.documents)} pages to upload, "
        f"{len(plan.deletions)} to delete, {plan.unchanged} unchanged, {len(unused)} old assets kept for now"
        + (" (dry run)" if dry_run() else "")
    )

    def put(key: str) -> None:
        extra = {"WebsiteRedirectLocation": redirects[key]} if key in redirects else {}
        client.put_object(
            Bucket=bucket,
            Key=key,
            Body=local[key].read_bytes(),
            ContentType=content_type(key),
            CacheControl=cache_control("/" + key),
            **extra,
        )

    # In parallel within a phase; assets before the pages that name them, deletions last.
    for phase in (plan.assets, plan.documents):
        log += [("put", key) for key in phase]
        if not dry_run() and phase:
            with ThreadPoolExecutor(max_workers=UPLOADS) as pool:
                list(pool.map(put, phase))
    for key in plan.deletions:
        log.append(("delete", key))
        if not dry_run():
            client.delete_object(Bucket=bucket, Key=key)
    if not dry_run():
        client.put_object(
            Bucket=bucket, Key=STATE_KEY, Body=json.dumps(unused, indent=1).encode(), ContentType="application/json"
        )
    purge = os.environ.get("CDN_PURGE_COMMAND")
    if purge and (plan.documents or plan.deletions):
        log.append(("purge", purge))
        if not dry_run():
            subprocess.run(purge, shell=True, check=True)  # noqa: S602 (the operator's own command)
    if dry_run():
        for action, key in log:
            print(f"  {action:<6} {key}")
    return log


# --- rsync: releases/<time>/ and an atomic `current` link ---------------------------------------------
def _target() -> tuple[str | None, str]:
    target = need("DEPLOY_TARGET", "where to publish: a folder (/srv/news) or host:folder (news@host:/srv/news)")
    if ":" in target and not target.startswith("/"):
        host, folder = target.split(":", 1)
        return host, folder
    return None, target


def _run(host: str | None, command: str) -> str:
    if dry_run():
        print(f"  would run{' on ' + host if host else ''}: {command}")
        return ""
    argv = ["ssh", host, command] if host else ["sh", "-c", command]
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def _releases(host: str | None, folder: str) -> list[str]:
    listing = _run(host, f"mkdir -p '{folder}/releases' && ls -1 '{folder}/releases'") if not dry_run() else ""
    return sorted(name for name in listing.split() if name[:1].isdigit())


def _switch(host: str | None, folder: str, release: str) -> None:
    # `mv -T` is rename(2): readers see the old release or the new one, never neither.
    _run(host, f"cd '{folder}' && ln -sfn 'releases/{release}' current.switch && mv -T current.switch current")


def _current(host: str | None, folder: str) -> str:
    """The release `current` points to ("" when there is none yet)."""
    found = _run(host, f"readlink '{folder}/current' || true") if not dry_run() else ""
    return found.strip().rsplit("/", 1)[-1]


def _same_as_current(output: Path, host: str | None, folder: str, current: str) -> bool:
    """Whether `output` has exactly the files of the current release (by size and time, as rsync
    compares them). Old hashed assets kept from the release before are not differences."""
    where = f"{host + ':' if host else ''}{folder}/releases/{current}/"
    listing = subprocess.run(
        ["rsync", "-a", "--delete", "--omit-dir-times", "--dry-run", "--itemize-changes"]
        + [str(output.resolve()) + "/", where],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    kept = [line for line in listing if line.startswith("*deleting") and line.split(None, 1)[1].startswith("theme/")]
    changes = [line for line in listing if line.strip() and line not in kept]
    return not changes


def deploy_rsync(output: Path, name: str | None = None) -> str:
    host, folder = _target()
    releases = _releases(host, folder)
    current = _current(host, folder) if releases else ""
    if current in releases and not dry_run() and _same_as_current(output, host, folder, current):
        print(f"nothing changed: release {current} stays published (no new release)")
        return current
    release = name or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    destination = f"{host + ':' if host else ''}{folder}/releases/{release}/"
    command = ["rsync", "-a", "--delete"]
    if releases:  # unchanged files become hard links to the previous release
        command.append(f"--link-dest=../{releases[-1]}/")
    command += [str(output.resolve()) + "/", destination]
    print(("would run: " if dry_run() else "") + " ".join(command))
    if not dry_run():
        subprocess.run(command, check=True)
        if releases:
            # Keep the previous release's hashed assets: a page loaded just before the switch
            # still finds the stylesheet and scripts it names.
            keep = f"cp -aln '{releases[-1]}/theme/.' '{release}/theme/' 2>/dev/null || true"
            _run(host, f"cd '{folder}/releases' && {keep}")
    _switch(host, folder, release)
    for old in (releases + [release])[:-KEEP_RELEASES]:
        _run(host, f"rm -rf '{folder}/releases/{old}'")
    print(f"published release {release}" + (" (dry run)" if dry_run() else ""))
    return release


def rollback() -> str:
    host, folder = _target()
    releases = _releases(host, folder)
    current = _run(host, f"readlink '{folder}/current'").strip().rsplit("/", 1)[-1] if not dry_run() else ""
    if current not in releases or releases.index(current) == 0:
        raise DeployError(f"there is no release before {current or 'the current one'} in {folder}/releases")
    previous = releases[releases.index(current) - 1]
    _switch(host, folder, previous)
    print(f"rolled back from {current} to {previous}")
    return previous


# --- GitHub Pages ------------------------------------------------------------------------------------
def deploy_gh_pages(output: Path) -> None:
    remote = need(
        "GH_PAGES_REMOTE",
        "the git remote to push the gh-pages branch to "
        "(in GitHub Actions the publish workflow uses the official Pages action instead)",
    )
    files = site_files(output)
    if dry_run():
        print(f"would push {len(files)} files to branch gh-pages of {remote}")
        return
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(output.resolve(), folder, dirs_exist_ok=True)
        Path(folder, ".nojekyll").write_text("")
        for step in (
            ["init", "-q", "-b", "gh-pages"],
            ["add", "-A"],
            ["-c", "user.name=site build", "-c", "user.email=build@localhost", "commit", "-qm", "Publish"],
            ["push", "-qf", remote, "gh-pages"],
        ):
            subprocess.run(["git", *step], cwd=folder, check=True)
    print(f"pushed {len(files)} files to gh-pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=["s3", "rsync", "rollback", "gh-pages", "cloudfront"])
    parser.add_argument("--output", type=Path, default=PROJECT / "output")
    args = parser.parse_args(argv)
    if args.target == "cloudfront":  # the S3 + CloudFront template, to apply once (docs/operating.md)
        from .cloudfront import main as write_template  # noqa: PLC0415

        return write_template()
    try:
        if args.target == "s3":
            deploy_s3(args.output)
        elif args.target == "rsync":
            deploy_rsync(args.output)
        elif args.target == "rollback":
            rollback()
        else:
            deploy_gh_pages(args.output)
    except DeployError as exc:
        print(f"Not deployed: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(
            f"Not deployed: {' '.join(map(str, exc.cmd))} failed ({exc.returncode}): {exc.stderr or ''}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
