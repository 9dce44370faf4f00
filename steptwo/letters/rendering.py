"""Render a letter template (Jinja2 HTML with its A4 print CSS) to PDF bytes with WeasyPrint.

Nothing is fetched while rendering: the stylesheet is inlined by the template and every URL is refused,
so a letter looks the same on every machine and never reaches the network (fonts are local: Arial or
its metric-compatible Liberation Sans, then DejaVu Sans).
"""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher


class NoFetching(URLFetcher):
    def fetch(self, url, headers=None):
        raise FatalURLFetchingError(f"Letters are self-contained: refused to fetch {url}")


def render_html(template_name, context):
    return render_to_string(template_name, context)


def render_pdf(template_name, context):
    """PDF bytes for `template_name` (under jinja2/letters/) rendered with `context`."""
    html = render_html(template_name, context)
    return HTML(string=html, url_fetcher=NoFetching()).write_pdf()
