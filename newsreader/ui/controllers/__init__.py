"""What the window does: one controller per concern, each given the collaborators it uses
(library, models, widgets, scheduler, message hub) by ``main_window``, never the window."""
