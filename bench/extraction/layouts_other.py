"""Page layouts of other shapes: a WordPress blog, a Medium-like page, an AMP page, an old
table layout, a page drowned in comments, a liveblog and English news sites (BBC-, Reuters-
and Guardian-like). Each returns (page HTML, true article text)."""

from __future__ import annotations

from html import escape
from random import Random

from . import boilerplate as bp
from .articles import Article, en_date, figure, id_date, render_blocks


def _date(art: Article) -> str:
    return id_date(art.date) if art.lang == "id" else en_date(art.date)


def wordpress(art: Article, r: Random) -> tuple[str, str]:
    lang = art.lang
    widgets = (
        f"<section class='widget widget_recent_entries'><h2 class='widget-title'>Recent Posts"
        f"</h2><ul>{''.join(f'<li>{bp.link(art.base, r, bp.headline(r, lang))}</li>' for _ in range(5))}"  # noqa: E501
        f"</ul></section><section class='widget widget_archive'><h2>Archives</h2><ul>"
        + "".join(f"<li><a href='{art.base}/2024/{m:02d}/'>2024/{m:02d}</a></li>"
                  for m in range(1, 13))
        + "</ul></section><section class='widget widget_text'><h2>About</h2><div "
        f"class='textwidget'><p>{bp.teaser(r, lang)} {bp.teaser(r, lang)}</p></div></section>"
    )  # fmt: skip
    related = (
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3>Related</h3>"
        + "".join(f"<p>{bp.link(art.base, r, bp.headline(r, lang))}</p>" for _ in range(3))
        + "</div>"
    )
    page = (
        bp.head(art.title, "Catatan Harian", lang=lang)
        + f"<body class='post-template-default single single-post'><div id='page' class='site'>"
        f"<header id='masthead' class='site-header'><div class='site-branding'><p "
        f"class='site-title'><a href='/'>Catatan Harian</a></p><p class='site-description'>"
        f"{bp.headline(r, lang)}</p></div><nav id='site-navigation' class='main-navigation'>"
        f"{bp.mega_menu(r, lang, art.base, 'menu-primary')}</nav></header><div id='content' "
        f"class='site-content'><div id='primary' class='content-area'><main id='main' "
        f"class='site-main'><article id='post-{r.randint(10, 999)}' class='post type-post "
        f"status-publish hentry'><header class='entry-header'><h1 class='entry-title'>"
        f"{escape(art.title)}</h1><div class='entry-meta'><span class='posted-on'>Posted on "
        f"<time class='entry-date published'>{_date(art)}</time></span> <span class='byline'>"
        f"by <span class='author vcard'>{art.author}</span></span></div></header><div "
        f"class='entry-content'>{render_blocks(r, art)}<div class='sharedaddy'>"
        f"{bp.share_bar('sd-sharing')}</div>{related if r.random() < 0.6 else ''}</div>"
        f"<footer class='entry-footer'>{bp.tags(lang, art.base, [art.topic, 'blog'])}</footer>"
        f"</article><nav class='navigation post-navigation'><div class='nav-previous'>"
        f"{bp.link(art.base, r, bp.headline(r, lang))}</div><div class='nav-next'>"
        f"{bp.link(art.base, r, bp.headline(r, lang))}</div></nav>"
        f"{bp.comments(r, lang, r.randint(0, 12))}</main></div><aside id='secondary' "
        f"class='widget-area'>{widgets}</aside></div><footer id='colophon' class='site-footer'>"
        f"<div class='site-info'>Proudly powered by WordPress | Theme: Twenty</div></footer>"
        f"</div>{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def medium(art: Article, r: Random) -> tuple[str, str]:
    def cls() -> str:
        return " ".join(
            r.choice("abcdefghkl") + r.choice("abcdefghkl") for _ in range(r.randint(3, 9))
        )

    body = render_blocks(
        r,
        art,
        p=f"<p class='pw-post-body-paragraph {cls()}' data-selectable-paragraph=''>{{}}</p>",
        h2=f"<h2 class='pw-post-body-heading {cls()}'>{{}}</h2>",
    )
    more = "".join(
        f"<div class='{cls()}'><div class='{cls()}'><h2>{bp.headline(r, art.lang)}</h2><div "
        f"class='{cls()}'><p>{bp.teaser(r, art.lang)}</p></div><span>{r.randint(2, 12)} min "
        f"read</span><span>{r.randint(10, 900)}</span></div></div>"
        for _ in range(r.randint(3, 6))
    )
    page = (
        bp.head(art.title, "Medium", lang=art.lang)
        + f"<body><div id='root'><div class='{cls()}'><div class='{cls()}'><nav><a href='/'>"
        f"Medium</a><a href='/search'>Search</a><a href='/new-story'>Write</a><a "
        f"href='/m/signin'>Sign in</a></nav></div><div class='{cls()}'><article><div "
        f"class='{cls()}'><div class='{cls()}'><section><div class='{cls()}'><div "
        f"class='{cls()}'><div class='{cls()}'><h1 class='pw-post-title {cls()}'>"
        f"{escape(art.title)}</h1><div class='pw-author {cls()}'><a href='/@x'>{art.author}"
        f"</a><button>Follow</button><span>{r.randint(3, 15)} min read</span> · <span>"
        f"{_date(art)}</span></div><div class='{cls()}'><span>{r.randint(1, 9)}.{r.randint(1, 9)}K"
        f"</span><span>{r.randint(2, 80)}</span></div><figure class='{cls()}'><img "
        f"src='{art.image}'></figure>{body}</div></div></div></section></div></div></article>"
        f"<div class='{cls()}'><h2>More from {art.author}</h2>{more}</div><div class='{cls()}'>"
        f"<h2>Recommended from Medium</h2>{more}</div></div></div></div>{bp.scripts(r)}"
        "</body></html>"
    )
    return page, art.truth()


def amp(art: Article, r: Random) -> tuple[str, str]:
    def between(i: int) -> str:
        if i % 3 == 1:
            return (
                "<div class='amp-ad-wrapper'><amp-ad width='300' height='250' "
                "type='doubleclick' data-slot='/123/amp'></amp-ad></div>"
            )
        return ""

    body = render_blocks(r, art, between=between)
    head = (
        "<script async src='https://cdn.ampproject.org/v0.js'></script><style amp-boilerplate>"
        "body{visibility:hidden}</style><style amp-custom>.x{color:#333}</style>"
        f"<link rel='canonical' href='{art.url}'>"
    )
    page = (
        bp.head(art.title, "Berita AMP", head, lang=art.lang).replace("<html", "<html amp", 1)
        + f"<body><amp-sidebar id='sidebar' layout='nodisplay' side='left'>"
        f"{bp.mega_menu(r, art.lang, art.base, 'amp-menu')}</amp-sidebar><header "
        f"class='amp-header'><button on='tap:sidebar.toggle'>☰</button><a href='/'>Berita</a>"
        f"</header><main><article class='amp-article'><h1 class='amp-title'>{escape(art.title)}"
        f"</h1><div class='amp-meta'>{art.author} | {_date(art)}</div><amp-img "
        f"src='{art.image}' width='640' height='360' layout='responsive'></amp-img>"
        f"<div class='article-body'>{body}</div><amp-social-share type='facebook'>"
        f"</amp-social-share><amp-social-share type='whatsapp'></amp-social-share></article>"
        f"{bp.teasers(r, art.lang, art.base, 5, 'Baca Juga', 'amp-related')}</main>"
        f"{bp.footer(r, art.lang, art.base, 'Berita AMP')}</body></html>"
    )
    return page, art.truth()


def table_old(art: Article, r: Random) -> tuple[str, str]:
    nav = "<br>".join(
        f"<a href='{art.base}/{s.lower()}.php'><font color='#003366'>{s}</font></a>"
        for s in bp.SECTIONS[art.lang][:16]
    )
    use_p = r.random() < 0.4
    body = render_blocks(r, art, p="<p>{}</p>" if use_p else "{}<br><br>", h2="<b>{}</b><br><br>")
    others = "<br>".join(
        f"&#149; {bp.link(art.base, r, bp.headline(r, art.lang), 'berita.php?id=')}"
        for _ in range(8)
    )
    page = (
        f"<html><head><title>{escape(art.title)} - Harian Rakyat Online</title>"
        f"<meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body "
        f"bgcolor='#ffffff' topmargin='0'><table width='780' border='0' cellpadding='0' "
        f"cellspacing='0' align='center'><tr><td colspan='3'><img src='/img/logo.gif' "
        f"width='780' height='90'></td></tr><tr><td colspan='3' bgcolor='#003366'><font "
        f"color='white' size='1'>{_date(art)} | Online sejak 1999</font></td></tr><tr><td "
        f"width='150' valign='top' bgcolor='#eeeeee'><font face='Verdana' size='1'>{nav}"
        f"</font></td><td width='470' valign='top'><table width='100%' cellpadding='6'><tr>"
        f"<td><font face='Arial' size='4'><b>{escape(art.title)}</b></font><br><font "
        f"size='1' color='#666666'>{_date(art)}</font><br><br><img src='{art.image}' "
        f"width='300' align='left' hspace='6'><font face='Arial' size='2'>{body}</font>"
        f"<br><font size='1'>(Rep: {art.author})</font></td></tr></table></td><td width='160' "
        f"valign='top'><table><tr><td><img src='/ads/banner160.gif' width='160' "
        f"height='600'></td></tr><tr><td><font size='1'><b>Berita Lain:</b><br>{others}"
        f"</font></td></tr></table></td></tr><tr><td colspan='3' align='center'><font "
        f"size='1'>Copyright &copy; 1999-2024 Harian Rakyat Online. Dilarang mengutip tanpa "
        f"izin.</font></td></tr></table></body></html>"
    )
    return page, art.truth()


def comments_heavy(art: Article, r: Random) -> tuple[str, str]:
    """A short-to-medium article under a comment thread longer than itself."""
    lang = art.lang
    page = (
        bp.head(art.title, "Forum Berita", lang=lang)
        + f"<body><div class='wrapper'><header>{bp.mega_menu(r, lang, art.base)}</header><div "
        f"class='content'><div class='main'><div class='post'><h1 class='post-title'>"
        f"{escape(art.title)}</h1><div class='post-info'>{art.author} · {_date(art)}</div>"
        f"<div class='post-body'>{render_blocks(r, art)}</div>{bp.share_bar()}</div>"
        f"{bp.comments(r, lang, r.randint(30, 60))}</div><div class='side'>"
        f"{bp.popular(r, lang, art.base)}</div></div>{bp.footer(r, lang, art.base, 'Forum')}"
        f"</div>{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def liveblog(art: Article, r: Random) -> tuple[str, str]:
    """Updates newest first, each with a time, a heading and paragraphs (the truth is them
    all, headings included, times not)."""
    entries = []
    blocks = [b for b in art.blocks if b.kind in ("p", "quote")]
    for i in range(0, len(blocks), 2):
        chunk = blocks[i : i + 2]
        heading = bp.headline(r, art.lang)
        paragraphs = "".join(f"<p>{escape(b.text)}</p>" for b in chunk)
        entries.append(
            (
                heading,
                chunk,
                f"<div class='live-entry' id='post-{i}'><div class='live-entry__meta'><time>"
                f"{10 + i // 2}:{r.randint(10, 59)} WIB</time></div><h3 class='live-entry__title'>"
                f"{escape(heading)}</h3><div class='live-entry__body'>{paragraphs}</div>"
                f"{bp.share_bar('live-share')}</div>",
            )
        )
    truth = "\n".join(f"{h}\n" + "\n".join(b.text for b in chunk) for h, chunk, _ in entries)
    page = (
        bp.head(art.title, "Live", lang=art.lang)
        + f"<body><header>{bp.mega_menu(r, art.lang, art.base)}</header><main><div "
        f"class='live-header'><span class='badge'>LIVE</span><h1>{escape(art.title)}</h1><p "
        f"class='updated'>Updated {_date(art)}</p><button>Refresh</button></div><div "
        f"class='liveblog'>{''.join(html for _, _, html in entries)}</div><button "
        f"class='load-more'>Load more updates</button></main><aside>"
        f"{bp.popular(r, art.lang, art.base)}</aside>{bp.footer(r, art.lang, art.base, 'Live')}"
        f"{bp.scripts(r)}</body></html>"
    )
    return page, truth


def bbc_like(art: Article, r: Random) -> tuple[str, str]:
    body = render_blocks(
        r,
        art,
        p="<div data-component='text-block' class='ssrcss-11r1m41-RichTextComponentWrapper'>"
        "<div class='ssrcss-7uxr49-RichTextContainer'><p class='ssrcss-1q0x1qg-Paragraph'>{}"
        "</p></div></div>",
        h2="<div data-component='subheadline-block'><h2>{}</h2></div>",
        between=lambda i: (
            "<div data-component='links-block'><p>Related: "
            f"{bp.link(art.base, r, bp.headline(r, 'en'))}</p></div>"
            if i == 4
            else ""
        ),
    )
    page = (
        bp.head(art.title, "News", lang="en")
        + f"<body>{bp.cookie_banner('en')}<header class='orb-banner'>"
        f"{bp.mega_menu(r, 'en', art.base, 'ssrcss-nav')}</header><div id='main-wrapper'><main "
        f"id='main-content'><article><header><h1 id='main-heading'>{escape(art.title)}</h1>"
        f"</header><div data-component='byline-block'><span>By {art.author}</span><span>"
        f"Reporter</span></div><time>{_date(art)}</time><div data-component='image-block'>"
        f"{figure(art, 'Image source, Getty Images')}</div>{body}<div "
        f"data-component='tag-list'>{bp.tags('en', art.base, [art.topic, 'UK'])}</div></article>"
        f"<section data-component='related-content'><h2>More on this story</h2>"
        + "".join(f"<p>{bp.link(art.base, r, bp.headline(r, 'en'))}</p>" for _ in range(3))
        + f"</section></main><div id='most-read'>{bp.popular(r, 'en', art.base, 10)}</div>"
        f"</div>{bp.footer(r, 'en', art.base, 'News')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def reuters_like(art: Article, r: Random) -> tuple[str, str]:
    """Paragraphs are <div>s, not <p>s."""
    counter = iter(range(1000))
    body = render_blocks(
        r,
        art,
        p="<div data-testid='paragraph-{{n}}' class='text__text article-body__paragraph'>{}</div>",
        h2="<h2 class='article-body__heading'>{}</h2>",
    )
    while "{n}" in body:
        body = body.replace("{n}", str(next(counter)), 1)
    page = (
        bp.head(art.title, "Wire", lang="en")
        + f"<body><div id='fusion-app'><header class='site-header'>"
        f"{bp.mega_menu(r, 'en', art.base, 'nav-bar')}</header><main class='regular-article'>"
        f"<article class='article'><header class='article-header'><h1 "
        f"data-testid='Heading'>{escape(art.title)}</h1><div class='info-content'>By "
        f"{art.author} <time>{_date(art)}</time></div></header><div class='article-body'>"
        f"{figure(art, 'A view of the site. REUTERS/Staff')}<div "
        f"class='article-body__content'>{body}<div class='sign-up'>Sign up here.</div>"
        f"<p class='sign-off'>Reporting by {art.author}; Editing by Mark Heinrich</p><p "
        f"class='trust'>Our Standards: The Thomson Reuters Trust Principles.</p></div></div>"
        f"</article>{bp.teasers(r, 'en', art.base, 6, 'Read Next', 'media-story-card')}</main>"
        f"{bp.footer(r, 'en', art.base, 'Wire')}</div>{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def guardian_like(art: Article, r: Random) -> tuple[str, str]:
    """An opinion piece with a standfirst, "Related:" asides and a support-us epic."""

    def between(i: int) -> str:
        if i == 2:
            return (
                "<aside class='element-rich-link'><p><span>Related: </span>"
                f"{bp.link(art.base, r, bp.headline(r, 'en'))}</p></aside>"
            )
        return ""

    epic = (
        "<div class='contributions__epic'><h2>We have a small favour to ask</h2><p>Millions of "
        "readers rely on our independent journalism every day. Unlike many others, we have no "
        "billionaire owner and our reporting is free for everyone to read.</p><a "
        "href='/support'>Support us</a></div>"
    )
    page = (
        bp.head(art.title, "The Daily", lang="en")
        + f"<body>{bp.cookie_banner('en')}<header>{bp.mega_menu(r, 'en', art.base, 'pillars')}"
        f"</header><main><div class='content__head'><div class='content__labels'><a "
        f"href='/commentisfree'>Opinion</a></div><h1 class='content__headline'>"
        f"{escape(art.title)}</h1><div class='content__standfirst'><p>{bp.teaser(r, 'en')}</p>"
        f"</div><p class='byline'>{art.author}</p><time>{_date(art)}</time></div><div "
        f"class='content__article-body from-content-api js-article__body'>"
        f"{render_blocks(r, art, between=between)}</div>{epic}{bp.share_bar('social')}"
        f"{bp.teasers(r, 'en', art.base, 4, 'Most viewed', 'onward')}"
        f"{bp.comments(r, 'en', r.randint(5, 25))}</main>"
        f"{bp.footer(r, 'en', art.base, 'The Daily')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


LAYOUTS = {
    "wordpress": wordpress,
    "medium": medium,
    "amp": amp,
    "table_old": table_old,
    "comments_heavy": comments_heavy,
    "liveblog": liveblog,
    "bbc_like": bbc_like,
    "reuters_like": reuters_like,
    "guardian_like": guardian_like,
}


def news_split(art: Article, r: Random) -> tuple[str, str]:
    """A lead paragraph in a wrapper of its own, a heavy "Recommended" link box (not named
    as furniture) in mid-text, and an author's bio after the text (not the article)."""
    lang = art.lang
    lead, rest = art.blocks[0], Article(**{**art.__dict__, "blocks": art.blocks[1:]})
    middle = max(1, len(rest.blocks) // 2)
    box = (
        f"<div class='rec-box'><h3>{'Rekomendasi' if lang == 'id' else 'Recommended'}</h3><ul>"
        + "".join(f"<li>{bp.link(art.base, r, bp.headline(r, lang))}</li>"
                  for _ in range(r.randint(4, 9)))
        + "</ul></div>"
    )  # fmt: skip
    body = render_blocks(r, rest, between=lambda i: box if i == middle - 1 else "")
    bio = {
        "id": f"{art.author} adalah jurnalis yang meliput isu perkotaan dan kebijakan publik "
        "sejak 2012. Ia pernah menerima penghargaan jurnalistik tingkat nasional.",
        "en": f"{art.author} is a correspondent covering cities and public policy. Before "
        "joining the paper in 2015 she worked for regional radio and television.",
    }[lang]
    page = (
        bp.head(art.title, "Metro Daily", lang=lang)
        + f"<body><header class='masthead'>{bp.mega_menu(r, lang, art.base, 'primary')}"
        f"</header><main><article class='story'><h1 class='story-title'>{escape(art.title)}"
        f"</h1><div class='story-meta'><span>{art.author}</span> <time>{_date(art)}</time>"
        f"</div>{figure(art, bp.teaser(r, lang)[:60])}<div class='story-lead'><p>"
        f"{escape(lead.text)}</p></div><div class='story-body'>{body}</div><div "
        f"class='author-card'><img src='{art.base}/a.jpg' alt=''><p>{bio}</p></div>"
        f"</article>{bp.teasers(r, lang, art.base, 4, 'More stories', 'more')}</main>"
        f"{bp.footer(r, lang, art.base, 'Metro Daily')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


LAYOUTS["news_split"] = news_split
