"""Which images are tracking pixels or ads rather than article pictures.

Known ad and tracker hosts and address patterns, kept apart from sanitize.py's allow-list:
sanitizing, extraction and page metadata all ask ``is_tracking_image``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_TRACKER_HOSTS = tuple(
    "doubleclick.net googlesyndication.com googleadservices.com google-analytics.com "  # noqa: SIM905
    "googletagmanager.com googletagservices.com scorecardresearch.com quantserve.com "
    "adnxs.com criteo.com criteo.net taboola.com outbrain.com amazon-adsystem.com "
    "adsrvr.org rubiconproject.com pubmatic.com openx.net moatads.com chartbeat.net "
    "hotjar.com mathtag.com bluekai.com krxd.net yieldmo.com smartadserver.com adform.net "
    "teads.tv mgid.com revcontent.com dable.io".split()
)
_AD_HOST_LABEL = re.compile(
    r"^(?:ads?|adserver|adservice|adsrv|ad\d*|banners?|track(?:ing)?|"
    r"pixel|analytics|stats|beacon|metrics)$"
)
_TRACKER_PATH = re.compile(
    r"(?:^|/)(?:tr|pixel|pixels|track|tracking|tracker|beacon|analytics|collect|impression|"
    r"ads|adserver|adview|banners?)(?:/|\.gif|\.png|\.php|$)|"
    r"(?:^|/)(?:1x1|pixel|spacer|blank|clear|transparent)\.(?:gif|png)(?:$|\?)",
    re.IGNORECASE,
)


def is_tracking_image(url: str, width: str | None = None, height: str | None = None) -> bool:
    """True for tracking pixels and ad images: 1x1/0x0 sizes, ad and tracker hosts or paths."""
    w, h = _pixels(width), _pixels(height)
    if (w is not None and h is not None and w <= 1 and h <= 1) or w == 0 or h == 0:
        return True
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return True
    host = (parts.hostname or "").lower()
    if any(host == t or host.endswith("." + t) for t in _TRACKER_HOSTS):
        return True
    if host.endswith("facebook.com") and parts.path.rstrip("/") == "/tr":
        return True
    if any(_AD_HOST_LABEL.match(label) for label in host.split(".")[:-2]):
        return True
    return bool(_TRACKER_PATH.search(parts.path))


def _pixels(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)\s*(?:px)?\s*$", value or "")
    return int(match.group(1)) if match else None
