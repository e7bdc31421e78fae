"""What the command modules share (``cli/output.py``): article rows and lines, the overwrite
hint, and text from outside made safe for a terminal (every command, every channel)."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsreader.cli
from newsreader.cli.output import overwrite_hint, print_json, safe, summary_dict, summary_line
from newsreader.core import EntrySummary, ExportError
from tests.cli.runner import run
from tests.helpers.http_server import HANDLED

WIB = timezone(timedelta(hours=7))
ENTRY = EntrySummary(
    id=7,
    feed_id=2,
    feed_title="Elshinta",
    title="Kopi Gayo mendunia",
    url="https://elshinta.example/kopi",
    published=datetime(2021, 6, 15, 9, 11, tzinfo=WIB),
    read=False,
    starred=True,
)


def test_summary_dict_keeps_each_commands_key_order() -> None:
    """``articles --json`` and ``search --json`` print the same rows, search's with the feed."""
    assert summary_dict(ENTRY) == {
        "id": 7,
        "feed_id": 2,
        "title": "Kopi Gayo mendunia",
        "url": "https://elshinta.example/kopi",
        "published": "2021-06-15T09:11:00+07:00",
        "read": False,
        "starred": True,
    }
    assert list(summary_dict(ENTRY)) == [
        "id", "feed_id", "title", "url", "published", "read", "starred",
    ]  # fmt: skip
    assert list(summary_dict(ENTRY, feed_title=True)) == [
        "id", "feed_id", "feed", "title", "url", "published", "read", "starred",
    ]  # fmt: skip
    assert summary_dict(ENTRY, feed_title=True)["feed"] == "Elshinta"


def test_summary_line() -> None:
    assert summary_line(ENTRY) == "     7 *N 2021-06-15 09:11  Kopi Gayo mendunia"
    undated = dataclasses.replace(ENTRY, published=None, read=True, starred=False)
    assert summary_line(undated) == "     7    " + " " * 16 + "  Kopi Gayo mendunia"


def test_overwrite_hint_only_for_a_file_that_exists() -> None:
    exists = r"^a\.html already exists \(add --force to overwrite\)$"
    with pytest.raises(ExportError, match=exists), overwrite_hint():
        raise ExportError("a.html already exists")
    with pytest.raises(ExportError, match=r"^disk full$"), overwrite_hint():
        raise ExportError("disk full")


# -- text from outside, made safe for a terminal ------------------------------------------------
ESC, BEL = "\x1b", "\x07"
CLIPBOARD = f"{ESC}]52;c;ZXZpbA=={BEL}"  # OSC 52: writes the terminal's clipboard
WINDOW = f"{ESC}]0;judul jendela{BEL}"  # OSC 0: sets the window title
# Anything that a terminal acts on rather than shows: C0 but the line breaks and tabs printed
# on purpose, DEL, C1 (0x9b is CSI on its own) and the bidi controls that reorder a line.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_safe_shows_controls_instead_of_acting_on_them() -> None:
    assert safe(f"a{CLIPBOARD}b") == "a^[]52;c;ZXZpbA==^Gb"
    assert safe("\x00\x7f") == "^@^?"
    assert safe("x\x9b31my\x85") == "x\ufffd31my\ufffd"  # C1: CSI, NEL
    bidi = "\u202eKanan\u202c \u2066x\u2069 \u200f\u061c"  # override, isolate, marks
    assert safe(bidi) == "\ufffdKanan\ufffd \ufffdx\ufffd \ufffd\ufffd"
    assert safe("Kopi Gayo — «mendunia» 日本 ‘ok’ 🙂") == "Kopi Gayo — «mendunia» 日本 ‘ok’ 🙂"


def test_safe_keeps_line_breaks_only_where_they_belong() -> None:
    """A one-line field (a title in a list) cannot forge another line; a body keeps its own."""
    assert safe("satu\ndua\r\ntiga\rempat\tlima\u2028enam") == "satu dua  tiga empat lima enam"
    text = "satu\ndua\r\ntiga\rempat\tlima\u2028enam"
    assert safe(text, multiline=True) == "satu\ndua\ntiga\nempat\tlima\nenam"
    assert safe(f"x{WINDOW}\n", multiline=True) == "x^[]0;judul jendela^G\n"


