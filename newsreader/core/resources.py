"""Where the bundled resources live: site rules, the demo site, translations, icons.

The repository keeps them in its top-level resources/ folder, which the build installs as the
package ``newsreader.resources`` (setup.py): an installed wheel and an editable install find
them through importlib.resources. Where there is no such package, the folder beside the
newsreader/ package is read: a checkout run without installing (``PYTHONPATH=.``), and the
PyInstaller bundle (packaging/newsreader.spec), which lays them out as a checkout does.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

PACKAGE = "newsreader.resources"
# A checkout: resources/ beside the newsreader/ package folder.
_BESIDE_PACKAGE = Path(__file__).resolve().parents[2] / "resources"


@cache
def resources_dir() -> Path:
    """The resources folder: ``sites/``, ``demo/site/``, ``translations/``, ``icons/``.

    Raises:
        RuntimeError: the install keeps them in an archive (a zip import), not in a folder.
    """
    try:
        root = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        return _BESIDE_PACKAGE
    if not isinstance(root, Path):
        # The callers hand these paths to Qt (translations, icons) and to the demo's web
        # server, which read real files; every way of installing Newsreader unpacks them.
        raise RuntimeError(f"Newsreader's resources are not in a folder: {root}")
    return root
