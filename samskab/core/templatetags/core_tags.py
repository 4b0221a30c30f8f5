from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.template import TemplateSyntaxError
from django.template.base import token_kwargs
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, override

from samskab.core import fixed_urls, widget_renderer
from samskab.core.menu import main_menu_items

register = template.Library()


def _with_language_prefix(full_path: str, code: str) -> str:
    """The same path under another language's prefix, for addresses no view answers.

    translate_url() can only translate addresses it can resolve; a page that does not exist
    should still switch to the "page not found" in the other language, not to itself."""
    parts = urlsplit(full_path)
    first, _slash, rest = parts.path.lstrip("/").partition("/")
    path = f"/{rest}" if first in dict(settings.LANGUAGES) else parts.path
    if code != settings.LANGUAGE_CODE:
        path = f"/{code}{path}"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def _page_in_languages(request) -> tuple[bool, dict[str, str]]:
    """Whether a view answers this page's address, and the address (query string kept) in
    every language: what translate_url() gives, worked out once per request for both the
    alternates in <head> and the language switch, from the match the request was routed
    by rather than by resolving the address again."""
    language = get_language()
    known = getattr(request, "_samskab_page_in_languages", None)
    if known is not None and known[0] == language:
        return known[1]
    full_path = request.get_full_path()
    parts = urlsplit(full_path)
    match = request.resolver_match
    if match is None:  # a page not found, or a request that was never routed (tests)
        try:
            match = resolve(unquote(parts.path))
        except Resolver404:
            match = None
    if match is None:
        urls = {code: _with_language_prefix(full_path, code) for code, _name in settings.LANGUAGES}
    else:
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        urls = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                try:
                    path = reverse(name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    urls[code] = full_path
                    continue
            urls[code] = urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))
    found = (match is not None, urls)
    request._samskab_page_in_languages = (language, found)
    return found


def url_in_language(request, code: str) -> str:
    """This page's address (query string kept) in the language ``code``."""
    return _page_in_languages(request)[1][code]


@register.filter
def alternate_language_urls(request):
    """(language code, absolute URL) for this page in every language; none for addresses
    that do not exist, so error pages do not announce alternates."""
    if not request:
        return []
    exists, urls = _page_in_languages(request)
    if not exists:
        return []
    return [(code, request.build_absolute_uri(url)) for code, url in urls.items()]


@register.simple_tag
def language_switch_link(request):
    """A link to the same page in the other language, labelled in that language."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        if not request:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        else:
            url = url_in_language(request, code)
        links.append(
            format_html(
                '<a href="{}" hreflang="{}" lang="{}" class="samskab-language-link">{}</a>',
                url,
                code,
                code,
                info["name_local"].capitalize(),
            )
        )
    return format_html("".join(["{}"] * len(links)), *links)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The items of the header's main menu for whoever is looking, on this page."""
    request = context.get("request")
    return main_menu_items(request.path if request else "", context.get("user"))


@register.simple_tag
def fixed_url(name):
    """``{% url name %}`` for a URL without arguments, reversed once per language: for the
    links of the layout, which every page repeats."""
    url = fixed_urls.fixed_url(name)
    if url is None:
        raise NoReverseMatch(f"No URL pattern is named {name!r}.")
    return url


@register.filter
def machine_datetime(value):
    """A ``<time datetime>`` value: the moment in the site's time zone, ISO 8601 with its
    offset ("2026-12-07T18:30:00+0100"), without Django's date formatting (a comment thread
    writes twenty)."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M:%S%z")


@register.filter
def dkfds_widget_class(widget):
    """The DKFDS class for a widget, followed by any class the form itself set."""
    return widget_renderer.dkfds_class(widget)


@register.inclusion_tag("core/includes/breadcrumbs.html")
def breadcrumbs(*links_and_current, trail=()):
    """DKFDS breadcrumbs from the front page to this page, of any depth.

    ``{% breadcrumbs url1 label1 url2 label2 current %}``: the pages between the front page
    (always first, never passed) and this one as url/label pairs, outermost first, then this
    page's own label, marked ``aria-current="page"``. ``trail``: (url, label) pairs built in
    a view, placed before the pairs given in the template. Labels are escaped.
    """
    *links, current = links_and_current or (None,)
    if current is None or len(links) % 2:
        raise TemplateSyntaxError(
            "{% breadcrumbs %} takes url/label pairs followed by the current page's label."
        )
    crumbs = [*((url, label) for url, label in trail), *zip(links[::2], links[1::2], strict=True)]
    return {"crumbs": crumbs, "current": current}


class ScrollRegionNode(template.Node):
    def __init__(self, nodelist, label, labelledby):
        self.nodelist = nodelist
        self.label = label
        self.labelledby = labelledby

    def render(self, context):
        if self.labelledby is not None:
            name = format_html(' aria-labelledby="{}"', self.labelledby.resolve(context))
        else:
            name = format_html(' aria-label="{}"', self.label.resolve(context))
        return format_html(
            '<div class="table--responsive-scroll" tabindex="0" role="region"{}>{}</div>',
            name,
            self.nodelist.render(context),
        )


@register.tag
def scroll_region(parser, token):
    """A wide table (or anything that may scroll sideways on a phone) in the site's one
    scrolling wrapper: a focusable region with a name, so a keyboard can reach and scroll it
    and a screen reader announces what it holds.

    ``{% scroll_region label=_("Hours per year") %}<table>…</table>{% endscroll_region %}``,
    or ``labelledby="heading-id"`` to name it by an element of the page. Exactly one of the
    two; the label is escaped.
    """
    bits = token.split_contents()
    kwargs = token_kwargs(bits[1:], parser, support_legacy=False)
    if len(bits) != 2 or set(kwargs) not in ({"label"}, {"labelledby"}):
        raise TemplateSyntaxError(
            "{% scroll_region %} takes exactly one of label=… or labelledby=…."
        )
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(nodelist, kwargs.get("label"), kwargs.get("labelledby"))
