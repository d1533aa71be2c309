"""Django template -> tagged, accessible PDF with WeasyPrint: the one PDF helper.

Everything a pack needs comes from the app's own static folder (fonts, print CSS):
the URL fetcher refuses anything else, so rendering never touches the network and a
template cannot be made to read files elsewhere on the server.
"""

import gc
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"


def static_root() -> Path:
    """The source static folder (not STATIC_ROOT: packs render before collectstatic too)."""
    return (Path(settings.BASE_DIR) / "static").resolve()


class StaticOnlyURLFetcher(URLFetcher):
    """Fetches data: URLs and file: URLs under the static folder; refuses everything else."""

    def __init__(self, root: Path | None = None, **kwargs) -> None:
        super().__init__(allowed_protocols={"file", "data"}, **kwargs)
        self.root = (root or static_root()).resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            logger.warning("Pack refused to fetch %s", url)
            raise ValueError(f"Packs may not fetch {scheme or 'relative'} URLs: {url}")
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            logger.warning("Pack refused to read %s", path)
            raise ValueError(f"Packs read only the app's static files, not {path}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def html_to_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1 from an HTML string whose relative URLs resolve in static/.

    The document's title and language come from its <title> and <html lang>. Python's
    cyclic garbage collector is paused while WeasyPrint works (see below).
    """
    # WeasyPrint makes millions of short-lived objects, nearly all freed by reference
    # counting. The cyclic collector's passes over them, and over Django's heap, took
    # about a sixth of a 30-page council pack's time. Without them a 70-page region
    # pack peaks about 35 MB higher (some 300 MB, inside its 500 MB budget). So the
    # collector is off for the render and back on (if it was on) as soon as it ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        fonts = FontConfiguration()
        document = HTML(
            string=html,
            base_url=static_root().as_uri() + "/",
            url_fetcher=StaticOnlyURLFetcher(),
        )
        return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=fonts)
    finally:
        if collecting:
            gc.enable()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to a tagged PDF (see html_to_pdf)."""
    return html_to_pdf(render_to_string(template_name, context))
