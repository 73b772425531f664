"""Opening the built site in headless Chromium, with every non-local request blocked."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def site_pages(html_dir: Path) -> list[Path]:
    return sorted(path for path in html_dir.rglob("*.html") if "_static" not in path.parts)


@contextmanager
def serving(html_dir: Path):
    """The built site on a loopback port, for as long as the block runs."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(html_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str):
    """Open url with every non-local request blocked; return the page and what went wrong."""
    page = browser.new_page()
    blocked, errors = [], []

    def route(request_route):
        host = urlparse(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or request_route.request.url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on(
        "response",
        lambda response: errors.append(f"HTTP {response.status} {response.url}") if response.status >= 400 else None,
    )
    page.goto(url, wait_until="networkidle")
    return page, blocked, errors