def test_json_escapes_what_a_terminal_would_act_on(capsys) -> None:
    value = {"title": f"a{CLIPBOARD}\x7f\x9b\x85\u202e\u2066\u2028b ü"}
    print_json(value)
    out = capsys.readouterr().out
    assert not UNSAFE.search(out) and "\u2028" not in out
    assert "\\u001b" in out and "\\u009b" in out and "\\u202e" in out and "ü" in out
    assert json.loads(out) == value


def _hostile_feed(base: str) -> bytes:
    item = (
        f"<item><title>Kopi {ESC}[31mmerah{ESC}[0m\u202e gayo\x9d0;x{BEL}</title>"
        f"<link>{base}/kopi{WINDOW}</link><guid>kopi-1</guid>"
        f"<author>redaksi@elshinta.example (Pen{ESC}]8;;http://x{BEL}ulis{ESC}[2J)</author>"
        f"<description>Isi {CLIPBOARD} kopi gayo\u202e dari Aceh.\x9b2J</description></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Berita{CLIPBOARD}{WINDOW} \u202eKanan\u202c \x9d0;x\x9c</title>"
        f"<link>{base}/</link>{item}</channel></rss>"
    ).encode()


def _hostile_status(request) -> object:
    """A status line whose reason (Latin-1, as HTTP allows) holds a C1 CSI and an OSC."""
    request.connection.sendall(
        b"HTTP/1.1 599 \x9b31mrusak\x9b0m \x9d0;pwned\x9c\r\nContent-Length: 0\r\n\r\n"
    )
    return HANDLED


def test_text_from_feeds_and_servers_never_reaches_the_terminal_raw(
    tmp_path: Path, capsys, http_server
) -> None:
    data = str(tmp_path / "lib")
    served = iter([_hostile_feed(http_server.url(""))])  # then the server breaks
    http_server.route("/rss", lambda request: next(served, None) or _hostile_status(request))
    http_server.route("/rusak", _hostile_status)
    seen: list[str] = []

    def command(*args: str) -> tuple[int, str, str]:
        code, out, err = run(capsys, "--data-dir", data, *args)
        seen.append(out + err)
        return code, out, err

    code, out, err = command("add", "--no-full-article", http_server.url("/rss"))
    assert code == 0, err
    assert "Berita^[]52;c;ZXZpbA==^G^[]0;judul jendela^G" in out  # shown, not obeyed
    code, _, err = command("add", http_server.url("/rusak"))
    assert code == 1 and "cannot subscribe" in err and "rusak" in err
    code, out, _ = command("articles")
    assert "Kopi ^[[31mmerah^[[0m\ufffd gayo" in out
    entry_id = out.split()[0]
    assert command("show", entry_id)[0] == 0
    assert command("search", "kopi")[1].count("\n") == 1
    assert command("feed", "1")[0] == 0
    code, _, err = command("refresh")
    assert code == 1 and "rusak" in err
    code, out, _ = command("feeds")
    assert "error:" in out and "rusak" in out
    for args in (("feeds",), ("articles",), ("show", entry_id), ("search", "kopi")):
        assert command(*args, "--json")[0] == 0
    for text in seen:
        assert not UNSAFE.search(text.replace("\t", " ")), text


def test_log_lines_are_made_safe_too(tmp_path: Path, capsys, http_server) -> None:
    """``-v`` logs what the core does, a feed's failure in the server's words among it."""
    data = str(tmp_path / "lib")
    served = iter([_hostile_feed(http_server.url(""))])
    http_server.route("/rss", lambda request: next(served, None) or _hostile_status(request))
    assert (
        run(capsys, "--data-dir", data, "add", "--no-full-article", http_server.url("/rss"))[0] == 0
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", "-vv", "--data-dir", data, "refresh"],
        capture_output=True, text=True, cwd=root, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1 and "INFO " in proc.stderr and "rusak" in proc.stderr
    assert not UNSAFE.search(proc.stdout + proc.stderr.replace("\t", " ")), proc.stderr


def test_every_line_goes_through_the_shared_output() -> None:
    """Command modules write only through ``cli.output``, which makes outside text safe for a
    terminal: a ``print`` or ``sys.stdout`` of their own could pass a feed's escapes through."""
    cli = Path(newsreader.cli.__file__).parent
    offenders = []
    for module in sorted(cli.glob("*.py")):
        if module.name == "output.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "print":
                offenders.append(f"{module.name}:{node.lineno} print")
            if isinstance(node, ast.Attribute) and node.attr in {"stdout", "stderr", "write"}:
                offenders.append(f"{module.name}:{node.lineno} .{node.attr}")
    assert offenders == []
