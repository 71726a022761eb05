"""Pages of long lists that never count the whole list: `page_of()` is how every list
page takes its page, and templates/includes/pagination.html shows it."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
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
        if not hasattr(self.object_list, "order_by"):  # a list: counted already
            return len(self.object_list)
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.found, self.limit)

    @property
    def more(self) -> bool:
        return self.found > self.limit


def page_of(request: HttpRequest, rows, per_page: int, param: str = "page") -> Page:
    """The page of `rows` the request asks for in `param`; a bad or too-large number
    shows the nearest page. The page knows its parameter and the request's other
    parameters, for the pager (templates/includes/pagination.html) to link with."""
    asked = request.GET.get(param)
    return linked(request, BoundedPaginator(rows, per_page, asked=asked).get_page(asked), param)


def linked(request: HttpRequest, page: Page, param: str = "page") -> Page:
    """`page` (of any paginator) told its query parameter and the request's others."""
    others = request.GET.copy()
    others.pop(param, None)
    page.param = param
    page.keep = f"{others.urlencode()}&" if others else ""
    return page


def first(rows, shown: int) -> tuple[list, bool]:
    """The first `shown` rows, in one query, and whether there are more: a section of a
    page that shows a few and links to the whole list, paged."""
    found = list(rows[: shown + 1])
    return found[:shown], len(found) > shown
