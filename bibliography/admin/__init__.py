"""The curators' workbench: work list and form, review queues, article import, history.

Split by page; importing the package registers everything with the admin site.
"""

from bibliography.admin import articles, misc, queues, works

__all__ = ["articles", "misc", "queues", "works"]
