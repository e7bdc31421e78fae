"""Export of 1,000 starred articles with pictures to every format: time and peak memory.

Builds a library in a temporary folder through the real storage functions (the refresh
pipeline's): 1,000 extracted articles of Indonesian text, each with one or two cached
pictures of 30-60 KB (a JPEG photo, every other article also a PNG). Then each format is
exported in a child process of its own, so its peak resident memory (ru_maxrss) is the
export's alone: html, md, md per article, epub, json, pdf.

    .venv/bin/python bench/export.py [--articles 1000] [--formats html,pdf] [--keep DIR]

Goal: under 10 s and 200 MB for every format but PDF; PDF under 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, machine

FORMATS = ("html", "md", "md-files", "epub", "json", "pdf")
GOALS = {"pdf": (30.0, None)}  # seconds, MB; the others: (10 s, 200 MB)


def _pictures() -> object:
    """``image(article, index)``: distinct JPEG photos (800x500) and PNG charts (360x240)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QLinearGradient, QPainter

    app = QGuiApplication.instance() or QGuiApplication([])

    def draw(n: int, width: int, height: int) -> QImage:
        rnd = random.Random(n)
        w4, h4 = width // 4, height // 4
        noise = QImage(os.urandom(w4 * h4 * 3), w4, h4, w4 * 3, QImage.Format.Format_RGB888)
        grain = noise.scaled(width, height)
        img = QImage(width, height, QImage.Format.Format_RGB32)
        painter = QPainter(img)
        gradient = QLinearGradient(0, 0, width, height)
        gradient.setColorAt(0, QColor.fromHsv(rnd.randrange(360), 160, 200))
        gradient.setColorAt(1, QColor.fromHsv(rnd.randrange(360), 200, 120))
        painter.fillRect(img.rect(), gradient)
        painter.setOpacity(0.12)  # grain: photos do not compress like flat colour
        painter.drawImage(0, 0, grain)
        painter.setOpacity(1)
        painter.setPen(Qt.PenStyle.NoPen)
        for _ in range(12):
            painter.setBrush(QColor.fromHsv(rnd.randrange(360), 150, 220, 150))
            x, y = rnd.random() * width, rnd.random() * height
            painter.drawEllipse(QRectF(x, y, rnd.random() * width / 3, rnd.random() * height / 3))
        painter.setPen(Qt.GlobalColor.white)
        painter.setFont(QFont("DejaVu Sans", 24))
        painter.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, f"Foto {n}")
        painter.end()
        return img

    def image(article: int, index: int) -> bytes:
        return _encode(article, index)

    def _encode(article: int, index: int) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if index == 0:
            draw(article, 800, 500).save(buffer, "JPG", 70 + article % 2 * 10)
        else:
            draw(article + 100_000, 360, 240).save(buffer, "PNG")
        assert app is not None
        return bytes(data.data())

    return image


def build(data_dir: Path, articles: int) -> dict[str, float]:
    from tests.helpers.export_library import open_filled

    start = time.perf_counter()
    lib = open_filled(data_dir, articles, _pictures())  # type: ignore[arg-type]
    count = len(lib.entries_for_export(starred=True))
    lib.close()
    sizes = [p.stat().st_size for p in (data_dir / "images").rglob("*") if p.is_file()]
    return {"seconds": time.perf_counter() - start, "articles": count, "images": len(sizes),
            "image_kb_min": min(sizes) / 1024, "image_kb_max": max(sizes) / 1024,
            "image_mb": sum(sizes) / 2**20}  # fmt: skip


def child(fmt: str, data_dir: Path, out: Path) -> None:
    """One export in this process; prints its figures as JSON."""
    from newsreader.core.library import Library

    lib = Library(data_dir)
    ids = lib.entries_for_export(starred=True)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    before, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    if fmt == "pdf":
        from newsreader.ui.pdf_export import ensure_gui_application, export_pdf

        ensure_gui_application()
        path = export_pdf(lib.entries_by_id(ids), out / "export.pdf")
    else:
        lib_fmt, per_article = ("md", True) if fmt == "md-files" else (fmt, False)
        path = lib.export(ids, lib_fmt, out / f"export-{fmt}", per_article=per_article)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu  # all threads: less sensitive to a busy machine
    parts = [path] if path.is_file() else list(path.rglob("*"))
    if fmt == "md":  # the pictures folder beside the file
        parts += list(path.with_name(f"{path.stem}_images").iterdir())
    size = sum(p.stat().st_size for p in parts if p.is_file())
    lib.close()
    print(json.dumps({"format": fmt, "articles": len(ids), "seconds": seconds, "cpu": cpu,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "before_mb": before, "output_mb": size / 2**20}))  # fmt: skip


