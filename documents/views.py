from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from portal.core.pagination import CachedCountPaginator, filter_key

from . import citations
from .filters import PublicDocumentFilter
from .selectors import document_links, public_document_detail, public_documents

PAGE_SIZE = 20


@require_safe
def document_list(request):
    document_filter = PublicDocumentFilter(request.GET or None, queryset=public_documents())
    page = CachedCountPaginator(document_filter.qs, PAGE_SIZE, count_key=filter_key(request, "documents")).get_page(
        request.GET.get("page"))
    filtered = any(value for key, value in request.GET.items() if key != "page")
    return render(request, "documents/document_list.html", {
        "filter": document_filter, "page": page, "filtered": filtered, "today": timezone.localdate(),
    })


@require_safe
def document_detail(request, slug):
    # Staff may preview a document before it is published; the public never sees it.
    today = timezone.localdate()
    document = public_document_detail(slug=slug, preview=request.user.is_staff, today=today)
    context = {
        "document": document,
        "related_groups": document_links(document, today=today),
        "citing": citations.citing(document),
        "today": today,
    }
    response = render(request, "documents/document_detail.html", context)
    if not document.is_published:
        add_never_cache_headers(response)
    return response
