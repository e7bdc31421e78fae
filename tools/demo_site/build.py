"""Generate resources/demo/site and resources/demo/expected.json from content.py.

Run: python3 build.py /work/main/resources/demo
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import content as C

WIB = timezone(timedelta(hours=7))
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DISCLAIMER = (
    "DISCLAIMER: Komentar yang tampil sepenuhnya menjadi tanggungjawab pengirim, dan bukan "
    "merupakan pendapat atau kebijakan redaksi Elshinta.com. Redaksi berhak menghapus dan atau "
    "menutup akses bagi pengirim komentar yang dianggap tidak etis, berisi fitnah, atau "
    "diskriminasi suku, agama, ras dan antargolongan."
)
PLACEHOLDER = "/asset/img/no-image.png"
PIXEL = "/track/pixel.gif"
POPULAR = [2, 7, 8, 1, 6, 4, 9, 3, 5, 10, 0]
GIF_1X1 = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
    .replace(" ", "")
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def date_line(d: datetime) -> str:
    return f"{DAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year} - {d:%H:%M} WIB"


def rfc822(d: datetime) -> str:
    return f"{EN_DAYS[d.weekday()]}, {d:%d} {EN_MONTHS[d.month - 1]} {d:%Y %H:%M:%S} +0700"


def plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def seed_article() -> dict:
    lines = Path(C.SEED_FILE).read_text(encoding="utf-8").split("\n")
    body = lines[5]
    cuts = [body.index(marker) for marker in C.SEED["split_at"]]
    starts = [0, *cuts]
    paras = [body[a:b].strip() for a, b in zip(starts, [*cuts, len(body)], strict=True)]
    assert " ".join(paras) == body
    art = dict(C.SEED)
    art["title"] = lines[0]
    art["body"] = [esc(p).replace("&quot;", '"').replace("\xa0", "&nbsp;") for p in paras]
    # The seed's Baca Juga as printed on the page: (title, date line, teaser), verbatim.
    rel = []
    for i in range(9, 39, 3):
        rel.append((lines[i], lines[i + 1], lines[i + 2]))
    art["seed_related"] = rel
    art["related"] = list(range(1, 11))
    return art


def enrich(art: dict, index: int) -> dict:
    d = datetime(*art["when"], tzinfo=WIB)
    art["index"] = index
    art["date"] = d
    art["slug"] = slugify(art["title"])
    art["path"] = f"/news/{art['id']}/{d:%Y/%m/%d}/{art['slug']}"
    month = MONTHS[d.month - 1].lower()
    if art.get("image"):
        name = art["image"][0]
        art["image_path"] = f"/asset/upload/article/{d.year}/{month}/{name}.jpg"
        art["thumb_path"] = f"/upload/compressed/400/400/article/{d.year}/{month}/{name}.jpg"
    else:
        art["image_path"] = None
        art["thumb_path"] = PLACEHOLDER
    art["plain"] = [plain(p) for p in art["body"]]
    art["teaser"] = art["plain"][0][:100] + "..."
    art.setdefault("comments", [])
    return art


# ---------------------------------------------------------------- page parts


def head(title: str, description: str, og: dict[str, str], feed: bool = False) -> str:
    meta = "".join(f'\n<meta property="{k}" content="{esc(v)}">' for k, v in og.items())
    alt = (
        '\n<link rel="alternate" type="application/rss+xml" title="Elshinta.com RSS" '
        'href="{{BASE}}/rss">' if feed else ""
    )
    return f"""<!DOCTYPE html>
<html lang="id"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{meta}
<meta name="description" content="{esc(description)}">
<link rel="stylesheet" href="{{{{BASE}}}}/css/style.css">{alt}
<script src="{{{{BASE}}}}/js/tracker.js"></script><script>window.dataLayer=[];</script>
</head><body>
"""


def header() -> str:
    links = "\n    ".join(
        f'<a href="{{{{BASE}}}}/kategori/{n}/{slug}">{label}</a>'
        for n, (slug, label) in C.CATEGORIES.items()
    )
    return f"""<header class="header"><a class="logo" href="{{{{BASE}}}}/">Elshinta</a>
  <nav class="menu">
    {links}
    <a href="{{{{BASE}}}}/indeks">Indeks</a>
  </nav></header>
