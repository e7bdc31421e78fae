"""Story updates: earlier texts of articles that changed after they were fetched.

The entry always holds the newest text; each time a re-check finds a different text, the one
it replaces is kept as an ``ArticleVersionRecord`` and the entry gets an ``updated_at``. Read
and star marks are not touched: they belong to the reader (see ``storage``).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.core.render.diff import diff_html, normalise
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import ArticleVersionRecord, EntryRecord
from newsreader.core.storage.rows import from_stamp
from newsreader.core.types import ArticleVersion, ExtractedArticle

# A page that now yields almost nothing says the page broke (an error page), not that the
# story changed: never record that as an update.
_MIN_UPDATE_CHARS = 200


def is_story_update(old_text: str, old_method: str, new: ExtractedArticle) -> bool:
    """Did the article's text change, read the same way as before?

    A different extraction path (the site rule failed after a redesign, the page fell back
    to the summary) reads the same story differently: that is not an update of the story.
    """
    if new.method != old_method or new.method in ("summary", "feed", ""):
        return False
    if len(new.text) < _MIN_UPDATE_CHARS <= len(old_text):
        return False
    return normalise(old_text) != normalise(new.text)


def store_update(entry_ids: Sequence[int], article: ExtractedArticle, *, now: float) -> int:
    """Writer job: keep each entry's current text as a version, then store ``article``.

    Entries whose text already equals the new one (a copy updated before) are skipped.
    Returns how many entries were updated.
    """
    updated = 0
    wanted = normalise(article.text)
    for entry in EntryRecord.select().where(EntryRecord.id.in_(list(entry_ids))):
        if normalise(entry.text) == wanted:
            continue
        ArticleVersionRecord.insert(
            entry=entry.id,
            fetched_at=entry.fetched_at if entry.fetched_at is not None else entry.added_at,
            title=entry.title,
            html=entry.html,
            text=entry.text,
        ).execute()
        storage.store_article(entry.id, article, now=now)
        EntryRecord.update(updated_at=now).where(EntryRecord.id == entry.id).execute()
        updated += 1
    return updated


def list_versions(entry_id: int) -> list[ArticleVersion]:
    """The earlier texts of an entry, oldest first (the entry itself holds the newest)."""
    query = (
        ArticleVersionRecord.select()
        .where(ArticleVersionRecord.entry == entry_id)
        .order_by(ArticleVersionRecord.fetched_at, ArticleVersionRecord.id)
    )
    return [
        ArticleVersion(from_stamp(rec.fetched_at), rec.title, rec.html, rec.text) for rec in query
    ]


def entry_diff(entry_id: int) -> str | None:
    """HTML of what the last update changed in an entry; None without an earlier version."""
    latest = (
        ArticleVersionRecord.select(ArticleVersionRecord.text)
        .where(ArticleVersionRecord.entry == entry_id)
        .order_by(ArticleVersionRecord.fetched_at.desc(), ArticleVersionRecord.id.desc())
        .first()
    )
    if latest is None:
        return None
    current = EntryRecord.select(EntryRecord.text).where(EntryRecord.id == entry_id).scalar()
    return diff_html(latest.text, current or "")
