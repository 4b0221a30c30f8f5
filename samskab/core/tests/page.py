"""A small reader for rendered pages, so tests can ask what a visitor would see: the
headings, the links, the language, the landmarks."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    parents: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(
            tag, {name: value or "" for name, value in attrs}, parents=[e.tag for e in self.open]
        )
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


class Page:
    def __init__(self, response):
        self.status_code = response.status_code
        self.html = response.content.decode()
        collector = _Collector()
        collector.feed(self.html)
        self.elements = collector.elements

    def all(self, tag: str, **attrs) -> list[Element]:
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def one(self, tag: str, **attrs) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def text_of(self, tag: str) -> list[str]:
        return [" ".join(element.text.split()) for element in self.all(tag)]

    @property
    def language(self) -> str:
        return self.one("html").attrs.get("lang", "")

    @property
    def title(self) -> str:
        return self.text_of("title")[0]

    @property
    def h1(self) -> str:
        headings = self.text_of("h1")
        assert len(headings) == 1, f"expected one h1, found {headings}"
        return headings[0]

    def heading_levels_in_main(self) -> list[int]:
        return [
            int(element.tag[1])
            for element in self.elements
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and "main" in element.parents
        ]

    def hrefs(self) -> list[str]:
        return [element.attrs.get("href", "") for element in self.all("a")]

    def link(self, text: str) -> Element:
        found = [a for a in self.all("a") if " ".join(a.text.split()) == text]
        assert found, f"no link with the text {text!r}"
        return found[0]