<div class="ads ads-top"><a href="https://ads.example.net/click?id=top"><img src="https://ads.example.net/banner.gif" alt="Iklan" width="728" height="90"></a></div>
"""


FOOTER = """<footer class="footer">
 <nav class="footer-links"><a href="{{BASE}}/redaksi">Redaksi</a> <a href="{{BASE}}/pedoman-media-siber">Pedoman Media Siber</a> <a href="{{BASE}}/kontak">Kontak</a> <a href="{{BASE}}/rss">RSS</a></nav>
 <a href="{{BASE}}/live/radio">Live Streaming Radio Network</a> &copy; 2021 Elshinta.com - Radio Elshinta 90 FM Jakarta
</footer>
</body></html>
"""


def index_sidebar() -> str:
    mitra = ["bbc-indonesia", "voa-indonesia", "cri-indonesia"]
    labels = ["BBC Indonesia", "VOA Indonesia", "CRI Indonesia"]
    items = "".join(
        f'<li><a href="{{{{BASE}}}}/mitra/{i}/{m}">{lab}</a></li>'
        for i, (m, lab) in enumerate(zip(mitra, labels, strict=True), start=1)
    )
    return f"""<aside class="sidebar">
  <h3 class="section-title">Mitra</h3><ul>{items}</ul>
  <h3 class="section-title">Indeks</h3><ul><li><a href="{{{{BASE}}}}/indeks/foto">Foto</a></li><li><a href="{{{{BASE}}}}/indeks/video">Video</a></li><li><a href="{{{{BASE}}}}/indeks/audio">Audio</a></li></ul>
  <div class="ads ads-side"><a href="https://ads.example.net/click?id=side"><img src="https://ads.example.net/square.gif" alt="Iklan" width="300" height="250"></a></div>
 </aside>
"""


def article_sidebar(art: dict, all_arts: list[dict]) -> str:
    # Prefer articles not already in Baca Juga; the seed links all others there, so fall back.
    others = [i for i in POPULAR if i != art["index"]]
    ranked = [i for i in others if i not in art["related"]] + [
        i for i in others if i in art["related"]
    ]
    pop = [all_arts[i] for i in ranked[:3]]
    items = "".join(
        f'\n   <li><a href="{{{{BASE}}}}{a["path"]}">{esc(a["title"])}</a></li>' for a in pop
    )
    return f"""<aside class="sidebar"><h3 class="section-title">Terpopuler</h3>
  <ol class="popular">{items}
  </ol>
  <div class="ads ads-side"><a href="https://ads.example.net/click?id=side"><img src="https://ads.example.net/square.gif" alt="Iklan" width="300" height="250"></a></div>
 </aside>
"""


def comments_block(art: dict) -> str:
    if art["comments"]:
        shown = "".join(
            f'\n     <div class="comment"><span class="comment-author">{esc(who)}</span> '
            f'<span class="comment-date">{when}</span><p>{esc(text)}</p></div>'
            for who, when, text in art["comments"]
        )
    else:
        shown = '\n     <p class="comment-empty">Belum ada komentar.</p>'
    return f"""  <div class="comments"><h4>Komentar</h4>
   <form action="/comment" method="post"><input type="hidden" name="news_id" value="{art["id"]}">
     <input type="text" name="name" placeholder="Nama"><textarea name="comment" placeholder="Tulis komentar"></textarea>
     <button type="submit">Kirim</button></form>{shown}
  </div>
"""


def related_item(title: str, path: str, thumb: str, dline: str, teaser: str) -> str:
    return f"""   <div class="news-item"><a href="{{{{BASE}}}}{path}"><img src="{{{{BASE}}}}{thumb}" alt=""></a>
     <h4><a href="{{{{BASE}}}}{path}">{esc(title)}</a></h4>
     <div class="news-date">{dline}</div>
     <p class="news-teaser">{esc(teaser)}</p></div>
