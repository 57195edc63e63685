"""The links under a paginated public list: previous, next and an elided range of numbers."""

from collections.abc import Callable

from django.core.paginator import Page


def page_links(page: Page, url: Callable[[int], str]) -> dict[str, object]:
    """Links to the other pages around `page` ("1 … 4 5 6 … 20"); url(number) gives a page's
    address, keeping whatever the visitor searched and filtered. An ellipsis is
    {"number": None}; the templates draw these with core's pagination include."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": url(page.number - 1) if page.has_previous() else "",
        "next": url(page.number + 1) if page.has_next() else "",
        "numbers": [
            {"number": None}
            if number == page.paginator.ELLIPSIS
            else {"number": number, "url": url(number), "current": number == page.number}
            for number in numbers
        ],
    }
