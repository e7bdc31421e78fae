"""Newsreader's bundled data: site rules, the demo site, translations, icons.

No code lives here. This file makes the folder the package ``newsreader.resources`` once
installed (setup.py maps it there), so an installed copy reads its data through
``importlib.resources``; ``newsreader.core.resources.resources_dir()`` is the one way in.
"""
