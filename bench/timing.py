"""The one way every in-process figure of the bench is taken, shared by run.py (the portal) and
bench/reference/measure.py (the Wagtail and plain Django references, in their own venv), so a
ratio between them compares pages, not methods.

A hit is one GET through Django's test client and the project's whole middleware stack, by an
anonymous visitor with no cookies (the jar is emptied before each hit, as wrk and a first-time
visitor send none), a streamed body read to its end. A page's figure is the median of `hits`
timed hits after two warm-up hits (one when the first took over a second); a page stops early
once it has spent `page_seconds` and has at least three hits. Only Django and the standard library
are used here: the reference venv imports this file too."""

import statistics
import time


def make_hit(client):
    """hit(url) -> (ms, response): one anonymous GET, body consumed."""

    def hit(url):
        client.cookies.clear()
        start = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return (time.perf_counter() - start) * 1000, response

    return hit


def median_of(hit, url, hits: int, page_seconds: float, warm: bool = True) -> dict:
    """{"ms", "hits", "status", "times"} for one page: the median of up to `hits` timed hits."""
    first = None
    if warm:
        first, response = hit(url)
        if first < 1000:
            _, response = hit(url)
    times, spent = [], 0.0
    least = 3 if first is None or first < page_seconds * 1000 / 3 else 1  # a page of seconds: fewer hits
    while len(times) < hits and (len(times) < least or spent < page_seconds * 1000):
        ms, response = hit(url)
        times.append(ms)
        spent += ms
    return {"ms": round(statistics.median(times), 3), "hits": len(times), "status": response.status_code,
            "times": times, "response": response}
