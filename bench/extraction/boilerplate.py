"""Page furniture for the synthetic corpus: menus, sidebars, teasers, comments, banners.

Its words come from pools of their own (headline fragments, comment lines), so no 4-word
run of boilerplate repeats a run of an article's text and the score stays honest.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from random import Random

_POOLS = json.loads((Path(__file__).resolve().parent / "prose" / "pools.json").read_text("utf-8"))
SECTIONS: dict[str, list[str]] = _POOLS["sections"]
_SUBJECTS: dict[str, list[str]] = _POOLS["subjects"]
_PREDICATES: dict[str, list[str]] = _POOLS["predicates"]
_OBJECTS: dict[str, list[str]] = _POOLS["objects"]
_TEASER_TAILS: dict[str, list[str]] = _POOLS["teaser_tails"]
_COMMENTS: dict[str, list[str]] = _POOLS["comments"]
NAMES: list[str] = _POOLS["names"]


def headline(r: Random, lang: str) -> str:
    return f"{r.choice(_SUBJECTS[lang])} {r.choice(_PREDICATES[lang])} {r.choice(_OBJECTS[lang])}"


def teaser(r: Random, lang: str) -> str:
    return f"{headline(r, lang)}. {r.choice(_TEASER_TAILS[lang])}"


def slug(text: str) -> str:
    return "-".join("".join(c for c in w if c.isalnum()) for w in text.lower().split())[:70]


def link(base: str, r: Random, text: str, kind: str = "berita") -> str:
    return f"<a href='{base}/{kind}/{r.randint(10000, 99999)}/{slug(text)}'>{escape(text)}</a>"


def mega_menu(r: Random, lang: str, base: str, cls: str = "menu") -> str:
    items = SECTIONS[lang][:]
    r.shuffle(items)
    subs = "".join(
        f"<li class='{cls}__item'><a href='{base}/{s.lower()}'>{s}</a><ul class='sub'>"
        + "".join(f"<li><a href='{base}/{s.lower()}/{i}'>{s} {i}</a></li>"
                  for i in range(r.randint(0, 5)))
        + "</ul></li>"
        for s in items[: r.randint(12, len(items))]
    )  # fmt: skip
    return f"<nav class='{cls}'><ul>{subs}</ul></nav>"


def top_bar(r: Random, lang: str) -> str:
    words = {"id": ("Masuk", "Daftar", "Langganan"), "en": ("Sign in", "Register", "Subscribe")}
    a, b, c = words[lang]
    return (
        f"<div class='topbar'><span class='date'>{r.randint(1, 28)}/{r.randint(1, 12)}/2024</span>"
        f"<a href='/login'>{a}</a> <a href='/register'>{b}</a> <a class='btn' href='/subscribe'>"
        f"{c}</a></div>"
    )


def breadcrumb(lang: str, base: str, section: str) -> str:
    home = "Beranda" if lang == "id" else "Home"
    return (
        f"<ol class='breadcrumb'><li><a href='{base}/'>{home}</a></li><li><a href='{base}/"
        f"{section.lower()}'>{section}</a></li></ol>"
    )


def popular(r: Random, lang: str, base: str, n: int = 10, heading: str = "") -> str:
    heading = heading or ("Terpopuler" if lang == "id" else "Most read")
    items = "".join(
        f"<li><span class='rank'>{i + 1}</span>{link(base, r, headline(r, lang))}</li>"
        for i in range(n)
    )
    return f"<div class='widget widget-popular'><h3>{heading}</h3><ol>{items}</ol></div>"


def teasers(r: Random, lang: str, base: str, n: int, heading: str, cls: str = "related") -> str:
    """Cards with a title, a teaser sentence and a date: boilerplate that reads like text."""
    cards = "".join(
        f"<div class='card'><img src='{base}/img/t{r.randint(1, 999)}.jpg' alt=''><h4>"
        f"{link(base, r, headline(r, lang))}</h4><p class='card__teaser'>{teaser(r, lang)}</p>"
        f"<span class='card__date'>{r.randint(1, 28)} Nov 2024</span></div>"
        for _ in range(n)
    )
    return f"<section class='{cls}'><h2>{heading}</h2><div class='cards'>{cards}</div></section>"


def comments(r: Random, lang: str, n: int, nested: bool = True) -> str:
    title = "Komentar" if lang == "id" else "Comments"
    items = []
    for i in range(n):
        body = ". ".join(r.sample(_COMMENTS[lang], r.randint(1, 3))) + "."
        reply = ""
        if nested and r.random() < 0.3:
            reply = (
                f"<ul class='children'><li class='comment'><div class='comment-author'>"
                f"{r.choice(NAMES)}</div><p>{r.choice(_COMMENTS[lang])}</p></li></ul>"
            )
        items.append(
            f"<li class='comment' id='comment-{i}'><div class='comment-meta'><span "
            f"class='comment-author'>{r.choice(NAMES)}</span> <time>{r.randint(1, 23)} jam</time>"
            f"</div><div class='comment-content'><p>{body}</p></div><a class='reply' "
            f"href='#reply-{i}'>Reply</a>{reply}</li>"
        )
    form = (
        "<div id='respond'><h3>Leave a Reply</h3><form><textarea name='c'></textarea>"
        "<input type='submit' value='Post Comment'></form></div>"
    )
    return f"<div id='comments' class='comments-area'><h2>{n} {title}</h2><ol>{''.join(items)}</ol>{form}</div>"  # noqa: E501


def cookie_banner(lang: str) -> str:
    text = {
        "id": "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda, menganalisis "
        "lalu lintas, dan menampilkan iklan yang relevan. Dengan melanjutkan penelusuran, Anda "
        "menyetujui kebijakan privasi dan penggunaan cookie kami.",
        "en": "We use cookies and similar technologies to improve your experience, measure "
        "audiences and show you personalised advertising. By clicking accept you agree to our "
        "privacy policy, which you can change at any time in your settings.",
    }[lang]
    return (
        f"<div class='cookie-consent' role='dialog'><p>{text}</p><button>OK</button>"
        "<a href='/privacy'>Privacy</a></div>"
    )


def share_bar(cls: str = "share") -> str:
    nets = ("Facebook", "Twitter", "WhatsApp", "Telegram", "LinkedIn", "Copy link")
    links = "".join(f"<a class='{cls}__{n.lower()}' href='#'>{n}</a>" for n in nets)
    return f"<div class='{cls}'>{links}</div>"


def newsletter(lang: str) -> str:
    text = {
        "id": "Dapatkan berita pilihan dan breaking news setiap hari langsung di kotak masuk "
        "email Anda. Gratis, bisa berhenti kapan saja.",
        "en": "Get the best stories of the day delivered to your inbox every morning. Free, "
        "and you can unsubscribe at any time.",
    }[lang]
    return f"<div class='newsletter'><h3>Newsletter</h3><p>{text}</p><form><input></form></div>"


def footer(r: Random, lang: str, base: str, site: str) -> str:
    about = {
        "id": f"{site} adalah portal berita yang menyajikan informasi terkini, tajam, dan "
        "terpercaya dari seluruh penjuru tanah air. Hak cipta dilindungi undang-undang.",
        "en": f"{site} is an independent publisher bringing you news, analysis and opinion "
        "from around the world. All rights reserved.",
    }[lang]
    pages = {
        "id": "Tentang Kami|Redaksi|Pedoman Media Siber|Kode Etik|Karir|Kontak|Iklan|Disclaimer",
        "en": "About us|Contact|Advertise|Careers|Terms of use|Privacy policy|Accessibility",
    }[lang].split("|")
    links = " ".join(f"<a href='{base}/{slug(p)}'>{p}</a>" for p in pages)
    sections = " ".join(f"<a href='{base}/{s.lower()}'>{s}</a>" for s in SECTIONS[lang][:14])
    return (
        f"<footer class='site-footer'><div class='footer-links'>{links}</div><div "
        f"class='footer-sections'>{sections}</div><p class='about'>{about}</p><p>&copy; 2024 "
        f"{site}</p></footer>"
    )


def scripts(r: Random) -> str:
    blob = "var cfg={" + ",".join(f"k{i}:'{r.randint(0, 10**9)}'" for i in range(r.randint(5, 60)))
    return (
        f"<script>{blob}}};window.dataLayer=window.dataLayer||[];</script>"
        "<script async src='https://www.googletagmanager.com/gtag/js?id=G-XYZ'></script>"
        "<script>(function(){var s=document.createElement('script');s.src='/a.js';})();</script>"
    )


def json_ld(title: str, author: str, date: str, image: str, body: str = "") -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": date,
        "image": [image],
        "author": {"@type": "Person", "name": author},
    }
    if body:
        data["articleBody"] = body
    return f"<script type='application/ld+json'>{json.dumps(data, ensure_ascii=False)}</script>"


def ad(r: Random, label: str = "ADVERTISEMENT") -> str:
    slot = r.randint(1, 99)
    return (
        f"<div class='ads ads-inarticle' id='div-gpt-ad-{slot}'><span class='ads__label'>{label}"
        f"</span><div class='ad-slot'></div></div>"
    )


def tags(lang: str, base: str, words: list[str]) -> str:
    label = "Tag" if lang == "id" else "Topics"
    items = "".join(f"<li><a href='{base}/tag/{slug(w)}'>{escape(w)}</a></li>" for w in words)
    return f"<div class='tags'><span>{label}:</span><ul>{items}</ul></div>"


def head(title: str, site: str, extra: str = "", lang: str = "id") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>"
        f"{escape(title)} | {site}</title><meta name='viewport' content='width=device-width'>"
        f"<meta property='og:title' content='{escape(title, quote=True)}'><meta "
        f"property='og:site_name' content='{site}'><link rel='stylesheet' href='/s.css'>"
        f"<style>.a{{color:red}} .b{{margin:0}}</style>{extra}</head>"
    )


def _svg(r: Random) -> str:
    path = " ".join(
        f"L{r.randint(0, 24)}.{r.randint(0, 99)} {r.randint(0, 24)}.{r.randint(0, 99)}"
        for _ in range(r.randint(20, 120))
    )
    return f"<svg viewBox='0 0 24 24' width='24' height='24'><path d='M0 0 {path}Z'/></svg>"


def weigh(page: str, r: Random, truth: str) -> str:
    """Give a page the weight of a real one: inline CSS, an app-state JSON that repeats the
    article (as Next.js sites do), SVG icons, an off-canvas copy of the menu and deep wrapper
    divs. Real article pages are mostly this, not text."""
    css = "".join(
        f".c{i}{{margin:{r.randint(0, 9)}px;padding:0 {r.randint(0, 9)}px;color:#{r.randint(0, 0xFFFFFF):06x}}}"  # noqa: E501
        for i in range(r.randint(200, 2500))
    )
    state = {
        "props": {
            "page": {
                "body": truth,
                "ids": [r.randint(0, 10**6) for _ in range(r.randint(100, 4000))],
            }
        },
        "config": {f"flag{i}": r.random() < 0.5 for i in range(r.randint(50, 500))},
    }
    head = f"<style>{css}</style>"
    if r.random() < 0.6:
        head += f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script>"
    icons = "".join(f"<a class='icon' href='#'>{_svg(r)}</a>" for _ in range(r.randint(3, 25)))
    depth = r.randint(3, 14)
    opening = "".join(f"<div class='w{i} l-{r.randint(1, 99)}'>" for i in range(depth))
    sitemap = "".join(
        f"<li class='sm-group'><span class='sm-head'>Grup {g}</span><ul>"
        + "".join(f"<li><a href='/s/{g}/{i}'><span>Item {g}.{i}</span></a></li>"
                  for i in range(r.randint(4, 25)))
        + "</ul></li>"
        for g in range(r.randint(4, 20))
    )  # fmt: skip
    offcanvas = (
        f"<div class='offcanvas' aria-hidden='true'>{icons}<nav class='drawer'><ul>{sitemap}"
        "</ul></nav></div>"
    )
    page = page.replace("</head>", head + "</head>", 1)
    at = page.index(">", page.index("<body")) + 1
    page = page[:at] + offcanvas + opening + page[at:]
    return page.replace("</body>", "</div>" * depth + "</body>", 1)
