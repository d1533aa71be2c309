"""The PDF helper: static files only, never the network or the rest of the disk."""

import io

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from sendtracker.packs.render import StaticOnlyURLFetcher, html_to_pdf, static_root


def test_fetcher_is_a_weasyprint_url_fetcher(monkeypatch):
    """WeasyPrint takes it as its fetcher: every resource of a pack goes through it."""
    assert isinstance(StaticOnlyURLFetcher(), URLFetcher)
    fetched = []
    fetch = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    html = (
        '<html lang="en-GB"><head><title>T</title>'
        '<link rel="stylesheet" href="css/pack.css"></head><body><p>x</p></body></html>'
    )
    html_to_pdf(html)
    assert (static_root() / "css" / "pack.css").as_uri() in fetched


def test_fetcher_reads_static_files_and_data_urls():
    fetcher = StaticOnlyURLFetcher()
    font = static_root() / "fonts" / "LiberationSans-Regular.ttf"
    assert fetcher.fetch(font.as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/font.ttf",
        "http://127.0.0.1:8000/static/css/pack.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        (static_root() / ".." / "manage.py").as_uri(),
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError, match="Packs"):
        StaticOnlyURLFetcher().fetch(url)


def test_a_document_asking_for_the_network_still_renders_without_it(caplog):
    html = (
        '<html lang="en-GB"><head><title>T</title>'
        '<link rel="stylesheet" href="https://example.com/x.css"></head>'
        '<body><img src="file:///etc/hostname" alt="x"><p>Hello</p></body></html>'
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert "Hello" in reader.pages[0].extract_text()
    assert "Pack refused" in caplog.text


def test_cyclic_gc_is_paused_while_rendering_and_restored_after(monkeypatch):
    import gc

    from weasyprint import HTML

    seen = []
    write_pdf = HTML.write_pdf

    def spy(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", spy)
    html = '<html lang="en-GB"><head><title>T</title></head><body><p>x</p></body></html>'
    assert gc.isenabled()
    html_to_pdf(html)
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        html_to_pdf(html)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cyclic_gc_comes_back_on_when_rendering_fails(monkeypatch):
    import gc

    from weasyprint import HTML

    def broken(self, *args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(HTML, "write_pdf", broken)
    with pytest.raises(RuntimeError):
        html_to_pdf("<p>x</p>")
    assert gc.isenabled()
