"""The front end (``cli/frontend.py``): the whole flow through it, errors and exit statuses,
start-up imports, a closed pipe. In process, against the demo site on loopback."""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

import newsreader.cli
from newsreader.cli.frontend import build_parser, main
from tests.cli.runner import run
from tests.helpers.reader_dbs import corrupt
from tests.helpers.search_data import GARBAGE


def test_whole_flow(subscribed: str, demo_site, capsys, tmp_path: Path) -> None:
    data = subscribed
    code, out, _ = run(capsys, "--data-dir", data, "feeds", "--json")
    feeds = json.loads(out)
    assert code == 0 and len(feeds) == 2
    assert {f["url"] for f in feeds} == {
        demo_site.url("/rss"),
        demo_site.url("/kategori/5/internasional"),
    }
    assert all(set(f) >= {"id", "title", "url", "folder", "unread", "error"} for f in feeds)
    assert sorted(f["total"] for f in feeds) == [7, 11]  # subscribing stored the articles

    code, out, err = run(capsys, "--data-dir", data, "refresh", "--json")
    assert code == 0, err
    results = json.loads(out)
    # The feeds were fetched when subscribed (a 304 now); their articles' pages are fetched.
    assert sorted(r["articles_fetched"] for r in results) == [7, 11]
    assert not any(r["new"] or r["error"] for r in results)

    code, out, _ = run(capsys, "--data-dir", data, "articles", "--json")
    rows = json.loads(out)
    assert len(rows) == 11  # the 7 category articles are the feed's own, listed once
    code, out, _ = run(
        capsys, "--data-dir", data, "articles", "--feed", str(feeds[1]["id"]), "--json"
    )
    assert len(json.loads(out)) in (7, 11)
    assert set(rows[0]) == {"id", "feed_id", "title", "url", "published", "read", "starred"}
    seed = demo_site.seed
    seed_row = next(r for r in rows if r["url"] == seed["url"])

    code, out, _ = run(capsys, "--data-dir", data, "show", str(seed_row["id"]), "--json")
    shown = json.loads(out)
    assert shown["title"] == seed["title"]
    assert shown["author"] == seed["author"]
    assert shown["published"] == "2020-10-26T11:26:00+07:00"
    assert shown["text"].startswith(seed["first_paragraph"][:60])
    assert shown["text"].rstrip().endswith("[vm/ft]")
    assert "DISCLAIMER" not in shown["text"] and "Live Streaming" not in shown["text"]
    assert "<script" not in shown["html"] and "onerror" not in shown["html"]
    assert [r["url"] for r in shown["related"]] == [r["url"] for r in seed["related"]]
    assert shown["related"][0]["published"] == "2021-06-15T09:28:00+07:00"
    assert shown["related"][0]["teaser"].endswith("...")
    lead = next(i for i in shown["images"] if i["url"] == seed["lead_image"])
    assert lead["path"] and Path(lead["path"]).is_file()
    assert shown["extraction"] == "site:elshinta"
    assert shown["read"] is False and shown["starred"] is False

    assert run(capsys, "--data-dir", data, "star", str(seed_row["id"]))[0] == 0
    assert run(capsys, "--data-dir", data, "read", str(seed_row["id"]))[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "articles", "--starred", "--json")
    assert [r["id"] for r in json.loads(out)] == [seed_row["id"]]
    code, out, _ = run(capsys, "--data-dir", data, "articles", "--unread", "--json")
    assert seed_row["id"] not in {r["id"] for r in json.loads(out)}

    target = tmp_path / "starred.html"
    code, _, err = run(
        capsys, "--data-dir", data, "export", "--starred", "--format", "html", "-o", str(target)
    )
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert seed["title"] in html and "data:image/jpeg;base64," in html
    assert 'src="http' not in html
    code, _, err = run(
        capsys, "--data-dir", data, "export", "--starred", "--format", "html", "-o", str(target)
    )
    assert code == 1 and "--force" in err

    for fmt in ("md", "json"):
        out_path = tmp_path / f"pick.{fmt}"
        code, _, err = run(
            capsys,
            "--data-dir",
            data,
            "export",
            "--ids",
            str(seed_row["id"]),
            "--format",
            fmt,
            "-o",
            str(out_path),
        )
        assert code == 0 and out_path.exists(), err
    assert json.loads((tmp_path / "pick.json").read_text())[0]["title"] == seed["title"]

    # A second refresh finds nothing new: the server answers 304.
    code, out, _ = run(capsys, "--data-dir", data, "refresh", "--json")
    assert code == 0 and all(r["new"] == 0 for r in json.loads(out))