"""


def related_rows(art: dict, all_arts: list[dict]) -> list[dict]:
    """The Baca Juga items as the page shows them (the seed prints 09:28 for every item)."""
    rows = []
    for pos, i in enumerate(art["related"]):
        target = all_arts[i]
        if "seed_related" in art:
            title, dline, teaser = art["seed_related"][pos]
            assert title == target["title"], (title, target["title"])
            assert teaser == target["teaser"], (teaser, target["teaser"])
            published = datetime(2021, 6, 15, 9, 28, tzinfo=WIB)
            assert dline == date_line(published)
        else:
            title, dline, teaser = target["title"], date_line(target["date"]), target["teaser"]
            published = target["date"]
        rows.append({"title": title, "url": target["path"], "published": published.isoformat(),
                     "date_line": dline, "teaser": teaser, "thumb": target["thumb_path"]})
    return rows


def article_page(art: dict, all_arts: list[dict]) -> str:
    og = {"og:title": art["title"], "og:type": "article", "og:url": "{{BASE}}" + art["path"]}
    if art["image_path"]:
        og["og:image"] = "{{BASE}}" + art["image_path"]
    figure = ""
    if art["image_path"]:
        _, alt, caption = art["image"]
        figure = (
            f'  <figure class="detail-image"><img src="{{{{BASE}}}}{art["image_path"]}" '
            f'alt="{esc(alt)}"><figcaption>{esc(caption)}</figcaption></figure>\n'
        )
    paras = [f"    <p>{p}</p>" for p in art["body"]]
    if art["origin"]:
        paras.insert(0, f"    <p>{esc(art['origin'])} - {esc(art['title'])}</p>")
    # An in-content ad slot between paragraphs: extraction must drop it.
    paras.insert(min(3, len(paras) - 1), '    <div class="ads ads-inline"><script>'
                 "window.dataLayer.push({'event':'inline-ad'});</script></div>")
    body = "\n".join(paras)
    rows = related_rows(art, all_arts)
    spacer = '  <div class="spacer">&nbsp;</div>\n' if "seed_related" in art else ""
    items = "".join(
        related_item(r["title"], r["url"], r["thumb"], r["date_line"], r["teaser"]) for r in rows
    )
    share_url = "{{BASE}}" + art["path"]
    return (
        head(f"{art['title']} | Elshinta.com", art["teaser"], og)
        + header()
        + f"""<main class="container"><div class="row">
 <article class="detail">
  <h1 class="detail-title">{esc(art["title"])}</h1>
  <div class="detail-source">Elshinta</div>
  <div class="detail-meta"><span class="detail-date">{date_line(art["date"])}</span> | Penulis : <span class="detail-author">{esc(art["author"])}</span></div>
{figure}  <div class="detail-content">
    <h2>{esc(art["title"])}</h2>
{body}
    <img src="{{{{BASE}}}}{PIXEL}" width="1" height="1">
  </div>
  <div class="detail-share">Bagikan: <a href="https://www.facebook.com/sharer/sharer.php?u={share_url}">Facebook</a> <a href="https://twitter.com/intent/tweet?url={share_url}">Twitter</a> <a href="https://api.whatsapp.com/send?text={share_url}">WhatsApp</a></div>
  <div class="disclaimer">{DISCLAIMER}</div>
{comments_block(art)} </article>
 {article_sidebar(art, all_arts)} <section class="baca-juga"><h3 class="section-title">Baca Juga</h3>
{spacer}  <div class="news-list">
{items}  </div></section>
</div></main>
"""
        + FOOTER
    )


def index_page(title: str, heading: str, arts: list[dict], feed: bool) -> str:
    items = "".join(
        f"""  <div class="news-item"><a href="{{{{BASE}}}}{a["path"]}"><img src="{{{{BASE}}}}{a["thumb_path"]}" alt=""></a>
   <h4><a href="{{{{BASE}}}}{a["path"]}">{esc(a["title"])}</a></h4>
   <time datetime="{a["date"].isoformat()}">{date_line(a["date"])}</time>
   <p class="news-teaser">{esc(a["teaser"])}</p></div>
