"""What the administration pages share: the administrator's council, paging, and a table page."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from tellonce.organisations.councils import council_id

PER_PAGE = 50


def council_of(request: Any) -> int:
    found = council_id(request.user)
    if found is None:
        raise Http404
    return found


def paged(request: Any, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def query_without_page(request: Any) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def table_page(
    request: Any, *, title: str, head: list[str], rows: list[list[Any]], page: Any = None, **extra: Any
) -> Any:
    """A list: optional actions, filter form and introduction, then a table (a cell is text, or
    (text, link)), paged. administration/table.jinja."""
    return render(
        request,
        "administration/table.jinja",
        {"title": title, "head": head, "rows": rows, "page": page, "query": query_without_page(request)}
        | extra,
    )
