"""Small pieces of markup drawn in Python, for the pages that draw many of them.

The template language costs a few microseconds a value; a page that draws hundreds of
values (a plan's actions, a council dashboard's tables) spends more time there than in
its queries. These helpers write what the templates and tags they stand for write, with
the standard library's `html.escape` (what Django's `escape` does) on every value, and
remember what depends only on its arguments (a table's head, a status key's legend, a
date). Each is tested against the template or tag it mirrors.
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.template.defaultfilters import date
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import status as status_scale

STATUS_TAG = (
    '<strong class="govuk-tag {css_class} app-status" data-status="{value}">{label}</strong>'
)
NO_STATUS = '<span class="govuk-hint">No status</span>'


@functools.lru_cache(maxsize=4096)
def date_text(day, format_string: str, language: str) -> str:
    """`day` as the `date` filter writes it in `language`, escaped; remembered, since a
    page's dates fall on a few days."""
    return escape(date(day, format_string))


def day_text(value, format_string: str = "j M Y") -> str:
    """A date, or an aware datetime's day where the user is, as `{{ value|date }}` writes
    it, escaped; "" for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_text(value, format_string, get_language())


def first_words(text: str, count: int) -> str:
    """`Truncator(text).words(count)` (the `truncatewords` filter) without its lazy
    object: the first `count` words, then "…" if there were more."""
    words = text.split()
    if len(words) > count:
        return " ".join(words[:count]) + "…"
    return " ".join(words)


def whole_pounds(value) -> str:
    """An amount as `{{ value|floatformat:"0g" }}` writes it: rounded half up to whole
    pounds, grouped in thousands ("1,234,568"; never "-0")."""
    return f"{int(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)):,}"


@functools.lru_cache(maxsize=64)
def _status_tag(status: str, key: str) -> str:
    return STATUS_TAG.format(
        **{name: escape(str(value)) for name, value in status_scale.display(status, key).items()}
    )


def status_tag(status, key=None) -> str:
    """`{% status_tag status key %}`: a status as a GOV.UK tag with its word."""
    if not status:
        return NO_STATUS
    return _status_tag(str(status), key or status_scale.StatusKey.BRAG)


@functools.lru_cache(maxsize=256)
def table_head(*headers: str) -> SafeString:
    """A GOV.UK table's head row: table_head("Measure", "Latest|numeric", "Change|hidden").

    `|numeric` right-aligns a column's header; `|hidden` keeps it for screen readers only.
    """
    cells = []
    for header in headers:
        text, _, kind = header.partition("|")
        css = " govuk-table__header--numeric" if kind == "numeric" else ""
        label = (
            f'<span class="govuk-visually-hidden">{escape(text)}</span>'
            if kind == "hidden"
            else escape(text)
        )
        cells.append(f'<th scope="col" class="govuk-table__header{css}">{label}</th>')
    return mark_safe(  # noqa: S308 (each header is escaped)  # nosec B308, B703
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        f"{''.join(cells)}</tr></thead>"
    )


@functools.lru_cache(maxsize=8)
def status_legend(key=None) -> SafeString:
    """The key to a status scale (components/status_legend.html), drawn once per key."""
    return mark_safe(  # noqa: S308 (a template's output)  # nosec B308, B703
        render_to_string("components/status_legend.html", {"legend": status_scale.legend(key)})
    )


PAGE_LINK = (
    '<div class="govuk-pagination__{rel}"><a class="govuk-link govuk-pagination__link" '
    'href="{href}" rel="{rel}"><span class="govuk-pagination__link-title">{label}'
    '<span class="govuk-visually-hidden"> page</span></span></a></div>'
)
PAGE_ITEM = (
    '<li class="govuk-pagination__item{current}"><a class="govuk-link '
    'govuk-pagination__link" href="{href}" aria-label="Page {number}"{aria}>{number}</a></li>'
)
ELLIPSIS = '<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>'


def pagination(page, query) -> SafeString:
    """GOV.UK pagination for a Django Page (as tests/core/pagination_reference.html drew it), each
    link keeping the rest of the query string `query` (a QueryDict: request.GET)."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return mark_safe("")  # a literal  # nosec B308

    def href(number) -> str:
        params = query.copy()
        params["page"] = number
        return escape(f"?{params.urlencode()}")

    items = []
    for number in paginator.get_elided_page_range(page.number):
        if number == paginator.ELLIPSIS:
            items.append(ELLIPSIS)
            continue
        current = number == page.number
        items.append(
            PAGE_ITEM.format(
                current=" govuk-pagination__item--current" if current else "",
                href=href(number),
                number=number,
                aria=' aria-current="page"' if current else "",
            )
        )
    previous = (
        PAGE_LINK.format(rel="prev", href=href(page.previous_page_number()), label="Previous")
        if page.has_previous()
        else ""
    )
    following = (
        PAGE_LINK.format(rel="next", href=href(page.next_page_number()), label="Next")
        if page.has_next()
        else ""
    )
    return mark_safe(  # noqa: S308 (hrefs are escaped; the rest is ours)  # nosec B308, B703
        f'<nav class="govuk-pagination" aria-label="Pages">{previous}'
        f'<ul class="govuk-pagination__list">{"".join(items)}</ul>{following}</nav>'
    )
