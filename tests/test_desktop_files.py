"""The desktop integration in packaging/: the desktop entry and the AppStream metainfo pass their
validators, the icons exist at every size, one application id names everything, and
scripts/install-desktop installs and removes the files."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsreader.ui.app_id import APP_ID

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICONS = PACKAGING / "icons" / "hicolor"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Where the metainfo says the screenshots are published: this tree's packaging/screenshots/.
SCREENSHOT_URL = "https://raw.githubusercontent.com/newsreader/newsreader/main/"
FEED_TYPES = {"x-scheme-handler/feed", "application/rss+xml", "application/atom+xml",
              "text/x-opml+xml"}  # fmt: skip
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool(name: str, package: str) -> str:
    """The validator's path. scripts/install --test installs it wherever apt-get exists; only
    a machine without apt-get (it cannot be installed the project's way) skips."""
    path = shutil.which(name)
    if path is not None:
        return path
    if shutil.which("apt-get") is not None:
        pytest.fail(f"{name} is not installed: run scripts/install --test (package {package})")
    pytest.skip(f"{name} cannot be installed here: no apt-get for the {package} package")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env,
                          check=False)  # fmt: skip


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk comes first)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is no PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_one_app_id_names_everything() -> None:
    from newsreader.ui import app

    assert "setDesktopFileName(APP_ID)" in Path(app.__file__).read_text(encoding="utf-8")
    assert app.APP_ID == APP_ID
    assert DESKTOP.is_file() and METAINFO.is_file()
    assert _entry(DESKTOP)["Icon"] == APP_ID
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    for script in ("render-icons", "install-desktop"):
        assert f"\nAPP_ID={APP_ID}\n" in (ROOT / "scripts" / script).read_text(encoding="utf-8")
    # The only desktop entry and metainfo here: an old name left behind would be packaged too.
    assert sorted(p.name for p in PACKAGING.glob("*.desktop")) == [DESKTOP.name]
    assert sorted(p.name for p in PACKAGING.glob("*.metainfo.xml")) == [METAINFO.name]


def test_desktop_entry_is_valid() -> None:
    result = _run(_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP))
    # Hints and warnings are printed too; the entry is kept free of all of them.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_desktop_entry_opens_feeds_and_names_the_window() -> None:
    from newsreader.ui.app import APP_NAME

    entry = _entry(DESKTOP)
    assert entry["Exec"] == "newsreader %U"
    assert set(entry["MimeType"].rstrip(";").split(";")) >= FEED_TYPES
    assert {"Network", "News", "Feed"} <= set(entry["Categories"].rstrip(";").split(";"))
    assert entry["Name[id]"] and entry["Comment[id]"]
    # On X11 Qt's WM_CLASS is (program name, application name); docks match the latter.
    assert entry["StartupWMClass"] == APP_NAME


def test_metainfo_is_valid() -> None:
    tool = _tool("appstreamcli", "appstream")
    result = _run(tool, "validate", "--no-net", "--pedantic", str(METAINFO))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not [line for line in output.splitlines() if line.startswith(("E:", "W:"))], output


def test_metainfo_describes_the_release_and_the_app() -> None:
    import newsreader

    component = ET.parse(METAINFO).getroot()
    # Newest first: a new version needs its <release>.
    assert component.find("releases/release").get("version") == newsreader.__version__
    assert component.find("content_rating[@type='oars-1.1']") is not None
    assert component.findtext("provides/binary") == "newsreader"
    assert component.findtext("url[@type='homepage']", "").startswith("https://")
    descriptions = component.findall("description/p")
    assert {p.get(_XML_LANG) for p in descriptions} == {None, "id"}


def test_screenshots_are_the_committed_pictures() -> None:
    images = ET.parse(METAINFO).getroot().findall("screenshots/screenshot/image")
    assert len(images) >= 2
    for image in images:
        url = image.text or ""
        assert url.startswith(SCREENSHOT_URL), url
        path = ROOT / url.removeprefix(SCREENSHOT_URL)
        assert path.is_file(), f"{url} names no file in the tree"
        assert _png_size(path) == (int(image.get("width", 0)), int(image.get("height", 0)))


@pytest.mark.parametrize("size", SIZES)
def test_icon_is_rendered_at_its_size(size: int) -> None:
    path = ICONS / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert _png_size(path) == (size, size)


def test_icon_source_is_the_window_icon() -> None:
    svg = ICONS / "scalable" / "apps" / f"{APP_ID}.svg"
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 128 128"
    window_icons = ROOT / "resources" / "icons"
    assert (window_icons / "newsreader.svg").read_bytes() == svg.read_bytes()
    png = ICONS / "256x256" / "apps" / f"{APP_ID}.png"
    assert (window_icons / "newsreader.png").read_bytes() == png.read_bytes()


def test_install_desktop_installs_and_uninstalls(tmp_path: Path) -> None:
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path / "home")}
    script = str(ROOT / "scripts" / "install-desktop")
    # A path with a space: the entry must quote it.
    program = "/opt/news reader/bin/newsreader"
    installed = _run(script, "--exec", program, env=env)
    assert installed.returncode == 0, installed.stderr

    entry_path = data / "applications" / DESKTOP.name
    sources = {data / "metainfo" / METAINFO.name: METAINFO}
    sources |= {data / p.relative_to(PACKAGING): p for p in ICONS.rglob(f"{APP_ID}.*")}
    assert len(sources) == 1 + len(SIZES) + 1  # the metainfo, the PNGs, the SVG
    for installed_path, source in sources.items():
        assert installed_path.read_bytes() == source.read_bytes(), installed_path
    entry = _entry(entry_path)
    assert entry["Exec"] == f'"{program}" %U' and entry["TryExec"] == program
    validated = _run(_tool("desktop-file-validate", "desktop-file-utils"), str(entry_path))
    assert (validated.returncode, validated.stdout + validated.stderr) == (0, "")

    removed = _run(script, "--uninstall", env=env)
    assert removed.returncode == 0, removed.stderr
    assert [str(p) for p in [entry_path, *sources] if p.exists()] == []
