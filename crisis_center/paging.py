"""Pages of long lists that never count the whole list."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGES_AHEAD = 10  # how far past the page asked for the count looks
MOST_PAGES = 100_000  # a page number past this is read as this


class BoundedPaginator(Paginator):
    """A Paginator whose count stops a few pages past the page asked for.

    A plain Paginator runs COUNT(*) over the whole list on every view: on a supervisor's
    list of every client or every contact, a read of a table that grows with the center.
    This one counts over a LIMIT, so a page costs the same at any size; `more` says the
    list goes on past the pages counted ("Page 3 of 13 or more").
    """

    def __init__(self, object_list, per_page, asked: str | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        try:
            number = min(max(int(asked), 1), MOST_PAGES)
        except (TypeError, ValueError):
            number = 1
        self.limit = (number + PAGES_AHEAD) * per_page

    @cached_property
    def found(self) -> int:
        """Rows counted, at most one past the limit (a bounded COUNT in the database)."""
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.found, self.limit)

    @property
    def more(self) -> bool:
        return self.found > self.limit
