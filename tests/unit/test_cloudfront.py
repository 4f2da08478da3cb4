"""The S3 + CloudFront template carries the same headers as `_headers` and nginx."""

from __future__ import annotations

import json
import subprocess
import sys

from newsroom.pipeline.cloudfront import template
from newsroom.pipeline.headers import ADMIN_CSP, CSP, HEADERS


def policy(name: str) -> dict:
    return template()["Resources"][name]["Properties"]["ResponseHeadersPolicyConfig"]


def test_the_site_and_the_editor_get_their_own_policies() -> None:
    site, editor = policy("SiteHeaders"), policy("EditorHeaders")
    assert site["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"] == CSP
    assert editor["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"] == ADMIN_CSP
    hsts = site["SecurityHeadersConfig"]["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] == 63072000 and hsts["IncludeSubdomains"] and hsts["Preload"]
    custom = {h["Header"]: h["Value"] for h in site["CustomHeadersConfig"]["Items"]}
    assert custom == {k: v for k, v in HEADERS.items() if k in custom} and "Permissions-Policy" in custom
    named = set(custom) | {"Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options"}
    named |= {"X-Frame-Options", "Referrer-Policy"}
    assert named == set(HEADERS)  # every header of the site is in the template


def test_the_distribution_reads_a_website_bucket_only_through_its_secret() -> None:
    resources = template()["Resources"]
    config = resources["Distribution"]["Properties"]["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    assert config["CacheBehaviors"][0]["PathPattern"] == "admin/*"
    assert config["Origins"][0]["OriginCustomHeaders"][0]["HeaderName"] == "Referer"
    website = resources["Bucket"]["Properties"]["WebsiteConfiguration"]
    assert website == {"IndexDocument": "index.html", "ErrorDocument": "ar/404.html"}
    statement = resources["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]
    assert statement["Condition"] == {"StringEquals": {"aws:Referer": {"Ref": "RefererSecret"}}}


def test_the_command_prints_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "deploy", "cloudfront"], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout)["AWSTemplateFormatVersion"] == "2010-09-09"
