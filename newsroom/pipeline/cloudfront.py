"""S3 + CloudFront as infrastructure an operator applies: a CloudFormation template written
from the same headers as `_headers` and the nginx snippet, so the three never drift.

    newsroom deploy cloudfront > news-site.json
    aws cloudformation deploy --template-file news-site.json --stack-name news-site \\
        --parameter-overrides BucketName=news-site RefererSecret=$(openssl rand -hex 24)

What it makes:
- a bucket served as a website: `/ar/news/x/` is answered with its `index.html`, a page at an
  old address (uploaded by `make deploy-s3` with `x-amz-website-redirect-location`) with a 301,
  a missing page with `/ar/404.html` (the one "page not found" an S3 website has);
- readable only by the distribution (a secret Referer header it sends; the bucket policy refuses
  every other request);
- a CloudFront distribution over HTTPS with a response-headers policy carrying the site's
  security headers, and the web editor's own policy for `/admin/*`; the cache follows each
  object's Cache-Control (set by `make deploy-s3`), compressed at the edge.
"""

from __future__ import annotations

import json
from typing import Any

from .headers import ADMIN_HEADERS, HEADERS

__all__ = ["template"]

# The website endpoint's host name, from the bucket's website address (http://HOST).
WEBSITE_HOST = {"Fn::Select": [2, {"Fn::Split": ["/", {"Fn::GetAtt": ["Bucket", "WebsiteURL"]}]}]}
SECRET_HEADER = {"HeaderName": "Referer", "HeaderValue": {"Ref": "RefererSecret"}}
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS's managed cache policy
SECURITY = {  # headers CloudFront's SecurityHeadersConfig knows; the others go as custom headers
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
}


def _headers_policy(name: str, headers: dict[str, str]) -> dict[str, Any]:
    security: dict[str, Any] = {}
    custom = []
    for header, value in headers.items():
        if header == "Content-Security-Policy":
            security["ContentSecurityPolicy"] = {"ContentSecurityPolicy": value, "Override": True}
        elif header == "Strict-Transport-Security":
            parts = [p.strip() for p in value.split(";")]
            security["StrictTransportSecurity"] = {
                "AccessControlMaxAgeSec": int(parts[0].split("=", 1)[1]),
                "IncludeSubdomains": "includeSubDomains" in parts,
                "Preload": "preload" in parts,
                "Override": True,
            }
        elif header == "X-Content-Type-Options":
            security["ContentTypeOptions"] = {"Override": True}
        elif header == "X-Frame-Options":
            security["FrameOptions"] = {"FrameOption": value, "Override": True}
        elif header == "Referrer-Policy":
            security["ReferrerPolicy"] = {"ReferrerPolicy": value, "Override": True}
        else:
            custom.append({"Header": header, "Value": value, "Override": True})
    config: dict[str, Any] = {"Name": {"Fn::Sub": f"${{AWS::StackName}}-{name}"}, "SecurityHeadersConfig": security}
    if custom:
        config["CustomHeadersConfig"] = {"Items": custom}
    return {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {"ResponseHeadersPolicyConfig": config}}


def template() -> dict[str, Any]:
    """The CloudFormation template (JSON-ready)."""
    admin_headers = {**HEADERS, **ADMIN_HEADERS}
    behaviour = {
        "TargetOriginId": "site",
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": ["GET", "HEAD"],
        "Compress": True,
        "CachePolicyId": CACHING_OPTIMIZED,
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "The news site: an S3 website bucket behind CloudFront with the site's security headers.",
        "Parameters": {
            "BucketName": {"Type": "String", "Description": "the bucket make deploy-s3 uploads to (S3_BUCKET)"},
            "RefererSecret": {
                "Type": "String",
                "NoEcho": True,
                "MinLength": 32,
                "Description": "a random secret: only requests carrying it (the distribution's) may read the bucket",
            },
            "DomainName": {"Type": "String", "Default": "", "Description": "e.g. news.example.om (empty: none)"},
            "CertificateArn": {
                "Type": "String",
                "Default": "",
                "Description": "an ACM certificate for DomainName, in us-east-1 (empty: none)",
            },
        },
        "Conditions": {"HasDomain": {"Fn::Not": [{"Fn::Equals": [{"Ref": "DomainName"}, ""]}]}},
        "Resources": {
            "Bucket": {
                "Type": "AWS::S3::Bucket",
                "Properties": {
                    "BucketName": {"Ref": "BucketName"},
                    "WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "ar/404.html"},
                    "PublicAccessBlockConfiguration": {
                        "BlockPublicAcls": True,
                        "IgnorePublicAcls": True,
                        "BlockPublicPolicy": False,
                        "RestrictPublicBuckets": False,
                    },
                },
            },
            "BucketPolicy": {
                "Type": "AWS::S3::BucketPolicy",
                "Properties": {
                    "Bucket": {"Ref": "Bucket"},
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "OnlyTheDistribution",
                                "Effect": "Allow",
                                "Principal": "*",
                                "Action": "s3:GetObject",
                                "Resource": {"Fn::Sub": "${Bucket.Arn}/*"},
                                "Condition": {"StringEquals": {"aws:Referer": {"Ref": "RefererSecret"}}},
                            }
                        ],
                    },
                },
            },
            "SiteHeaders": _headers_policy("site", HEADERS),
            "EditorHeaders": _headers_policy("admin", admin_headers),
            "Distribution": {
                "Type": "AWS::CloudFront::Distribution",
                "Properties": {
                    "DistributionConfig": {
                        "Enabled": True,
                        "HttpVersion": "http2and3",
                        "Aliases": {"Fn::If": ["HasDomain", [{"Ref": "DomainName"}], {"Ref": "AWS::NoValue"}]},
                        "ViewerCertificate": {
                            "Fn::If": [
                                "HasDomain",
                                {
                                    "AcmCertificateArn": {"Ref": "CertificateArn"},
                                    "SslSupportMethod": "sni-only",
                                    "MinimumProtocolVersion": "TLSv1.2_2021",
                                },
                                {"CloudFrontDefaultCertificate": True},
                            ]
                        },
                        "Origins": [
                            {
                                "Id": "site",
                                "DomainName": {
                                    "Fn::Select": [2, {"Fn::Split": ["/", {"Fn::GetAtt": ["Bucket", "WebsiteURL"]}]}]
                                },
                                "CustomOriginConfig": {"OriginProtocolPolicy": "http-only"},
                                "OriginCustomHeaders": [
                                    {"HeaderName": "Referer", "HeaderValue": {"Ref": "RefererSecret"}}
                                ],
                            }
                        ],
                        "DefaultCacheBehavior": {**behaviour, "ResponseHeadersPolicyId": {"Ref": "SiteHeaders"}},
                        "CacheBehaviors": [
                            {**behaviour, "PathPattern": "admin/*", "ResponseHeadersPolicyId": {"Ref": "EditorHeaders"}}
                        ],
                    }
                },
            },
        },
        "Outputs": {
            "DistributionDomain": {"Value": {"Fn::GetAtt": ["Distribution", "DomainName"]}},
            "DistributionId": {"Value": {"Ref": "Distribution"}},
        },
    }


def main() -> int:
    print(json.dumps(template(), indent=2))
    return 0