def gui_child(fmt: str, data_dir: Path, out: Path) -> None:
    """The same export from the export dialog, timing the GUI thread's longest pause: a
    10 ms timer ticks throughout; a late tick is a window that did not respond."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from newsreader.core.library import Library
    from newsreader.ui.dialogs.export import ExportDialog

    app = QApplication(["bench"])
    lib = Library(data_dir)
    dialog = ExportDialog(lib, [])
    dialog.set_format(fmt)
    dialog.set_path(out / "from-dialog", overwrite_confirmed=True)
    gaps: list[float] = []
    last = [0.0]
    began = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if not dialog.error_label.isHidden():
            app.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    dialog.export_finished.connect(lambda *_: app.quit())

    def begin() -> None:
        last[0] = began[0] = time.perf_counter()
        timer.start()
        dialog.accept()

    dialog.show()
    QTimer.singleShot(0, begin)
    app.exec()
    seconds = time.perf_counter() - began[0]
    failed = dialog.error_label.text() if not dialog.error_label.isHidden() else ""
    lib.close()
    print(json.dumps({"gui_seconds": seconds, "max_pause_ms": max(gaps) * 1000,
                      "error": failed}))  # fmt: skip


def run_format(fmt: str, data_dir: Path, out: Path, mode: str = "--child") -> dict[str, float]:
    proc = subprocess.run(
        [PYTHON, __file__, mode, fmt, "--data-dir", str(data_dir), "--out", str(out)],
        capture_output=True, text=True, check=False,
        env=dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen")),
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"{fmt} failed: {proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--keep", type=Path, help="build the library and exports here, keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--gui-child", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data_dir, args.out)
        return 0
    if args.gui_child:
        gui_child(args.gui_child, args.data_dir, args.out)
        return 0
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-export-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        built = build(root / "data", args.articles)
        from PySide6 import __version__ as pyside

        print(f"Machine: {machine()}, PySide6 {pyside}")
        print(f"Library: {built['articles']} starred articles, {built['images']} cached pictures "
              f"({built['image_kb_min']:.0f}-{built['image_kb_max']:.0f} KB, "
              f"{built['image_mb']:.0f} MB), built in {built['seconds']:.1f} s\n")  # fmt: skip
        print(f"Load average before the exports: {os.getloadavg()[0]:.1f} (a shared machine)\n")
        print(
            "| format | time (s) | CPU (s) | peak memory (MB) | before export (MB) | output (MB) "
            "| from the dialog (s) | longest GUI pause (ms) | goal |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        failed = False
        for fmt in args.formats.split(","):
            out = root / f"out-{fmt}"
            out.mkdir(exist_ok=True)
            r = run_format(fmt, root / "data", out)
            g = run_format(fmt, root / "data", out, "--gui-child")
            if g["error"]:
                raise RuntimeError(f"{fmt} from the dialog failed: {g['error']}")
            limit_s, limit_mb = GOALS.get(fmt, (10.0, 200.0))
            ok = r["seconds"] < limit_s and (limit_mb is None or r["peak_mb"] < limit_mb)
            failed |= not ok
            goal = f"< {limit_s:.0f} s" + (f", < {limit_mb:.0f} MB" if limit_mb else "")
            verdict = "met" if ok else "MISSED"
            cells = [fmt, f"{r['seconds']:.2f}", f"{r['cpu']:.2f}", f"{r['peak_mb']:.0f}",
                     f"{r['before_mb']:.0f}", f"{r['output_mb']:.1f}", f"{g['gui_seconds']:.2f}",
                     f"{g['max_pause_ms']:.0f}", f"{goal}: {verdict}"]  # fmt: skip
            print("| " + " | ".join(cells) + " |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
