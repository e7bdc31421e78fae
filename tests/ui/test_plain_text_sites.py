"""Every place the window puts text into a Qt widget goes through ui/plain_text.py's rule, or
is text of our own: a structural check over the source, so that a new call site cannot show a
publisher's text as markup unnoticed.

A call site passes when the text it gives is ours (a literal, a translation, a constant) or
made safe for its sink (``plain_tooltip`` for tooltips, ``plain_title`` for window titles,
``notice_text`` for desktop notifications). Any other site must be listed in ``ALLOWED`` with
the reason its widget shows text as it is (a ``plain_label``, a line edit, the status bar).
Labels and message boxes are made only in plain_text.py, plain.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import newsreader.ui

UI = Path(newsreader.ui.__file__).parent
RULE = "plain_text.py"

# method -> the positions of the arguments that are shown
SHOWN_ARGS: dict[str, tuple[int, ...]] = {
    "setToolTip": (0,),
    "setText": (0,),
    "setWindowTitle": (0,),
    "setInformativeText": (0,),
    "setLabelText": (0,),
    "showMessage": (0, 1),
    "getText": (1, 2),
}
# method -> the keyword arguments that are shown (the text of a line edit is not markup)
SHOWN_KEYWORDS: dict[str, tuple[str, ...]] = {"getText": ("title", "label")}
# what makes text safe for each sink; any of these is fine for setText on a plain label
SAFE_FOR = {
    "setToolTip": {"plain_tooltip"},
    "setWindowTitle": {"plain_title"},
    "showMessage": {"notice_text"},
}
TRANSLATE = {"tr", "translate"}
# The two documents that are HTML: the pane's (render.article, escaped by the core, resources
# refused) and the PDF's (escaped with esc, resources refused).
MARKUP_MODULES = ("widgets/article_view.py", "pdf_export.py")

_PLAIN_LABEL = "a plain_label: shows its text as it is"
_LINE_EDIT = "a QLineEdit shows text as it is"
_STATUS_BAR = "QStatusBar paints its message as plain text"
# (module, receiver, method) -> why the widget shows the text as it is
ALLOWED: dict[tuple[str, str, str], str] = {
    ("dialogs/form.py", "self.error_label", "setText"): _PLAIN_LABEL,
    ("dialogs/form.py", "self.ok_button()", "setText"): "the caller's translated button name",
    ("dialogs/form.py", "self.buttons.button(_CANCEL)", "setText"): "the same",
    ("widgets/message_bar.py", "self._text", "setText"): _PLAIN_LABEL,
    ("widgets/message_bar.py", "self._button", "setText"): "the translated name of an action",
    ("widgets/refresh_status.py", "self.label", "setText"): _PLAIN_LABEL,
    ("controllers/undo.py", "self.bar.label", "setText"): _PLAIN_LABEL,
    ("controllers/feeds.py", "self._updated_label", "setText"): _PLAIN_LABEL,
    ("dialogs/feed_properties.py", "self.full_article_hint", "setText"): _PLAIN_LABEL,
    ("dialogs/shortcuts.py", "self.conflict_label", "setText"): _PLAIN_LABEL,
    ("widgets/filter_bar.py", "button", "setText"): "a translated name from its table",
    ("widgets/filter_bar.py", "button", "setToolTip"): "a translated tooltip from its table",
    ("dialogs/export.py", "self.path_edit", "setText"): _LINE_EDIT,
    ("dialogs/settings.py", "self.proxy_host_edit", "setText"): _LINE_EDIT,
    ("dialogs/add_feed.py", "self.url_edit", "setText"): _LINE_EDIT,
    ("controllers/search.py", "self.field", "setText"): _LINE_EDIT,
    ("controllers/search.py", "self.save_button", "setToolTip"): "an action's translated tooltip",
    ("controllers/folders.py", "dialog", "setWindowTitle"): "a translated title of its caller",
    ("controllers/tray.py", "self.tray", "setToolTip"): "the translated unread count (tooltip())",
    ("controllers/folders.py", "dialog", "setLabelText"): "a translated question of its caller",
    ("controllers/share.py", "QGuiApplication.clipboard()", "setText"): "not shown",
    ("controllers/articles.py", "QGuiApplication.clipboard()", "setText"): "the same",
    ("dialogs/feed_properties.py", "QGuiApplication.clipboard()", "setText"): "the same",
    ("controllers/share.py", "self._status_bar", "showMessage"): _STATUS_BAR,
    ("controllers/search.py", "self._status_bar", "showMessage"): _STATUS_BAR,
    ("controllers/undo.py", "self._status_bar", "showMessage"): _STATUS_BAR,
    ("main_window.py", "self.statusBar()", "showMessage"): _STATUS_BAR,
}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(UI.rglob("*.py")):
        yield path.relative_to(UI).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _ours(node: ast.expr, safe: set[str]) -> bool:
    """Whether ``node`` is text of our own, or made safe by one of ``safe``."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()  # a module constant
    if isinstance(node, ast.IfExp):
        return _ours(node.body, safe) and _ours(node.orelse, safe)
    if isinstance(node, ast.BoolOp):
        return all(_ours(value, safe) for value in node.values)
    if isinstance(node, ast.JoinedStr):
        return all(
            _ours(part.value if isinstance(part, ast.FormattedValue) else part, safe)
            for part in node.values
        )
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATE or name in safe:
            return True
        if name == "replace" and isinstance(node.func, ast.Attribute):
            return _ours(node.func.value, safe) and all(_ours(a, safe) for a in node.args)
        if name in ("len", "format_long", "format_short"):  # numbers, dates
            return True
        if name == "str":
            return all(_ours(a, safe) for a in node.args)
    return False


