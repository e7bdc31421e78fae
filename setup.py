"""The two parts of the build that pyproject.toml cannot declare.

- The app's data lives in the repository's top-level resources/ folder and is installed as the
  package ``newsreader.resources`` (read through importlib.resources, see
  newsreader/core/resources.py). Package discovery only finds folders inside newsreader/, so
  the package list is made here; which data files go in is pyproject.toml's ``package-data``.
- The compiled translations (resources/translations/*.qm) are build products, not committed.
  Building the sdist or the wheel first compiles every one that is missing or older than its
  .ts source (scripts/build-translations, which runs PySide6's pyside6-lrelease), so both
  carry them; PySide6 then becomes a requirement of the build, and only then: an sdist (its
  .qm files compiled) or an up-to-date checkout builds with setuptools alone.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
TRANSLATIONS = HERE / "resources" / "translations"
COMPILER = HERE / "scripts" / "build-translations"


def stale_translations() -> list[Path]:
    """The .ts sources whose .qm file is missing or older than they are."""
    stale = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            stale.append(ts)
    return stale


def qt_requirement() -> str:
    """PySide6 as the app requires it (pyproject.toml), for its pyside6-lrelease."""
    project = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return next(dep for dep in project["dependencies"] if dep.lower().startswith("pyside6"))


def compile_translations() -> None:
    if stale_translations():
        subprocess.run([sys.executable, str(COMPILER)], check=True)


class BuildPy(build_py):
    def run(self) -> None:
        compile_translations()
        super().run()


class Sdist(sdist):
    def run(self) -> None:
        compile_translations()  # before the file list is made, so that it has them
        super().run()


setup(
    packages=[*find_packages(include=["newsreader", "newsreader.*"]), "newsreader.resources"],
    package_dir={"newsreader.resources": "resources"},
    cmdclass={"build_py": BuildPy, "sdist": Sdist},
    # Under PEP 517 this only tells the front end what to install for the build.
    setup_requires=[qt_requirement()] if stale_translations() else [],
)