def test_errors_are_clear_and_nonzero(tmp_path: Path, capsys, http_server) -> None:
    data = str(tmp_path / "lib")
    code, _, err = run(capsys, "--data-dir", data, "show", "42")
    assert code == 1 and "no article with id 42" in err
    code, _, err = run(capsys, "--data-dir", data, "add", "ftp://example.org/feed")
    assert code == 1 and "not a web address" in err
    http_server.route(
        "/broken.xml",
        body=b"\x00\x01 nothing here is XML {",
        headers={"Content-Type": "application/rss+xml"},
    )
    code, _, err = run(capsys, "--data-dir", data, "add", http_server.url("/broken.xml"))
    assert code == 1 and "cannot subscribe" in err
    code, _, err = run(capsys, "--data-dir", data, "star", "7")
    assert code == 1 and "no article" in err
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "export", "--format", "pdf", "-o", "x"])


def _loaded_by(code: str, *prefixes: str) -> list[str]:
    """The modules named ``prefixes…`` that ``code`` loads in a fresh interpreter."""
    probe = (
        "import contextlib, io, sys\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + f"print(','.join(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [name for name in out.stdout.strip().split(",") if name]


def test_core_import_does_not_load_qt() -> None:
    code = "import newsreader.core.library, newsreader.cli"
    assert _loaded_by(code, "PySide6", "trafilatura", "feedparser") == []


def test_help_loads_neither_the_core_nor_qt() -> None:
    """``newsreader --help`` imports every command module to build the parser; none of them may
    load the core (database, parsers, network) or Qt for that, or the help would be slow."""
    code = "from newsreader.cli import main\nmain(['--help'])"
    heavy = ("PySide6", "newsreader.core", "newsreader.ui", "peewee", "lxml", "httpx")
    assert _loaded_by(code, *heavy) == []


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    from newsreader import version

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"newsreader {version()}\n"


def test_only_version_reads_the_package_metadata() -> None:
    """The version comes from importlib.metadata, some 20 ms of imports: a start that does not
    show it does not pay for them."""
    run = "from newsreader.cli import main\nmain([{!r}])"
    assert _loaded_by(run.format("--help"), "importlib.metadata") == []
    assert _loaded_by(run.format("--version"), "importlib.metadata") != []


def test_every_command_has_its_handler() -> None:
    """One registration for all: each command module's parsers get the handlers it returns."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    handlers = {name: parser.get_default("handler") for name, parser in sub.choices.items()}
    assert all(callable(h) for h in handlers.values()), handlers
    modules = {name: h.__module__.rpartition(".")[2] for name, h in handlers.items()}
    assert modules["feeds"] == "feeds" and modules["serve-demo"] == "demo"
    assert modules["import-from"] == "opml" and modules["unread"] == "articles"


def test_no_test_can_reach_the_internet(tmp_path: Path, capsys) -> None:
    """The guard in tests/conftest.py: a real host fails at once, as "host not found"."""
    data = str(tmp_path / "lib")
    code, _, err = run(capsys, "--data-dir", data, "add", "https://elshinta.com/indeks")
    assert code == 1 and "host not found" in err


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path: Path) -> None:
    """`newsreader feeds | head`: the pipe closes early; no traceback, the shell's code."""
    data = tmp_path / "data"
    code = (
        "import sys; from pathlib import Path\n"
        "from newsreader.core.library import open_library\n"
        "from tests.helpers.library_tools import add_feed_unchecked\n"
        "with open_library(Path(sys.argv[1])) as lib:\n"
        "    for n in range(1200):\n"
        "        add_feed_unchecked(lib, f'https://situs{n}.example/rss', kind='feed',\n"
        "                           title='Berita ' * 15 + str(n))\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code, str(data)], check=True, cwd=root)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--data-dir", str(data), "feeds"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=root,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()  # the first line, as `head -1` reads it
    proc.stdout.close()  # then goes away: 1,200 lines (~190 KB) do not fit the pipe
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


# -- a library the machine will not let us use: one clear line, never a traceback ---------------
def _library(data: Path) -> Path:
    """A library of one feed and three articles, indexed for search; its database file."""
    from newsreader.core import open_library
    from tests.helpers.search_data import add_entry, add_feed

    with open_library(data) as lib:
        feed_id = add_feed(lib, "Elshinta")
        for n in range(3):
            add_entry(lib, feed_id, f"Kopi Gayo {n}", "kopi gayo dari Aceh " * 40)
        lib.search("kopi")  # indexes them
    return data / "newsreader.db"


def _sql(db: Path, statement: str) -> None:
    con = sqlite3.connect(db)
    try:
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def _damage_tables(db: Path, *names: str) -> None:
    """Overwrite the first page of each table: the file opens, reading those tables fails."""
    con = sqlite3.connect(db)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    marks = ",".join("?" * len(names))
    roots = con.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", names)
    pages = [page for (page,) in roots]
    con.close()
    with db.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * size)
            file.write(b"\xa5" * size)


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens a file it may not write read-only: what a read-only disk or a folder
    without write permission gives (root may write anywhere, so that is simulated here)."""
    connect = sqlite3.connect

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        return connect(f"{Path(database).as_uri()}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)


def _break(how: str, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "a file in place of the folder":
        data.write_text("bukan folder")
    elif how == "a folder in place of the database":
        (data / "newsreader.db").mkdir(parents=True)
    elif how == "random bytes as the database":
        data.mkdir()
        (data / "newsreader.db").write_bytes(random.Random(7).randbytes(40_000))
    elif how == "a damaged file":
        corrupt(_library(data))
    elif how == "damaged tables":  # opens, then fails the first read of them
        _damage_tables(_library(data), "feed", "entry", "entry_state")
    elif how == "an empty folder that cannot be written":
        data.mkdir()
        _read_only(monkeypatch)


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("a file in place of the folder", "is not a directory"),
        ("a folder in place of the database", "the database file cannot be opened"),
        ("random bytes as the database", "the database file is damaged"),
        ("a damaged file", "the database file is damaged"),
        ("damaged tables", "the database file is damaged"),
        ("an empty folder that cannot be written", "the database file cannot be opened"),
    ],
)
def test_a_library_that_cannot_be_used_is_one_clear_line(
    how: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    data = tmp_path / "lib"
    _break(how, data, monkeypatch)
    for command in (["feeds"], ["articles"], ["show", "1"], ["search", "kopi"], ["star", "1"]):
        code, out, err = run(capsys, "--data-dir", str(data), *command)
        assert (code, out) == (1, ""), (command, err)
        assert err.startswith("newsreader: ") and err.count("\n") == 1, (command, err)
        assert message in err and "Traceback" not in err, (command, err)


def test_a_read_only_library_reads_and_refuses_changes_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    data = str(tmp_path / "lib")
    _library(tmp_path / "lib")
    _read_only(monkeypatch)
    for command in (["feeds"], ["articles"], ["show", "1"], ["search", "kopi"]):
        code, out, err = run(capsys, "--data-dir", data, *command)
        assert code == 0 and out and not err, (command, err)
    for command in (["star", "1"], ["feed", "1", "--title", "Baru"], ["cleanup"]):
        code, out, err = run(capsys, "--data-dir", data, *command)
        assert (code, out) == (1, ""), (command, err)
        assert err.startswith("newsreader: ") and err.count("\n") == 1, (command, err)
        assert "the library folder cannot be written to" in err, (command, err)


@pytest.mark.parametrize("damage", ["posting lists", "every block"])
def test_a_damaged_search_index_fails_search_alone(damage: str, tmp_path: Path, capsys) -> None:
    db = _library(tmp_path / "lib")
    # The index's blocks: 1 and 10 describe it, the rest hold its posting lists.
    where = 'WHERE "id" > 10' if damage == "posting lists" else ""
    _sql(db, f"UPDATE entry_fts_data SET block = {GARBAGE} {where}")
    data = str(tmp_path / "lib")
    code, out, err = run(capsys, "--data-dir", data, "search", "kopi")
    assert (code, out) == (1, "")
    assert err.startswith("newsreader: the search index is damaged") and err.count("\n") == 1
    code, out, err = run(capsys, "--data-dir", data, "articles")
    assert code == 0 and out.count("Kopi Gayo") == 3, err


def test_a_row_that_is_not_utf8_does_not_hide_the_others(tmp_path: Path, capsys) -> None:
    db = _library(tmp_path / "lib")
    # "Kopi\xff\xfe Gayo 1": bytes that are not UTF-8, as another program could have stored.
    _sql(db, "UPDATE entry SET title = CAST(x'4b6f7069fffe204761796f2031' AS TEXT), "
             "author = CAST(x'c328' AS TEXT) WHERE title = 'Kopi Gayo 1'")  # fmt: skip
    data = str(tmp_path / "lib")
    code, out, err = run(capsys, "--data-dir", data, "articles")
    assert code == 0, err
    assert "Kopi\ufffd\ufffd Gayo 1" in out and "Kopi Gayo 0" in out and "Kopi Gayo 2" in out
    broken = next(line.split()[0] for line in out.splitlines() if "\ufffd" in line)
    code, out, err = run(capsys, "--data-dir", data, "show", broken, "--json")
    assert code == 0 and json.loads(out)["title"] == "Kopi\ufffd\ufffd Gayo 1", err
    assert json.loads(out)["author"] == "\ufffd("
    code, out, err = run(capsys, "--data-dir", data, "search", "gayo")
    assert code == 0 and out.count("Kopi") == 3, err


def test_the_front_end_is_a_module_of_its_own() -> None:
    """``newsreader.cli.main`` is the entry point (a function); the module is ``frontend``, so
    patching a name of the front end reaches it."""
    patched = mock.patch("newsreader.cli.frontend.build_parser", side_effect=RuntimeError("stub"))
    with patched, pytest.raises(RuntimeError, match="stub"):
        newsreader.cli.main(["feeds"])
    assert newsreader.cli.main is main