"""
        for a in arts
    )
    og = {"og:title": title, "og:type": "website"}
    return (
        head(title, "Elshinta.com - berita terkini dari Radio Elshinta 90 FM", og, feed=feed)
        + header()
        + f"""<main class="container"><div class="row">
 <section class="latest"><h1 class="section-title">{esc(heading)}</h1>
 <div class="news-list">
{items} </div></section>
 {index_sidebar()}</div></main>
"""
        + FOOTER
    )


def radio_page() -> str:
    return (
        head("Live Streaming Radio Network | Elshinta.com", "Dengarkan Radio Elshinta", {})
        + header()
        + """<main class="container"><div class="row">
 <section class="live"><h1 class="section-title">Live Streaming Radio Network</h1>
  <p>Dengarkan siaran langsung Radio Elshinta 90 FM Jakarta dan jaringan radio Elshinta di seluruh Indonesia.</p>
  <audio controls preload="none"><source src="https://stream.example.net/elshinta-jakarta.mp3" type="audio/mpeg"></audio>
 </section>
</div></main>
"""
        + FOOTER
    )


def rss(arts: list[dict]) -> str:
    items = "".join(
        f"""  <item>
   <title>{esc(a["title"])}</title>
   <link>{{{{BASE}}}}{a["path"]}</link>
   <guid isPermaLink="true">{{{{BASE}}}}{a["path"]}</guid>
   <pubDate>{rfc822(a["date"])}</pubDate>
   <dc:creator>{esc(a["author"])}</dc:creator>
   <category>{C.CATEGORIES[a["category"]][1]}</category>
   <description>{esc(a["teaser"])}</description>
  </item>
"""
        for a in arts
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <title>Elshinta.com - Berita Terkini</title>
  <link>{{{{BASE}}}}/</link>
  <description>Berita terkini dari Radio Elshinta 90 FM Jakarta</description>
  <language>id</language>
  <atom:link href="{{{{BASE}}}}/rss" rel="self" type="application/rss+xml"/>
  <lastBuildDate>{rfc822(arts[0]["date"])}</lastBuildDate>
  <ttl>30</ttl>
{items} </channel>
</rss>
"""


# ---------------------------------------------------------------- images


def convert(*args: str) -> None:
    subprocess.run(["convert", *args], check=True)


