"""Page layouts modelled on Indonesian news portals (detik, kompas, tempo, tribun, antara,
CNN Indonesia, republika, okezone/sindonews). Each returns (page HTML, true article text)."""

from __future__ import annotations

from html import escape
from random import Random

from . import boilerplate as bp
from .articles import Article, figure, id_date, render_blocks

SCROLL = (
    "<div class='parallaxindetail scrollpage'><div class='ads__label'>ADVERTISEMENT</div>"
    "<div class='slot'></div><div class='scroll-note'>SCROLL TO CONTINUE WITH CONTENT</div></div>"
)


def _inline_related(r: Random, art: Article, label: str = "Baca juga") -> str:
    return f"<p><strong>{label}: </strong>{bp.link(art.base, r, bp.headline(r, art.lang))}</p>"


def _every(n: int, html_of):  # type: ignore[no-untyped-def]
    return lambda i: html_of() if i % n == n - 1 else ""


def detik(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("Jakarta - ").with_tail(f"({r.choice(['asp', 'hri', 'knv'])}/imk)")
    first, rest = art.blocks[0], Article(**{**art.__dict__, "blocks": art.blocks[1:]})

    def between(i: int) -> str:
        if i == 1:
            return SCROLL
        if i % 4 == 2:
            return (
                "<table class='linksisip'><tr><td><div class='lihatjg'><strong>Baca juga: "
                f"</strong>{bp.link(art.base, r, bp.headline(r, 'id'))}</div></td></tr></table>"
            )
        return ""

    lead = f"<strong>Jakarta</strong> - {escape(first.text.removeprefix('Jakarta - '))}"
    lead = f"{lead}<br><br>" if r.random() < 0.5 else f"<p>{lead}</p>"
    body = lead + render_blocks(r, rest, between=between)
    page = (
        bp.head(art.title, "detikNews")
        + f"<body><div class='container'><header class='header'>{bp.top_bar(r, 'id')}"
        f"{bp.mega_menu(r, 'id', art.base, 'nav')}</header><div class='grid-row content__bg'>"
        f"<div class='column-8'><article class='detail'><div class='detail__header'>"
        f"{bp.breadcrumb('id', art.base, 'News')}<h1 class='detail__title'>{escape(art.title)}"
        f"</h1><div class='detail__author'>{art.author} - detikNews</div><div "
        f"class='detail__date'>{id_date(art.date)}</div></div><div class='detail__media'>"
        f"{figure(art, 'Foto: ilustrasi (detik)', 'detail__media-image')}</div>"
        f"<div class='detail__body itp_bodycontent_wrapper'><div class='detail__body-text "
        f"itp_bodycontent'>{body}</div>{bp.tags('id', art.base, ['berita', art.topic])}"
        f"{bp.share_bar('detail__share')}</div></article>"
        f"{bp.teasers(r, 'id', art.base, 6, 'Berita Terkait', 'list-content')}"
        f"{bp.comments(r, 'id', r.randint(0, 6), nested=False)}</div>"
        f"<div class='column-4 sidebar'>{bp.popular(r, 'id', art.base)}"
        f"{bp.teasers(r, 'id', art.base, 4, 'Berita Terkini', 'box')}</div></div>"
        f"{bp.footer(r, 'id', art.base, 'detikcom')}</div>{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def kompas(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("JAKARTA, KOMPAS.com - ")
    rel = _every(3, lambda: _inline_related(r, art))
    body = render_blocks(r, art, between=rel)
    body = body.replace("JAKARTA, KOMPAS.com - ", "<strong>JAKARTA, KOMPAS.com</strong> - ", 1)
    page = (
        bp.head(art.title, "Kompas.com", bp.json_ld(art.title, art.author, art.date, art.image))
        + f"<body>{bp.cookie_banner('id') if r.random() < 0.5 else ''}<div class='wrap'>"
        f"<div class='header'>{bp.mega_menu(r, 'id', art.base, 'nav__wrap')}</div><div "
        f"class='container clearfix'><div class='col-bs10-7'><div class='read__header'>"
        f"{bp.breadcrumb('id', art.base, 'Nasional')}<h1 class='read__title'>"
        f"{escape(art.title)}</h1><div class='read__time'>Kompas.com - {id_date(art.date)}"
        f"</div></div><div class='photo'>{figure(art, 'KOMPAS.com/Dokumentasi')}</div>"
        f"{bp.share_bar('social--share')}<div class='read__content'><div class='clearfix'>"
        f"{body}</div></div><div class='read__credit'>Penulis : {art.author}<br>Editor : "
        f"Bagus Santosa</div><div class='kompasidRec'><p>Dapatkan update berita pilihan dan "
        f"breaking news setiap hari dari Kompas.com. Mari bergabung di Grup Telegram.</p></div>"
        f"{bp.tags('id', art.base, [art.topic, 'nasional'])}"
        f"{bp.teasers(r, 'id', art.base, 5, 'Berita Terkait', 'article__list')}</div>"
        f"<div class='col-bs10-3 sidebar'>{bp.popular(r, 'id', art.base, 10)}</div></div>"
        f"{bp.footer(r, 'id', art.base, 'Kompas.com')}</div>{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def tempo(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("TEMPO.CO, Jakarta - ").with_tail(art.author.upper())
    ld_body = art.truth() if r.random() < 0.4 else ""

    def between(i: int) -> str:
        if i == 2:
            return f"<p>Pilihan Editor: {bp.link(art.base, r, bp.headline(r, 'id'))}</p>"
        return bp.ad(r, "Advertisement") if i % 5 == 4 else ""

    page = (
        bp.head(
            art.title, "Tempo.co", bp.json_ld(art.title, art.author, art.date, art.image, ld_body)
        )
        + f"<body><header id='header'>{bp.mega_menu(r, 'id', art.base, 'nav-menu')}</header>"
        f"<main class='container'><div class='row'><div class='col-8'><article "
        f"class='detail-article'><h1 class='title'>{escape(art.title)}</h1><h4 class='date'>"
        f"{id_date(art.date)}</h4><figure class='foto-detail'><img src='{art.image}'>"
        f"<figcaption>TEMPO/Imam Sukamto</figcaption></figure><div class='detail-in'>"
        f"<div id='isi' itemprop='articleBody'>{render_blocks(r, art, between=between)}</div>"
        f"</div><div class='artikel-terkait'><h3>Artikel Terkait</h3><ul>"
        + "".join(
            f"<li>{bp.link(art.base, r, bp.headline(r, 'id'))}<span class='date'>20 Oktober "
            "2020 14:05 WIB</span></li>"
            for _ in range(r.randint(2, 5))
        )
        + f"</ul></div></article></div><aside class='col-4'>{bp.popular(r, 'id', art.base)}"
        f"{bp.newsletter('id')}</aside></div></main>{bp.footer(r, 'id', art.base, 'Tempo')}"
        f"{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def tribun(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("TRIBUNNEWS.COM, JAKARTA - ")
    rel = _every(2, lambda: _inline_related(r, art))
    promo = (
        f"<p>Artikel ini telah tayang di Tribunnews.com dengan judul {escape(art.title)}</p>"
        if r.random() < 0.5
        else ""
    )
    pages = "".join(f"<a href='?page={i}'>{i}</a>" for i in range(1, r.randint(2, 5)))
    page = (
        bp.head(art.title, "Tribunnews.com")
        + f"<body><div id='header'>{bp.top_bar(r, 'id')}{bp.mega_menu(r, 'id', art.base)}</div>"
        f"<div class='main'><div class='fl w677'><div id='article'><h1 id='arttitle'>"
        f"{escape(art.title)}</h1><div class='mt10'><div id='penulis'>Penulis: {art.author}"
        f"</div><div class='grey'>Editor: Hasanudin Aco</div><time>{id_date(art.date)}</time>"
        f"</div>{figure(art, 'Tribunnews/Jeprima')}<div class='side-article txt-article "
        f"multi-fontsize'>{render_blocks(r, art, between=rel)}{promo}</div>"
        f"<div class='paging'>{pages}<a href='?page=2'>Selanjutnya</a></div>"
        f"{bp.tags('id', art.base, [art.topic, 'tribunnews'])}</div>"
        f"{bp.teasers(r, 'id', art.base, 8, 'Berita Populer', 'populer')}</div>"
        f"<div class='fr w300'>{bp.teasers(r, 'id', art.base, 6, 'Terkini', 'terkini')}"
        f"{bp.popular(r, 'id', art.base, 5, 'Topik Hangat')}</div></div>"
        f"{bp.footer(r, 'id', art.base, 'Tribunnews.com')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def antara(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("Jakarta (ANTARA) - ")
    parts: list[str] = []
    for i, block in enumerate(art.blocks):
        parts.append(escape(block.text))
        if i % 3 == 1:
            parts.append(
                f"<span class='baca-juga'><b>Baca juga: </b>"
                f"{bp.link(art.base, r, bp.headline(r, 'id'))}</span>"
            )
    credit = (
        f"<p class='text-muted small mt10'>Pewarta: {art.author}<br>Editor: Budisantoso "
        "Budiman<br>COPYRIGHT © ANTARA 2024</p>"
    )
    page = (
        bp.head(art.title, "ANTARA News")
        + f"<body><div class='header-top'>{bp.mega_menu(r, 'id', art.base, 'navbar-nav')}</div>"
        f"<div class='container'><div class='row'><div class='col-md-8'><div "
        f"class='wrap__article-detail'><div class='wrap__article-detail-title'><h1>"
        f"{escape(art.title)}</h1></div><div class='wrap__article-detail-info'><ul><li><span>"
        f"{id_date(art.date)}</span></li></ul></div><div class='wrap__article-detail-image'>"
        f"<picture><img src='{art.image}'></picture><p class='wp-caption-text'>Arsip - "
        f"ANTARA FOTO</p></div><div class='wrap__article-detail-content post-content'>"
        f"{'<br><br>'.join(parts)}<br><br>{credit}</div>"
        f"{bp.tags('id', art.base, [art.topic])}</div>"
        f"{bp.teasers(r, 'id', art.base, 4, 'Berita Terkait')}</div><div class='col-md-4'>"
        f"{bp.popular(r, 'id', art.base)}</div></div></div>"
        f"{bp.footer(r, 'id', art.base, 'ANTARA')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def cnn_indonesia(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("Jakarta, CNN Indonesia -- ").with_tail("(fra/ugo)")

    def between(i: int) -> str:
        if i == 1:
            return SCROLL
        if i == 3:
            return "<p>[Gambas:Video CNN]</p>"
        if i % 4 == 0:
            return (
                f"<p><strong>Lihat Juga :</strong></p>{bp.link(art.base, r, bp.headline(r, 'id'))}"
            )
        return ""

    tw = "flex flex-col gap-4 text-cnn_black text-sm grow min-w-0"
    page = (
        bp.head(art.title, "CNN Indonesia")
        + f"<body class='bg-white'><div class='{tw}'>{bp.mega_menu(r, 'id', art.base, 'flex')}"
        f"</div><div class='container mx-auto'><div class='flex gap-8'><div class='grow'>"
        f"<div class='mb-5'><h1 class='mb-2 leading-9 text-cnn_black text-[28px]'>"
        f"{escape(art.title)}</h1><div class='text-cnn_grey text-sm mb-4'>CNN Indonesia "
        f"<span>{id_date(art.date)}</span></div></div><div class='detail-image my-5'>"
        f"{figure(art, 'Ilustrasi. (CNN Indonesia/Adhi Wicaksono)')}</div><div "
        f"class='detail-wrap flex gap-4 relative'><div class='detail-text {tw}'>"
        f"{render_blocks(r, art, between=between)}</div></div>"
        f"{bp.teasers(r, 'id', art.base, 6, 'Berita Terkait', 'flex flex-wrap gap-4')}</div>"
        f"<div class='w-[300px] shrink-0'>{bp.popular(r, 'id', art.base, 8)}</div></div></div>"
        f"{bp.footer(r, 'id', art.base, 'CNN Indonesia')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


def republika(art: Article, r: Random) -> tuple[str, str]:
    art = art.with_lead("REPUBLIKA.CO.ID, JAKARTA -- ")

    def between(i: int) -> str:
        if i == 2:
            return (
                "<div class='baca-juga'><h3>Berita Terkait</h3><ul>"
                + "".join(f"<li>{bp.link(art.base, r, bp.headline(r, 'id'))}</li>"
                          for _ in range(3))
                + "</ul></div>"
            )  # fmt: skip
        return bp.ad(r, "Advertisement") if i % 3 == 0 else ""

    grid = "".join(
        f"<div class='col-md-4'><div class='thumb'><img src='{art.base}/t{i}.jpg'></div><h3>"
        f"{bp.link(art.base, r, bp.headline(r, 'id'))}</h3><p>{bp.teaser(r, 'id')}</p></div>"
        for i in range(6)
    )
    page = (
        bp.head(art.title, "Republika Online")
        + f"<body><nav class='navbar'>{bp.mega_menu(r, 'id', art.base, 'navbar-menu')}</nav>"
        f"<div class='main-content'><div class='max-card'><div class='title-block'><h1>"
        f"{escape(art.title)}</h1><div class='date-block'><span>Rep: {art.author}/ Red: "
        f"Friska Yolandha</span><span>{id_date(art.date)}</span></div></div>"
        f"{figure(art, 'Republika/Putra M. Akbar')}<div class='article-content'>"
        f"{render_blocks(r, art, between=between)}</div>{bp.share_bar()}"
        f"<div class='berita-lainnya'><h2>Berita Lainnya</h2><div class='row'>{grid}</div>"
        f"</div></div></div>{bp.footer(r, 'id', art.base, 'Republika')}{bp.scripts(r)}"
        "</body></html>"
    )
    return page, art.truth()


def okezone_ads(art: Article, r: Random) -> tuple[str, str]:
    """An ad or a "Baca Juga" box after nearly every paragraph, text in a <div> with <br>."""

    def between(i: int) -> str:
        if i % 2 == 0:
            return bp.ad(r) + "<br>"
        thumbs = "".join(
            f"<div class='baca-item'><img src='{art.base}/b{j}.jpg'>"
            f"{bp.link(art.base, r, bp.headline(r, 'id'))}</div>"
            for j in range(r.randint(1, 3))
        )
        return f"<div class='baca-inline'><strong>Baca Juga:</strong>{thumbs}</div>"

    use_br = r.random() < 0.5
    body = render_blocks(r, art, p="{}<br><br>" if use_br else "<p>{}</p>", between=between)
    page = (
        bp.head(art.title, "Okezone")
        + f"<body>{bp.top_bar(r, 'id')}{bp.mega_menu(r, 'id', art.base, 'nav-okz')}"
        f"<div class='container-bodyhome'><div class='container-content'><div "
        f"class='title'><h1>{escape(art.title)}</h1></div><div class='namerep'>{art.author}, "
        f"<b>Jurnalis</b> · {id_date(art.date)}</div>{bp.share_bar()}"
        f"<div class='detail-img'>{figure(art, 'Ilustrasi (Foto: Okezone)')}</div>"
        f"<div id='contentx' class='read'>{body}</div>"
        f"{bp.tags('id', art.base, [art.topic, 'okezone'])}"
        f"{bp.teasers(r, 'id', art.base, 10, 'Berita Terkait', 'list-berita')}</div><div "
        f"class='container-sidebar'>{bp.popular(r, 'id', art.base, 10)}{bp.newsletter('id')}"
        f"</div></div>{bp.footer(r, 'id', art.base, 'Okezone')}{bp.scripts(r)}</body></html>"
    )
    return page, art.truth()


LAYOUTS = {
    "detik": detik,
    "kompas": kompas,
    "tempo": tempo,
    "tribun": tribun,
    "antara": antara,
    "cnn_indonesia": cnn_indonesia,
    "republika": republika,
    "okezone_ads": okezone_ads,
}