def _violations() -> tuple[list[str], set[tuple[str, str, str]]]:
    found: list[str] = []
    used: set[tuple[str, str, str]] = set()
    every_safe = set().union(*SAFE_FOR.values())
    for module, tree in _modules():
        if module == RULE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found += _check_call(module, node, used, every_safe)
            elif isinstance(node, ast.If) and "ToolTipRole" in ast.unparse(node.test):
                found += [
                    f"{module}:{stmt.lineno}: a tooltip role returns {ast.unparse(stmt.value)}"
                    for stmt in node.body
                    if isinstance(stmt, ast.Return)
                    and stmt.value is not None
                    and not _ours(stmt.value, {"plain_tooltip"})
                ]
    return found, used


def _check_call(
    module: str, node: ast.Call, used: set[tuple[str, str, str]], every_safe: set[str]
) -> list[str]:
    where = f"{module}:{node.lineno}"
    name, func = _name(node.func), node.func
    if name in ("QLabel", "QMessageBox") and isinstance(func, ast.Name):
        return [f"{where}: a {name} made outside plain_text.py"]
    if name == "setTextFormat" and "PlainText" not in ast.unparse(node.args[0]):
        return [f"{where}: a text format other than plain"]
    if name in ("setHtml", "showText") and module not in MARKUP_MODULES:
        return [f"{where}: {name} outside the article pane and the PDF"]
    if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "QMessageBox":
        if name[:1].islower() and not all(_ours(a, set()) for a in node.args[1:]):
            return [f"{where}: QMessageBox.{name} reads its text as markup"]
        return []
    if name == "setData" and len(node.args) >= 2 and "ToolTipRole" in ast.unparse(node.args[1]):
        if not _ours(node.args[0], {"plain_tooltip"}):
            return [f"{where}: tooltip {ast.unparse(node.args[0])}"]
        return []
    if name not in SHOWN_ARGS or not isinstance(func, ast.Attribute):
        return []
    safe = SAFE_FOR.get(name, every_safe)
    shown = [node.args[i] for i in SHOWN_ARGS[name] if i < len(node.args)]
    shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS.get(name, ())]
    if all(_ours(arg, safe) for arg in shown):
        return []
    key = (module, ast.unparse(func.value), name)
    if key in ALLOWED:
        used.add(key)
        return []
    return [f"{where}: {ast.unparse(node)[:120]}"]


def test_every_text_shown_goes_through_the_plain_text_rule() -> None:
    found, _used = _violations()
    assert found == [], "\n".join(found)


def test_every_allowed_site_still_exists() -> None:
    _found, used = _violations()
    assert set(ALLOWED) - used == set()


def test_the_check_catches_what_it_is_for() -> None:
    """The check itself: each way of showing remote text as markup is caught."""
    samples = {
        "label = QLabel(feed.title)": 1,
        "box = QMessageBox(parent)": 1,
        "QMessageBox.question(self, self.tr('T'), name)": 1,
        "QMessageBox.about(self, self.tr('A'), self.tr('<b>ours</b>'))": 0,
        "item.setToolTip(feed.title)": 1,
        "item.setToolTip(plain_tooltip(feed.title))": 0,
        "item.setToolTip(self.tr('Refresh'))": 0,
        "item.setData(node.error, Qt.ItemDataRole.ToolTipRole)": 1,
        "self.setWindowTitle(self.tr('Properties: %1').replace('%1', feed.title))": 1,
        "self.setWindowTitle(plain_title(feed.title))": 0,
        "self.label.setText(entry.title)": 1,
        "self.tray.showMessage(self.tr('N'), message, icon, 5)": 1,
        "label.setTextFormat(Qt.TextFormat.AutoText)": 1,
    }
    for source, expected in samples.items():
        call = ast.parse(source).body[0]
        node = next(n for n in ast.walk(call) if isinstance(n, ast.Call))
        got = _check_call("x.py", node, set(), set().union(*SAFE_FOR.values()))
        assert len(got) == expected, (source, got)
    tooltip_role = ast.parse(
        "def data(self, index, role):\n"
        "    if role == Qt.ItemDataRole.ToolTipRole:\n"
        "        return row.title\n"
    )
    node = next(n for n in ast.walk(tooltip_role) if isinstance(n, ast.If))
    returned = node.body[0]
    assert isinstance(returned, ast.Return) and returned.value is not None
    assert not _ours(returned.value, {"plain_tooltip"})