def make_photo(out: Path, size: str, colors: tuple[str, str], label: str, point: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    convert(
        "-size", size, f"gradient:{colors[0]}-{colors[1]}",
        "-fill", "#ffffff30", "-draw", "circle 480,260 600,330",
        "-fill", "#00000030", "-draw", "rectangle 0,0 1000,18",
        "-font", "DejaVu-Sans-Bold", "-pointsize", str(point), "-fill", "white",
        "-gravity", "southwest", "-annotate", "+18+16", label,
        "-strip", "-sampling-factor", "4:2:0", "-quality", "62", str(out),
    )


def write(root: Path, path: str, text: str) -> None:
    if path.startswith("/asset") or "." in path.rsplit("/", 1)[-1]:
        target = root / path.lstrip("/")
    else:
        target = root / path.lstrip("/") / ("index.xml" if path == "/rss" else "index.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- expected


def expected_article(art: dict, all_arts: list[dict]) -> dict:
    rows = related_rows(art, all_arts)
    return {
        "url": art["path"], "id": art["id"], "slug": art["slug"], "title": art["title"],
        "published": art["date"].isoformat(), "date_line": date_line(art["date"]),
        "author": art["author"], "origin": art["origin"],
        "category": {"name": C.CATEGORIES[art["category"]][1],
                     "url": "/kategori/{}/{}".format(art["category"],
                                                      C.CATEGORIES[art["category"]][0])},
        "lead_image": art["image_path"],
        "lead_image_alt": art["image"][1] if art["image"] else "",
        "lead_image_caption": art["image"][2] if art["image"] else "",
        "thumbnail": art["thumb_path"],
        "teaser": art["teaser"],
        "first_paragraph": art["plain"][0], "last_paragraph": art["plain"][-1],
        "paragraphs": art["plain"],
        "comments": len(art["comments"]),
        "related": [{k: r[k] for k in ("title", "url", "published", "date_line", "teaser")}
                    for r in rows],
    }


def main(out: Path) -> None:
    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    seed = seed_article()
    all_arts = [enrich(seed, 0)] + [enrich(dict(r), i) for i, r in enumerate(C.RELATED, 1)]
    for art in all_arts[1:]:
        assert art["teaser"] == seed["seed_related"][art["index"] - 1][2], art["title"]
    newest = sorted(all_arts, key=lambda a: a["date"], reverse=True)
    intl = [a for a in newest if a["category"] == 5]
    for art in all_arts:
        write(site, art["path"], article_page(art, all_arts))
        if art["image_path"]:
            label = art["label"]
            make_photo(site / art["image_path"].lstrip("/"), "640x360", art["colors"], label, 30)
            make_photo(site / art["thumb_path"].lstrip("/"), "400x225", art["colors"], label, 20)
    write(site, "/", index_page("Elshinta.com - Referensi Terpercaya", "Berita Terkini",
                                newest, True))
    write(site, "/indeks", index_page("Indeks Berita | Elshinta.com", "Indeks Berita", newest,
                                      False))
    write(site, "/kategori/5/internasional",
          index_page("Internasional | Elshinta.com", "Internasional", intl, False))
    write(site, "/rss", rss(newest))
    write(site, "/live/radio", radio_page())
    write(site, "/js/tracker.js", "/* demo tracker: does nothing */\nwindow.dataLayer = window.dataLayer || [];\n")
    write(site, "/css/style.css", CSS)
    (site / "track").mkdir(parents=True, exist_ok=True)
    (site / "track" / "pixel.gif").write_bytes(GIF_1X1)
    ph = site / PLACEHOLDER.lstrip("/")
    ph.parent.mkdir(parents=True, exist_ok=True)
    convert("-size", "400x225", "xc:#c4c8cc", "-font", "DejaVu-Sans-Bold",
            "-pointsize", "34", "-fill", "#ffffff", "-gravity", "center", "-annotate", "+0+0",
            "Elshinta", "-strip", "-colors", "16", "+dither", str(ph))
    expected = {
        "about": "Truth about resources/demo/site. Every string value starting with '/' is a "
                 "path on the demo server (prefix it with the base URL). Articles: the seed "
                 "first, then its Baca Juga items in page order.",
        "seed": seed["path"],
        "feed_urls": ["/", "/kategori/5/internasional"],
        "rss": {"url": "/rss", "articles": [a["path"] for a in newest]},
        "tracking_pixel": PIXEL,
        "placeholder_image": PLACEHOLDER,
        "indexes": [
            {"url": "/", "feed_link": "/rss", "articles": [a["path"] for a in newest]},
            {"url": "/indeks", "feed_link": None, "articles": [a["path"] for a in newest]},
            {"url": "/kategori/5/internasional", "feed_link": None,
             "articles": [a["path"] for a in intl]},
        ],
        "articles": [expected_article(a, all_arts) for a in all_arts],
    }
    (out / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


CSS = """body{font-family:sans-serif;margin:0;color:#222}
.header{background:#0b3d91;padding:8px 16px}.header a{color:#fff;margin-right:12px;text-decoration:none}
.logo{font-weight:bold;font-size:1.4em}.container{max-width:1100px;margin:0 auto;padding:16px}
.row{display:flex;flex-wrap:wrap;gap:24px}.detail,.latest,.live{flex:3 1 600px}.sidebar{flex:1 1 260px}
.baca-juga{flex:1 1 100%}.news-item{overflow:hidden;margin-bottom:16px}
.news-item img{float:left;width:160px;margin-right:12px}.detail-image img{max-width:100%}
.detail-meta,.news-date,time{color:#777;font-size:.9em}.disclaimer{font-size:.8em;color:#666}
.ads{display:none}.footer{background:#222;color:#ccc;padding:16px}.footer a{color:#fff}
"""

if __name__ == "__main__":
    main(Path(sys.argv[1]))
